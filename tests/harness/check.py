#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Harness check: boot build/x86_64/harness.elf in every misbehaviour mode and
assert the runner's verdict (read from its --json) and exit status.

    python3 tests/harness/check.py            # real QEMU, TCG (default)
    python3 tests/harness/check.py --accel auto
    python3 tests/harness/check.py --fake     # fake VMM, no guest needed

Prints one row per scenario; exits 1 on any mismatch, 2 when it cannot run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.path.join(ROOT, "scripts", "runner.py")
CFG = os.path.join(HERE, "unittests.cfg")
FAKE = os.path.join(ROOT, "tests", "runner", "fakevmm.py")
MIGWRAP = os.path.join(HERE, "migwrap.py")


@dataclass
class Scenario:
    name: str
    test: str | None          # cfg entry (None: no test verdict expected)
    verdict: str | None
    status: int
    extra: list[str] = field(default_factory=list)
    config: str | None = None  # replacement cfg text
    # Once the VMM runs, this signal goes to the runner's process group (the
    # runner then leads a session of its own): a closed terminal, a CI cancel.
    kill_runner: int | None = None
    # The guest prints escape sequences and characters XML forbids: the
    # terminal must show none raw and the JUnit report must still parse.
    hostile: bool = False
    # Environment for the runner and its VMMs (migwrap.py reads HVTEST_MIGWRAP).
    env: dict[str, str] = field(default_factory=dict)
    real_only: bool = False    # needs QEMU and build/x86_64/migration.elf
    # SIGINT to the runner as soon as one of its VMMs has this word in its
    # command line ("harness.elf": the guest runs; "-incoming": a destination
    # exists, a migration is on). Never after a fixed delay: a loaded host may
    # not have started the runner's handlers yet.
    interrupt_when: bytes | None = None


SCENARIOS = [
    Scenario("pass", "pass", "PASS", 0),
    Scenario("fail", "fail", "FAIL", 1),
    Scenario("skip", "skip", "SKIP", 0),
    Scenario("xfail (report_xfail)", "xfail", "XFAIL", 0),
    Scenario("hang -> timeout", "hang", "TIMEOUT", 1),
    Scenario("triple fault", "triple", "CRASH", 1),
    Scenario("unexpected exception", "exception", "CRASH", 1),
    Scenario("garbage output", "garbage", "CRASH", 1),
    Scenario("hostile bytes in a failure", "hostile", "FAIL", 1, hostile=True),
    Scenario("console flood", "flood", "CRASH", 1, ["--log-cap", "64K"]),
    Scenario("abort()", "abort", "CRASH", 1),
    Scenario("no end marker", "noend", "CRASH", 1),
    Scenario("VMM aborts on start", "vmm-abort", "CRASH", 1),
    Scenario("VMM binary missing", "vmm-missing", "ERROR", 1,
             ["--vmm-binary", "qemu=/nonexistent/qemu-system-x86_64"]),
    Scenario("accel not allowed", "kvm-only", "SKIP", 0, ["--accel", "tcg"]),
    Scenario("known failure (expectations)", "fail", "XFAIL", 0, ["@expect"]),
    Scenario("listed but passes (expectations)", "pass", "XPASS", 1, ["@expect"]),
    Scenario("Ctrl-C during a hang", "hang", "ERROR", 130, interrupt_when=b"harness.elf"),
    Scenario("SIGHUP of the runner during a hang", "hang", "ERROR", 130, kill_runner=signal.SIGHUP),
    Scenario("kill -9 of the runner during a hang", "hang", None, -signal.SIGKILL,
             kill_runner=signal.SIGKILL),
    Scenario("migration: two migrations", "migrate-pass", "PASS", 0, real_only=True),
    Scenario("migration: destination never starts", "migrate-pass", "CRASH", 1,
             ["@migwrap"], env={"HVTEST_MIGWRAP": "dest-absent"}, real_only=True),
    Scenario("migration: destination aborts (failed migration)", "migrate-pass", "CRASH", 1,
             ["@migwrap"], env={"HVTEST_MIGWRAP": "dest-abort"}, real_only=True),
    Scenario("migration: source dies mid-migration", "migrate-pass", "CRASH", 1,
             ["@migwrap"], env={"HVTEST_MIGWRAP": "source-dies"}, real_only=True),
    Scenario("migration: Ctrl-C during continuous migration", "migrate-continuous", "ERROR", 130,
             interrupt_when=b"-incoming", real_only=True),
    Scenario("config error", None, None, 2, config="[groups]\nharness = x\n\n[t]\nsmp = 0\n"),
    Scenario("unknown option", None, None, 2, ["--no-such-option"]),
]


def leftovers(tag: str) -> list[int]:
    """Pids of processes that inherited our tag in their environment."""
    found = []
    needle = f"HVTEST_CHECK_TAG={tag}".encode()
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open(f"/proc/{d}/environ", "rb") as f:
                if needle in f.read().split(b"\0"):
                    found.append(int(d))
        except OSError:
            continue
    return found


def default_sighup() -> None:
    """In the runner's child before exec: a SIGHUP row holds even under nohup."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def vmm_running(tag: str, word: bytes = b"harness.elf") -> bool:
    """True once a tagged process has WORD in its command line (default: runs the harness guest)."""
    for pid in leftovers(tag):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if word in f.read():
                    return True
        except OSError:
            continue
    return False


def hostile_problems(output: bytes, junit: str) -> str:
    """What of the guest's hostile bytes leaked: raw into the terminal, or into the JUnit XML."""
    problems = []
    for raw in (b"\x1b", "\u202e".encode(), "\ufffe".encode(), b"\x07"):
        if raw in output:
            problems.append(f"RAW {raw!r} IN TERMINAL")
    try:
        ET.parse(junit)
    except (OSError, ET.ParseError) as exc:
        problems.append(f"JUNIT UNREADABLE ({exc})")
    return "".join(p + "; " for p in problems)


