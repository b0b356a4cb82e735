# SPDX-License-Identifier: GPL-2.0-only
"""Command-line options (docs/running.md)."""
from __future__ import annotations

import argparse
import os
import re
import shlex
from dataclasses import dataclass, field
from typing import Mapping

from .paths import INSTALLED
from .registry import ACCELS, VMMS


def _positive_int(s: str) -> int:
    if not re.fullmatch(r"[0-9]+", s) or int(s) < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got '{s}'")
    return int(s)


def _positive_float(s: str) -> float:
    try:
        v = float(s)
    except ValueError:
        v = -1.0
    if not v > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got '{s}'")
    return v


def _size(s: str) -> int:
    m = re.fullmatch(r"([0-9]+)([KkMmGg]?)(i?B)?", s)
    if not m or int(m.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"expected a size like 2M or 65536, got '{s}'")
    mult = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[m.group(2).lower()]
    return int(m.group(1)) * mult


def _seed(s: str) -> int:
    if not re.fullmatch(r"[0-9]+", s):
        raise argparse.ArgumentTypeError(f"expected a decimal seed, got '{s}'")
    return int(s)


def _binary(s: str) -> tuple[str, str]:
    name, sep, path = s.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH (e.g. qemu=/opt/qemu/bin/qemu-system-x86_64), got '{s}'")
    return name, path


