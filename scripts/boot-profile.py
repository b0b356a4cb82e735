#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Per-phase boot profile of test entries (issue 21; docs/performance.md).

Each entry's VMM command line comes from the runner's dry run (`-n`), with
the guest option profile=1 added, and is run N times (default 5) by this
script, which notes on the host when the VMM started, when the guest's
`TAP version 14` line arrived, when its end marker arrived and when the
VMM exited. The x86 guest adds its own `# profile:` line (lib/x86/setup.c):
TSC cycles from entry to long mode, clearing .bss, library set-up, SMP
bring-up (INIT-SIPI-SIPI until the AP checks in) and the cases. The table
gives medians in milliseconds:

  vmm+firmware   VMM start to guest entry (host time to the TAP line,
                 less the guest's own phases before it)
  long_mode      32-bit entry to 64-bit code     (guest TSC)
  bss            clearing .bss                   (guest TSC)
  lib_init       console, descriptors, allocator (guest TSC)
  smp_bringup    starting the APs                (guest TSC)
  cases          the cases, output included      (guest TSC)
  exit           end marker to VMM exit          (host)
  wall           VMM start to VMM exit           (host)

Under Bochs (--vmm bochs) the console is COM1 in a file, which this
script follows; `vmm+firmware` is Bochs start, the BIOS and our boot
loader (x86/boot/diskboot.S), which writes nothing to the console when it
boots the guest, so the three are not told apart.

With --perf (root, perf with the kvm tracepoints) one more run per entry
counts KVM's exits to user space and the instructions KVM emulated: load-
independent figures (under kvm_pvm every guest instruction is emulated).
A guest without profile support (an older build, --build-dir) gives the
host columns only.

    python3 scripts/boot-profile.py --accel kvm selftest smp
    python3 scripts/boot-profile.py --accel kvm --perf --runs 9 selftest smp
    python3 scripts/boot-profile.py --vmm bochs selftest
"""
from __future__ import annotations

import argparse
import os
import re
import select
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RUNNER = os.path.join(HERE, "runner.py")
PROFILE_RE = re.compile(r"# profile: (.*)")
PHASES = ("vmm+firmware", "long_mode", "bss", "lib_init", "smp_bringup", "cases", "exit", "wall")
COM1_RE = re.compile(r'^com1:.*dev="([^"]+)"', re.M)
PERF_EVENTS = ("kvm:kvm_userspace_exit", "kvm:kvm_emulate_insn")


def command_line(test: str, accel: str, vmm: str, build_dir: str | None) -> list[str]:
    """The entry's VMM argv from the runner's dry run, guest option profile=1 added."""
    argv = [sys.executable, RUNNER, "-n", "--accel", accel, "--vmm", vmm, "--args", "profile=1",
            test]
    if build_dir:
        argv[3:3] = ["--build-dir", build_dir]
    out = subprocess.run(argv, capture_output=True, text=True, check=False).stdout
    lines = [ln for ln in out.splitlines() if ln and not ln.startswith(("#", "hvtest:"))]
    if len(lines) != 1:
        raise SystemExit(f"boot-profile: {test}: expected one command line from the dry run, "
                         f"got {len(lines)}")
    return shlex.split(lines[0])


def console_file(argv: list[str]) -> str | None:
    """Bochs: the COM1 file its bochsrc (-f) names."""
    if "-f" not in argv:
        return None
    with open(argv[argv.index("-f") + 1], encoding="utf-8") as f:
        m = COM1_RE.search(f.read())
    return m.group(1) if m else None


def run_once(argv: list[str], timeout: float) -> dict[str, float]:
    """Host timestamps (s) and the guest's profile figures (ms) of one run."""
    cfile = console_file(argv)
    if cfile:
        open(cfile, "wb").close()
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL if cfile else subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    src = open(cfile, "rb") if cfile else proc.stdout
    assert src is not None
    buf = b""
    marks: dict[str, float] = {}
    fields: dict[str, str] = {}
    while time.monotonic() - t0 < timeout:
        if cfile:
            data = src.read(65536)
            if not data:
                if proc.poll() is not None:
                    break
                time.sleep(0.005)
                continue
        else:
            ready, _, _ = select.select([src], [], [], 0.5)
            if not ready:
                continue
            data = os.read(src.fileno(), 65536)
            if not data:
                break
        now = time.monotonic() - t0
        buf += data
        *lines, buf = buf.split(b"\n")
        for raw in lines:
            ln = raw.decode("utf-8", "replace").strip()
            if ln.endswith("TAP version 14"):
                marks.setdefault("tap", now)
            elif ln.startswith("# hvtest-end"):
                marks.setdefault("end", now)
            m = PROFILE_RE.match(ln)
            if m:
                fields = dict(kv.split("=", 1) for kv in m.group(1).split() if "=" in kv)
    try:
        proc.wait(timeout=max(1.0, timeout - (time.monotonic() - t0)))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    src.close()
    marks["exit"] = time.monotonic() - t0
    return phases(marks, fields)


def phases(marks: dict[str, float], fields: dict[str, str]) -> dict[str, float]:
    out = {"wall": marks["exit"] * 1000}
    if "end" in marks:
        out["exit"] = (marks["exit"] - marks["end"]) * 1000
    khz = int(fields.get("tsc_khz", "0") or 0)
    if khz:
        for name in ("long_mode", "bss", "lib_init", "smp_bringup", "cases"):
            out[name] = int(fields.get(f"{name}_cycles", "0")) / khz
    if "tap" in marks:
        guest = sum(out.get(k, 0.0) for k in ("long_mode", "bss", "lib_init"))
        out["vmm+firmware"] = marks["tap"] * 1000 - guest
    return out


def perf_counts(argv: list[str], timeout: float) -> dict[str, int]:
    cmd = ["perf", "stat", "-x", ",", "-e", ",".join(PERF_EVENTS), "--", "timeout",
           str(int(timeout))] + argv
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    counts: dict[str, int] = {}
    for ln in res.stderr.splitlines():
        parts = ln.split(",")
        if len(parts) > 2 and parts[2] in PERF_EVENTS and parts[0].isdigit():
            counts[parts[2].split(":")[1]] = int(parts[0])
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tests", nargs="+", help="entry names of unittests.cfg")
    ap.add_argument("--accel", default="kvm", choices=("kvm", "tcg"))
    ap.add_argument("--vmm", default="qemu", choices=("qemu", "bochs"))
    ap.add_argument("--runs", type=int, default=5, help="runs per entry (default 5)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--build-dir", help="guest binaries (default: build/), e.g. an older build")
    ap.add_argument("--perf", action="store_true",
                    help="also count KVM exits to user space and emulated instructions")
    opts = ap.parse_args()
    load = os.getloadavg()
    print(f"# boot profile, {opts.vmm}, accel {opts.accel}, {opts.runs} runs per entry, medians in ms; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} CPUs")
    head = f"{'entry':<14}" + "".join(f"{p:>13}" for p in PHASES)
    if opts.perf:
        head += f"{'user exits':>12}{'emulated':>12}"
    print(head)
    for test in opts.tests:
        argv = command_line(test, opts.accel, opts.vmm, opts.build_dir)
        runs = [run_once(argv, opts.timeout) for _ in range(opts.runs)]
        row = f"{test:<14}"
        for p in PHASES:
            vals = [r[p] for r in runs if p in r]
            row += f"{statistics.median(vals):>13.1f}" if vals else f"{'-':>13}"
        if opts.perf:
            counts = perf_counts(argv, opts.timeout) if shutil.which("perf") else {}
            row += "".join(f"{counts.get(e.split(':')[1], '-')!s:>12}" for e in PERF_EVENTS)
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