def run_one(sc: Scenario, base: list[str], tmp: str, accel: str) -> tuple[str, int, str]:
    out_json = os.path.join(tmp, "result.json")
    if os.path.exists(out_json):
        os.unlink(out_json)
    args = list(base)
    extra = [a for a in sc.extra if a not in ("@expect", "@migwrap")]
    if "@migwrap" in sc.extra:
        extra += ["--vmm-binary", f"qemu={MIGWRAP}"]
    if "@expect" in sc.extra:
        args += ["--expectations", os.path.join(HERE, "expectations")]
    else:
        args += ["--no-expectations"]
    if "--accel" not in extra:
        args += ["--accel", accel]
    cfg = CFG
    if sc.config is not None:
        cfg = os.path.join(tmp, "bad.cfg")
        with open(cfg, "w") as f:
            f.write(sc.config)
    args += ["--config", cfg, "--json", out_json, *extra]
    out_junit = os.path.join(tmp, "result.xml")
    if sc.hostile:
        args += ["--junit", out_junit]
    if sc.test:
        args.append(sc.test)
    tag = uuid.uuid4().hex
    env = dict(os.environ, HVTEST_CHECK_TAG=tag, **sc.env)
    proc = subprocess.Popen([sys.executable, RUNNER, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL,
                            start_new_session=sc.kill_runner is not None,
                            preexec_fn=default_sighup if sc.kill_runner is not None else None)
    started = True
    if sc.interrupt_when is not None:
        deadline = time.monotonic() + 60
        while not vmm_running(tag, sc.interrupt_when) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        started = vmm_running(tag, sc.interrupt_when)
        if started:
            proc.send_signal(signal.SIGINT)
    if sc.kill_runner is not None:
        deadline = time.monotonic() + 60
        while not vmm_running(tag) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        started = vmm_running(tag)
        if started:                 # else the run ends by itself and its status mismatches
            os.killpg(proc.pid, sc.kill_runner)
    try:
        output, _ = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
    note = ""
    verdict = "-"
    if sc.test is not None:
        try:
            with open(out_json) as f:
                doc = json.load(f)
            tests = doc["tests"]
            verdict = tests[0]["verdict"] if tests else "(none)"
            if tests:
                note = tests[0].get("reason", "")
        except (OSError, ValueError, KeyError) as exc:
            verdict = f"(no json: {exc.__class__.__name__})"
    else:
        note = output.decode(errors="replace").strip().splitlines()[-1:][0] if output.strip() else ""
    # After kill -9 the runner's watchdog does the cleanup: give it a moment.
    settle = time.monotonic() + (5.0 if sc.kill_runner == signal.SIGKILL else 0.05)
    time.sleep(0.05)
    left = leftovers(tag)
    while left and time.monotonic() < settle:
        time.sleep(0.05)
        left = leftovers(tag)
    if not started:
        note = "VMM never started; " + note
    if sc.hostile:
        note = hostile_problems(output, out_junit) + note
    if left:
        note = f"LEFTOVER PROCESSES {left}; " + note
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    return verdict, proc.returncode, note


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fake", action="store_true", help="use tests/runner/fakevmm.py instead of QEMU")
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm", "auto"))
    ap.add_argument("--cpu", help="passed to the runner (e.g. host,-arch-capabilities)")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("-k", metavar="SUBSTRING", help="only scenarios whose name contains SUBSTRING")
    opts = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="hvtest-harness-")
    try:
        base = ["--log-dir", os.path.join(tmp, "logs"), "--color", "never", "-j", "1"]
        if opts.fake:
            build = os.path.join(tmp, "build")
            os.makedirs(os.path.join(build, "x86_64"))
            open(os.path.join(build, "x86_64", "harness.elf"), "w").close()
            base += ["--build-dir", build, "--vmm-binary", f"qemu={FAKE}"]
        else:
            image = os.path.join(opts.build_dir, "x86_64", "harness.elf")
            if not os.path.isfile(image):
                print(f"check: {image} missing; run make (or use --fake)", file=sys.stderr)
                return 2
            base += ["--build-dir", opts.build_dir]
        if opts.cpu:
            base += ["--cpu", opts.cpu]
        rows = []
        bad = 0
        for sc in SCENARIOS:
            if opts.k and opts.k not in sc.name:
                continue
            if sc.real_only and opts.fake:
                continue
            t0 = time.monotonic()
            verdict, status, note = run_one(sc, base, tmp, opts.accel)
            ok = (sc.verdict is None or verdict == sc.verdict) and status == sc.status \
                and "LEFTOVER" not in note and " IN TERMINAL" not in note and "JUNIT" not in note
            bad += not ok
            rows.append((sc.name, f"{sc.verdict or '-'}/{sc.status}", f"{verdict}/{status}",
                         "OK" if ok else "MISMATCH", f"{time.monotonic() - t0:.1f}s", note[:70]))
        w = [max(len(r[i]) for r in rows + [("scenario", "expected", "actual", "result", "time", "")])
             for i in range(5)]
        print(f"{'scenario':<{w[0]}}  {'expected':<{w[1]}}  {'actual':<{w[2]}}  {'result':<{w[3]}}  "
              f"{'time':>{w[4]}}  note")
        for r in rows:
            print(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]:<{w[3]}}  {r[4]:>{w[4]}}  {r[5]}")
        print(f"\nharness check: {len(rows) - bad}/{len(rows)} scenarios OK"
              + ("" if opts.fake else f" (accel {opts.accel})"))
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