# Exit statuses (the epilog below documents them).
EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parser(root: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="run_tests.sh",
        description="Run hvtest guests under a VMM and judge their TAP output.",
        epilog="Exit status: 0 nothing unexpected (new findings on a host without a baseline "
               "are listed, not counted, unless --strict), 1 unexpected results, 2 usage or "
               "config error, 130 interrupted. --compare: 0 no difference, 1 differences. "
               "--html-matrix, --html-from: 0 written, 2 bad input or not written. "
               "See docs/running.md.")
    sel = p.add_argument_group("selection")
    sel.add_argument("tests", nargs="*", metavar="TEST", help="test names or fnmatch globs")
    sel.add_argument("-g", "--group", action="append", default=[], metavar="GROUP",
                     help="run tests of GROUP (repeatable, or comma-separated)")
    sel.add_argument("--arch", metavar="ARCH[,ARCH]|all",
                     help="guest arches (default: every arch built under the build dir)")
    sel.add_argument("--accel", choices=("auto", *ACCELS), default="auto",
                     help="accelerator (default auto: KVM when usable, else TCG)")
    sel.add_argument("--vmm", choices=VMMS, default=VMMS[0], help=f"VMM (default {VMMS[0]})")
    sel.add_argument("--case", metavar="GLOB", help="run only matching cases (passed to the guest as case=GLOB)")
    sel.add_argument("--args", default="", metavar="'K=V ...'",
                     help="guest arguments appended to every selected entry's (a word replaces "
                          "the entry's word with the same key)")
    sel.add_argument("--seed", type=_seed, metavar="N",
                     help="the guests' PRNG seed (seed=N): replays a randomised run from its report")
    sel.add_argument("--repeat", type=_positive_int, default=1, metavar="N", help="run every test N times")
    sel.add_argument("--shard", metavar="K/N", help="run the K-th of N deterministic slices (1-based)")
    sel.add_argument("-a", "--all", action="store_true", dest="all_entries",
                     help="the default selection plus the nodefault entries")
    sel.add_argument("-l", "--list", action="store_true", dest="list_only", help="list the selected tests and why any would not run")
    sel.add_argument("--allow-empty", action="store_true",
                     help="exit 0 when the selection is empty (default: an error, exit 2)")
    ex = p.add_argument_group("execution")
    ex.add_argument("-j", "--jobs", "--parallel", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                    help="vCPU slots to fill in parallel (default: number of cores)")
    ex.add_argument("--cpu", metavar="MODEL",
                    help="CPU model for entries without a cpu key (default: max under TCG, host under KVM)")
    ex.add_argument("--cpu-matrix", nargs="?", const="", metavar="'MODEL ...'",
                    help="run the selection once per CPU model (default: the arch's verified "
                         "models, docs/cpu-models.md) and print one verdict matrix")
    ex.add_argument("--order", choices=("slowest", "cfg"), default="slowest",
                    help="which tests start first: slowest (default: those the last runs found "
                         "slowest, the unknown ones before them; logs/durations.json) or cfg "
                         "(file order); results are reported in cfg order either way")
    ex.add_argument("--timeout-factor", type=_positive_float, default=1.0, metavar="F",
                    help="multiply every timeout by F (slow hosts, TCG, Bochs)")
    ex.add_argument("--log-cap", type=_size, default=2 * 1024 * 1024, metavar="SIZE",
                    help="console bytes kept per test before the guest is killed as a flood (default 2M)")
    ex.add_argument("--end-grace", type=_positive_float, default=2.0, metavar="SECONDS",
                    help="time the VMM gets to exit after the guest's end marker (default 2)")
    ex.add_argument("--vmm-binary", type=_binary, action="append", default=[], metavar="NAME=PATH",
                    help="use PATH for VMM NAME (qemu, bochs, or a binary name such as qemu-system-aarch64)")
    ex.add_argument("--config", default=os.path.join(root, "unittests.cfg"), metavar="FILE",
                    help="test configuration (default: unittests.cfg at the repo root)")
    ex.add_argument("--build-dir", default=os.path.join(root, "build"), metavar="DIR",
                    help="where build/<arch>/ binaries are (default: build/)")
    ex.add_argument("--log-dir", default=os.path.join(os.getcwd() if INSTALLED else root, "logs"),
                    metavar="DIR", help="parent of the per-run log directory (default: logs/ in the "
                                        "repository, in the current directory when installed)")
    ex.add_argument("--keep-logs", type=int, default=20, metavar="N",
                    help="keep the newest N run directories under the log dir, this one "
                         "included (default 20; 0 keeps all)")
    ex.add_argument("--expectations", default=os.path.join(root, "expectations"), metavar="DIR",
                    help="known-failure lists directory (default: expectations/)")
    ex.add_argument("--no-expectations", action="store_true", help="ignore known-failure lists")
    ex.add_argument("--no-baseline", action="store_true",
                    help="ignore @verified-on lines: judge the run as on a host without a baseline")
    ex.add_argument("--strict", action="store_true",
                    help="new findings on a host without a baseline also make the exit status 1")
    rep = p.add_argument_group("reports")
    rep.add_argument("--tap", metavar="FILE", help="write a TAP report (FILE - is standard output)")
    rep.add_argument("-t", "-T", "--tap13", action="store_true",
                     help="TAP 13 on standard output (--tap -); the human lines go to standard error")
    rep.add_argument("-v", "--verbose", action="store_true",
                     help="print each test's VMM command line with its result")
    rep.add_argument("-n", "--dry-run", action="store_true",
                     help="print the VMM command line of every selected test; run nothing")
    rep.add_argument("--list-groups", action="store_true", help="list the cfg's groups and exit")
    rep.add_argument("--version", action="store_true", help="print the suite's version and exit")
    rep.add_argument("--tap-version", type=int, choices=(13, 14), default=13,
                     help="TAP header version (default 13: Perl prove 3.44 rejects 14; body is the same)")
    rep.add_argument("--junit", metavar="FILE", help="write a JUnit XML report")
    rep.add_argument("--json", metavar="FILE", help="write a JSON report (updated after every test)")
    rep.add_argument("--write-expectations", metavar="FILE",
                     help="write a draft expectations list (unconfirmed items) for every unexpected result")
    rep.add_argument("--html", metavar="FILE",
                     help="write a self-contained HTML page of the run (at its end)")
    rep.add_argument("--capabilities", action="store_true",
                     help="after the run, print what the hypervisor exposes and what the cpuid "
                          "tests found (docs/cpuid.md); with no test or group: -g cpuid")
    rep.add_argument("--bench-json", metavar="FILE",
                     help="write the figures of the guests' bench blocks as JSON (-g bench; "
                          "--compare A.json B.json of two such files prints ratios)")
    offline = rep.add_mutually_exclusive_group()
    offline.add_argument("--merge", nargs="+", metavar=("OUT.json", "JSON"),
                         help="join the --json reports of CI shards into OUT.json; no run")
    offline.add_argument("--compare", nargs="+", metavar="JSON",
                         help="compare the verdicts of two or more --json reports per case, or "
                              "the figures of two --bench-json files; no run")
    offline.add_argument("--html-matrix", nargs="+", metavar=("OUT.html", "JSON"),
                         help="write one HTML page with the verdicts of two or more --json reports "
                              "side by side, the rows that differ first; no run")
    offline.add_argument("--html-from", nargs=2, metavar=("RUN.json", "OUT.html"),
                         help="write the HTML page of a saved --json report; no run")
    offline.add_argument("--capabilities-from", metavar="RUN.json",
                         help="print what the hypervisor exposes and what the cpuid tests "
                              "found, from a --json report of -g cpuid (docs/cpuid.md); no run")
    rep.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the terminal output (default: when stdout is a tty)")
    return p


