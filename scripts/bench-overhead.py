#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Runner overhead per test, beyond the VMM's own run time.

For each of N iterations (default 50), the same VMM command line is run
  (a) bare: subprocess.run(argv) with pipes, timed around the call, and
  (b) through the runner's per-test path (adapter prepare, spawn in its own
      session, console streaming into the TAP parser and the log, verdict,
      expectations), timed around Runner.execute().
Overhead of iteration i is (b_i - a_i); the pairs are interleaved so host
noise hits both.  Also reports the runner's start-up (`--list`) time.

    python3 scripts/bench-overhead.py              # fake VMM (tests/runner/fakevmm.py)
    python3 scripts/bench-overhead.py --guest harness --args mode=pass   # real QEMU TCG
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from hvtest import app, cfg as cfg_mod, cli  # noqa: E402
from hvtest.model import Verdict  # noqa: E402

FAKE = os.path.join(ROOT, "tests", "runner", "fakevmm.py")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=50, help="iterations (default 50)")
    ap.add_argument("--guest", help="real guest base name under build/x86_64 (default: fake VMM)")
    ap.add_argument("--args", default="mode=pass", help="guest command line")
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--cpu", help="CPU model (e.g. host,-arch-capabilities under KVM here)")
    opts = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="hvtest-bench-")
    cfg_path = os.path.join(tmp, "bench.cfg")
    build = os.path.join(ROOT, "build")
    name = opts.guest or "guest"
    if opts.guest is None:
        build = os.path.join(tmp, "build")
        os.makedirs(os.path.join(build, "x86_64"))
        open(os.path.join(build, "x86_64", "guest.elf"), "w").close()
    with open(cfg_path, "w") as f:
        f.write(f"[groups]\nbench = bench\n\n[bench]\nfile = {name}\narch = x86_64\nargs = {opts.args}\n")
    argv = ["--config", cfg_path, "--build-dir", build, "--log-dir", os.path.join(tmp, "logs"),
            "--accel", opts.accel, "--no-expectations", "-j", "1"]
    if opts.guest is None:
        argv += ["--vmm-binary", f"qemu={FAKE}"]
    if opts.cpu:
        argv += ["--cpu", opts.cpu]
    args = cli.parse(argv, ROOT)
    config = cfg_mod.load(cfg_path)
    items = app.plan(args, config, None)
    p = items[0]
    if not p.runnable:
        print(f"bench: cannot run: {p.skip or p.error}", file=sys.stderr)
        return 2
    run_dir = os.path.join(tmp, "logs", "run")
    os.makedirs(run_dir)
    runner = app.Runner(args, run_dir, items, {})
    first = runner.execute(p)
    if first.verdict != Verdict.PASS:
        print(f"bench: guest did not pass: {first.verdict} {first.reason}", file=sys.stderr)
        return 2
    cmd = first.cmdline
    bare: list[float] = []
    full: list[float] = []
    for _ in range(opts.n):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        r = runner.execute(p)
        full.append(time.perf_counter() - t0)
        assert r.verdict == Verdict.PASS, r.reason
    over = [(b - a) * 1000 for a, b in zip(bare, full)]
    t0 = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "runner.py"), *argv, "--list"],
                   stdout=subprocess.DEVNULL, check=True)
    startup = (time.perf_counter() - t0) * 1000
    print(f"VMM: {'fake VMM' if opts.guest is None else cmd[0]} ({opts.n} iterations)")
    print(f"bare VMM run        median {statistics.median(bare) * 1000:7.1f} ms")
    print(f"through the runner  median {statistics.median(full) * 1000:7.1f} ms")
    print(f"overhead per test   median {statistics.median(over):7.1f} ms   max {max(over):7.1f} ms"
          f"   (target < 20 ms)")
    print(f"runner start-up (--list, one process) {startup:.0f} ms")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
