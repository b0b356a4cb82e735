#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Suite time budget (issue 21; docs/performance.md): runs the default set
(or -g GROUP) per arch and accelerator N times through run_tests.sh and
prints, per configuration, the wall time (median, min, max), the verdict
counts, the runner's own overhead (run start to first VMM start plus last
VMM exit to run end), each entry's median time and the slowest ten.

Several builds can be measured back to back, runs interleaved so that the
host's load hits each alike (--build-dir LABEL=DIR, repeatable):

    python3 scripts/bench-suite.py --arch x86_64 --accel tcg,kvm --runs 3
    python3 scripts/bench-suite.py --accel tcg,kvm --runs 3 \\
        --build-dir before=/tmp/base/build --build-dir after=build
    python3 scripts/bench-suite.py --arch x86_64 --vmm bochs selftest

Timing is wall-clock: state the host and its load with the figures (the
load average is printed before and after).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "runner.py")


@dataclass
class Config:
    label: str
    build_dir: str | None
    arch: str
    accel: str
    walls: list[float] = field(default_factory=list)
    overheads: list[float] = field(default_factory=list)
    per_test: dict[str, list[float]] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    unexpected: int = 0

    @property
    def name(self) -> str:
        return f"{self.label + ' ' if self.label else ''}{self.arch}/{self.accel}"


def run_once(c: Config, opts: argparse.Namespace, tmp: str) -> None:
    report = os.path.join(tmp, "run.json")
    argv = [sys.executable, RUNNER, "--arch", c.arch, "--accel", c.accel, "--vmm", opts.vmm,
            "-j", str(opts.jobs), "--json", report, "--color", "never"]
    argv += ["--build-dir", c.build_dir] if c.build_dir else []
    argv += [w for g in opts.group for w in ("-g", g)]
    argv += opts.tests
    t0 = time.time()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    t1 = time.time()
    c.walls.append(t1 - t0)
    try:
        with open(report, encoding="utf-8") as f:
            doc: dict[str, Any] = json.load(f)
    except (OSError, ValueError):
        c.verdicts["no report"] = c.verdicts.get("no report", 0) + 1
        return
    tests = [t for t in doc.get("tests", []) if isinstance(t, dict)]
    for t in tests:
        c.per_test.setdefault(str(t["id"]), []).append(float(t["duration"]))
        c.verdicts[str(t["verdict"])] = c.verdicts.get(str(t["verdict"]), 0) + 1
        c.unexpected += bool(t.get("unexpected"))
    if tests:
        first = min(float(t["start"]) for t in tests)
        last = max(float(t["end"]) for t in tests)
        c.overheads.append((first - t0) + (t1 - last))


def spread(vals: list[float]) -> str:
    if not vals:
        return "-"
    return f"{statistics.median(vals):7.2f} s (min {min(vals):.2f}, max {max(vals):.2f})"


def show(c: Config, runs: int) -> None:
    print(f"\n== {c.name}: {runs} runs")
    print(f"wall time        {spread(c.walls)}")
    print(f"runner overhead  {spread(c.overheads)}  (start to first VMM, last VMM exit to end)")
    counts = ", ".join(f"{v} {k}" for k, v in sorted(c.verdicts.items()))
    print(f"verdicts         {counts} over all runs; unexpected {c.unexpected}")
    med = {name: statistics.median(d) for name, d in c.per_test.items()}
    print(f"entries          {len(med)}; sum of medians {sum(med.values()):.2f} s")
    print("slowest ten (median s):")
    for name, m in sorted(med.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {name:<28} {m:7.2f}")
    print("per entry (median s):")
    for name in sorted(med):
        print(f"  {name:<28} {med[name]:7.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tests", nargs="*", help="entry names (default: the default set)")
    ap.add_argument("--arch", default="x86_64", help="comma-separated arches (default x86_64)")
    ap.add_argument("--accel", default="tcg", help="comma-separated: tcg,kvm (default tcg)")
    ap.add_argument("--vmm", default="qemu", choices=("qemu", "bochs"))
    ap.add_argument("--runs", type=int, default=3, help="runs per configuration (default 3)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-g", "--group", action="append", default=[], help="group(s) instead of the default set")
    ap.add_argument("--build-dir", action="append", default=[], metavar="LABEL=DIR",
                    help="a build to measure (repeatable; default: build/)")
    opts = ap.parse_args()
    builds: list[tuple[str, str | None]] = []
    for spec in opts.build_dir:
        label, sep, path = spec.partition("=")
        builds.append((label, path) if sep else (os.path.basename(spec.rstrip("/")), spec))
    builds = builds or [("", None)]
    configs = [Config(label, path, arch, accel) for arch in opts.arch.split(",")
               for accel in opts.accel.split(",") for label, path in builds]
    load = os.getloadavg()
    print(f"# bench-suite: {opts.runs} runs, -j {opts.jobs}, vmm {opts.vmm}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start")
    tmp = tempfile.mkdtemp(prefix="hvtest-bench-suite-")
    for _ in range(opts.runs):
        for c in configs:          # interleaved: back to back, load alike
            run_once(c, opts, tmp)
            print(f"  {c.name}: {c.walls[-1]:.2f} s", flush=True)
    for c in configs:
        show(c, opts.runs)
    load = os.getloadavg()
    print(f"\n# load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")
    return 1 if any(c.unexpected for c in configs) else 0


if __name__ == "__main__":
    sys.exit(main())