@dataclass(frozen=True)
class Options:
    """Everything the command line decides, typed; built once by parse()."""
    # selection
    tests: list[str]
    group: list[str]
    arch: str | None
    accel: str
    vmm: str
    case: str | None
    args: str
    seed: int | None
    repeat: int
    shard: str | None
    list_only: bool
    all_entries: bool
    allow_empty: bool
    # execution
    jobs: int
    order: str
    cpu: str | None
    cpu_matrix: str | None
    timeout_factor: float
    log_cap: int
    end_grace: float
    vmm_binary: list[tuple[str, str]]
    config: str
    build_dir: str
    log_dir: str
    keep_logs: int
    expectations: str
    no_expectations: bool
    no_baseline: bool
    strict: bool
    # reports
    tap: str | None
    tap_version: int
    junit: str | None
    json: str | None
    write_expectations: str | None
    html: str | None
    capabilities: bool
    compare: list[str] | None
    merge: list[str] | None
    html_matrix: list[str] | None
    html_from: list[str] | None
    capabilities_from: str | None
    color: str
    tap13: bool
    verbose: bool
    dry_run: bool
    list_groups: bool
    version: bool
    # kvm-unit-tests' environment (docs/kvm-unit-tests.md): TIMEOUT, MAX_SMP
    timeout_override: float | None = None
    max_smp: int | None = None
    # derived: words appended to every guest command line (--args, --seed)
    guest_extra: list[str] = field(default_factory=list)
    bench_json: str | None = None


def parse(argv: list[str], root: str) -> Options:
    p = parser(root)
    ns = p.parse_intermixed_args(argv)
    try:
        extra = shlex.split(ns.args)
    except ValueError as exc:
        p.error(f"--args: {exc}")
    if any(w.startswith("case=") for w in extra):
        p.error("--args: select cases with --case")
    extra += [f"seed={ns.seed}"] if ns.seed is not None else []
    if ns.tap13:
        if ns.tap not in (None, "-"):
            p.error("-t/--tap13 writes TAP to standard output: drop --tap FILE or -t")
        ns.tap = "-"
    if ns.capabilities and not ns.tests and not ns.group:
        ns.group = ["cpuid"]
    env = kut_environment(os.environ, "--accel" in " ".join(argv))
    if env.error:
        p.error(env.error)
    if env.accel is not None:
        ns.accel = env.accel
    return Options(**vars(ns), guest_extra=extra, timeout_override=env.timeout,
                   max_smp=env.max_smp)


@dataclass(frozen=True)
class KutEnv:
    accel: str | None = None
    timeout: float | None = None
    max_smp: int | None = None
    error: str | None = None


_DURATION_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([smhd]?)")


def kut_environment(env: Mapping[str, str], accel_option: bool) -> KutEnv:
    """kvm-unit-tests' variables, honoured with their meaning (never silently ignored).

    ACCEL=kvm|tcg is --accel (the option wins); TIMEOUT=N[smhd] replaces
    every entry's timeout; MAX_SMP=N caps every entry's vCPU count; QEMU=
    is read by the VMM adapter (vmm.plain_env).
    """
    accel = env.get("ACCEL") or None
    if accel is not None and accel not in ACCELS:
        return KutEnv(error=f"ACCEL={accel}: expected one of {', '.join(ACCELS)}")
    timeout = None
    if env.get("TIMEOUT"):
        m = _DURATION_RE.fullmatch(env["TIMEOUT"])
        if not m or float(m.group(1)) <= 0:
            return KutEnv(error=f"TIMEOUT={env['TIMEOUT']}: expected a duration like 90, 90s or 2m")
        timeout = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    max_smp = None
    if env.get("MAX_SMP"):
        if not re.fullmatch(r"[1-9][0-9]*", env["MAX_SMP"]):
            return KutEnv(error=f"MAX_SMP={env['MAX_SMP']}: expected an integer >= 1")
        max_smp = int(env["MAX_SMP"])
    return KutEnv(accel=None if accel_option else accel, timeout=timeout, max_smp=max_smp)
