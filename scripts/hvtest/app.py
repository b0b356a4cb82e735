"""The run: options -> selection -> plan -> parallel execution -> reports."""
from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import threading
import time
import traceback
from typing import Any

from . import accel as accel_mod
from . import cfg as cfg_mod
from . import cli, selection, vmm
from .expect import default_cpu as expect_default_cpu
from .expect import failures as expect_failures
from .model import TestResult, Verdict
from .procs import REGISTRY
from .report.terminal import Terminal
from .selection import Planned

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def show_path(path: str) -> str:
    """Relative to the current directory when below it, else absolute."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def repo_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class UsageError(Exception):
    pass


def plan(args: Any, cfg: cfg_mod.Config, term: Terminal | None) -> list[Planned]:
    arches = selection.parse_arches(args.arch, args.build_dir)
    if not arches:
        raise UsageError(f"no guest binaries built (no {args.build_dir}/<arch>/ directory); "
                         "run make or pass --arch")
    if args.vmm == "bochs" and args.accel == "kvm":
        raise UsageError("--vmm bochs has no KVM accelerator (Bochs always emulates)")
    pairs = selection.shard(selection.select(cfg, args.tests, args.group, arches), args.shard)
    overrides = dict(args.vmm_binary)
    adapter = vmm.get(args.vmm)
    choices: dict[str, accel_mod.AccelChoice] = {}
    binaries: dict[str, tuple[str | None, str]] = {}
    multi_arch = len({a for _, a in pairs}) > 1
    out: list[Planned] = []
    for it in range(1, args.repeat + 1):
        for entry, arch in pairs:
            if arch not in choices:
                choices[arch] = accel_mod.choose(args.accel, arch, args.vmm)
                if term is not None:
                    c = choices[arch]
                    term.info(f"accel {c.accel} for {arch} ({c.why})" + (f" ERROR: {c.error}" if c.error else ""))
            ch = choices[arch]
            p = Planned(entry=entry, arch=arch, vmm=args.vmm, accel=ch.accel, iteration=it,
                        test_id=selection.test_id(entry.name, arch, it, multi_arch, args.repeat))
            if not adapter.supports(arch):
                p.skip = f"{args.vmm} does not support {arch}"
            elif args.vmm not in entry.vmm:
                p.skip = f"entry runs on vmm {' '.join(entry.vmm)} only"
            elif ch.error is not None:
                p.error = ch.error
            elif ch.accel not in entry.accel:
                p.skip = f"accel {ch.accel} not allowed (entry accel = {' '.join(entry.accel)})"
            if p.runnable:
                if arch not in binaries:
                    binaries[arch] = vmm.resolve_binary(args.vmm, arch, overrides)
                path, name = binaries[arch]
                p.binary = path
                p.image = vmm.image_path(args.build_dir, arch, entry.file)
                if path is None:
                    p.error = f"VMM binary not found: {name}"
                elif not os.path.isdir(os.path.join(args.build_dir, arch)):
                    p.error = f"arch {arch} not built ({os.path.join(args.build_dir, arch)} missing)"
                elif not os.path.isfile(p.image):
                    p.error = f"guest binary {p.image} missing (run make)"
            out.append(p)
    return out


def list_plan(items: list[Planned]) -> None:
    w = max([len(p.test_id) for p in items] + [8])
    for p in items:
        e = p.entry
        status = "run" if p.runnable else (f"SKIP: {p.skip}" if p.skip else f"ERROR: {p.error}")
        print(f"{p.test_id:<{w}}  {p.arch:<8} {p.vmm:<5} {p.accel:<4} smp={e.smp} "
              f"timeout={e.timeout:g} groups={','.join(e.groups) or '-'}  {status}")


def guest_args(p: Planned, case: str | None) -> str:
    words = p.entry.args.split()
    if case:
        words.append(f"case={case}")
    return " ".join(words)


class Runner:
    def __init__(self, args: Any, run_dir: str, items: list[Planned],
                 expectations: dict[tuple[str, str, str], list[Any]]) -> None:
        self.args = args
        self.run_dir = run_dir
        self.items = items
        self.expectations = {k: expect_failures(v) for k, v in expectations.items()}
        self.default_cpus = {k: expect_default_cpu(v) for k, v in expectations.items()}
        self.interrupted = threading.Event()
        self.cache_dir = os.path.join(args.build_dir, ".cache")

    def _default_cpu(self, p: Planned) -> str | None:
        """--cpu, else an expectations @default-cpu directive, else the adapter's."""
        if self.args.cpu:
            return str(self.args.cpu)
        d = self.default_cpus.get((p.vmm, p.accel, p.arch))
        return d.default_cpu if d is not None else None

    def log_path(self, p: Planned) -> str:
        return os.path.join(self.run_dir, p.test_id.replace("#", ".") + ".log")

    def execute(self, p: Planned) -> TestResult:
        try:
            return self._execute(p)
        except Exception:  # a runner bug must not lose the run
            r = self._result(p, Verdict.ERROR, "runner internal error")
            r.detail = traceback.format_exc().splitlines()
            r.end = time.time()
            return r

    def _result(self, p: Planned, v: Verdict, reason: str) -> TestResult:
        t = time.time()
        return TestResult(test_id=p.test_id, name=p.entry.name, arch=p.arch, vmm=p.vmm,
                          accel=p.accel, iteration=p.iteration, verdict=v, reason=reason,
                          start=t, end=t)

    def _execute(self, p: Planned) -> TestResult:
        from . import execute, expect, verdict
        if p.skip is not None:
            return self._result(p, Verdict.SKIP, p.skip)
        if p.error is not None or p.binary is None:
            return self._result(p, Verdict.ERROR, p.error or "no VMM binary")
        res = self._result(p, Verdict.ERROR, "")
        log = self.log_path(p)
        os.makedirs(os.path.dirname(log), exist_ok=True)
        res.log = show_path(log)
        req = vmm.LaunchRequest(entry=p.entry, arch=p.arch, accel=p.accel, binary=p.binary,
                                image=p.image, guest_args=guest_args(p, self.args.case),
                                work_dir=os.path.dirname(log), test_id=os.path.basename(log)[:-4],
                                cache_dir=self.cache_dir, default_cpu=self._default_cpu(p))
        try:
            launch = vmm.get(p.vmm).prepare(req)
        except vmm.LaunchError as exc:
            res.reason = str(exc)
            res.end = time.time()
            with open(log, "w") as f:
                f.write(f"test: {p.test_id}\nERROR: {exc}\n")
            return res
        res.cmdline = launch.argv
        params = execute.ExecParams(
            argv=launch.argv, log_path=log, timeout=p.entry.timeout * self.args.timeout_factor,
            log_cap=self.args.log_cap, end_grace=self.args.end_grace, env=launch.env,
            console_file=launch.console_file,
            header=[f"test: {p.test_id} ({p.entry.where})", f"vmm: {p.vmm} accel: {p.accel} arch: {p.arch}",
                    *launch.notes])
        tap, outcome = execute.run(params, self.interrupted)
        res.end = time.time()
        if launch.console_file is not None:
            try:
                os.unlink(launch.console_file)
            except OSError:
                pass
        j = verdict.judge(tap, outcome, launch.exit_check)
        res.verdict, res.reason, res.detail, res.cases = j.verdict, j.reason, j.detail, j.cases
        res.exit_code, res.exit_signal, res.end_marker = outcome.returncode, outcome.signal, tap.end
        expect.apply(self.expectations.get((p.vmm, p.accel, p.arch), []), res)
        return res


def _load_expectations(args: Any, items: list[Planned], cfg: cfg_mod.Config, ctx_vmm: dict[str, str],
                       term: Terminal) -> dict[tuple[str, str, str], list[Any]]:
    from . import expect, manifest
    out: dict[tuple[str, str, str], list[Any]] = {}
    if args.no_expectations:
        return out
    cpu = manifest.cpu_info()
    names = [e.name for e in cfg.entries]
    for key in sorted({(p.vmm, p.accel, p.arch) for p in items if p.runnable}):
        path, items_ = expect.load(args.expectations, *key)
        for w in expect.unknown_tests(items_, names):
            term.info(w)
        ctx = expect.Context(vmm_version=ctx_vmm.get(key[0], ""), kernel=os.uname().release,
                             vendor=cpu["vendor"],
                             kvm_module=manifest.vendor_module(manifest.kvm_modules()))
        act = expect.active(items_, ctx)
        if items_:
            term.info(f"expectations {show_path(path)}: {len(act)} of {len(items_)} items active")
        d = expect.default_cpu(act)
        if d is not None and not args.cpu:
            term.info(f"default CPU model for {'/'.join(key)}: {d.default_cpu} "
                      f"({show_path(d.where)}: {d.reason})")
        out[key] = act
    return out


def main(argv: list[str]) -> int:
    root = repo_root()
    try:
        args = cli.parse(argv, root)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    color = {"always": True, "never": False}.get(args.color)
    term = Terminal(sys.stdout, color)
    try:
        cfg = cfg_mod.load(args.config)
    except cfg_mod.CfgError as exc:
        print(f"hvtest: configuration error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        items = plan(args, cfg, None if args.list else term)
    except (selection.SelectError, UsageError) as exc:
        print(f"hvtest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.list:
        list_plan(items)
        return EXIT_OK
    if not items:
        term.info("no test selected")
        return EXIT_OK
    return _run(args, root, cfg, items, term, argv)


_RUN_DIR_RE = re.compile(r"\d{8}-\d{6}-\d+\Z")


def prune_logs(log_dir: str, keep: int) -> list[str]:
    """Removes all but the newest KEEP run directories (names like 20261121-114735-123)."""
    if keep <= 0:
        return []
    try:
        runs = sorted(d for d in os.listdir(log_dir)
                      if _RUN_DIR_RE.match(d) and os.path.isdir(os.path.join(log_dir, d))
                      and not os.path.islink(os.path.join(log_dir, d)))
    except OSError:
        return []
    gone = runs[:-keep]
    for d in gone:
        shutil.rmtree(os.path.join(log_dir, d), ignore_errors=True)
    return gone


def _run(args: Any, root: str, cfg: cfg_mod.Config, items: list[Planned], term: Terminal,
         argv: list[str]) -> int:
    from . import expect, manifest
    from .report import jsonfile, junit, tap as tapreport
    from .schedule import Scheduler

    run_id = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
    run_dir = os.path.join(args.log_dir, run_id)
    os.makedirs(run_dir, exist_ok=True)
    prune_logs(args.log_dir, args.keep_logs)
    latest = os.path.join(args.log_dir, "latest")
    try:
        if os.path.islink(latest):
            os.unlink(latest)
        os.symlink(run_id, latest)
    except OSError:
        pass
    vmms: dict[str, dict[str, str]] = {}
    versions: dict[str, str] = {}
    for p in items:
        if p.binary and p.binary not in vmms:
            ver = vmm.get(p.vmm).version(p.binary)
            vmms[p.binary] = {"vmm": p.vmm, "path": p.binary, "version": ver}
            versions.setdefault(p.vmm, ver)
    accels = {p.arch: {"accel": p.accel} for p in items}
    for arch in accels:
        accels[arch]["why"] = accel_mod.choose(args.accel, arch, args.vmm).why
    try:
        expectations = _load_expectations(args, items, cfg, versions, term)
    except expect.ExpectError as exc:
        print(f"hvtest: expectations error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    man = manifest.collect(root, ["run_tests.sh", *argv], vmms, accels, run_id)
    jsonfile.atomic_write(os.path.join(run_dir, "manifest.json"),
                          __import__("json").dumps(man, indent=1) + "\n")
    runner = Runner(args, run_dir, items, expectations)
    results: list[TestResult] = []
    t0 = time.monotonic()
    term.width = max(len(p.test_id) for p in items)
    term.info(f"{len(items)} tests, -j {args.jobs}, vmm {args.vmm}, logs in {show_path(run_dir)}")

    def on_sig(signum: int, frame: Any) -> None:
        if runner.interrupted.is_set():
            REGISTRY.kill_all(signal.SIGKILL)
            return
        runner.interrupted.set()
        sched.stop.set()
        stop_at[0] = time.monotonic()
        REGISTRY.kill_all(signal.SIGTERM)

    stop_at: list[float | None] = [None]

    def write_json(complete: bool) -> None:
        if args.json:
            jsonfile.write(args.json, man, results, complete, runner.interrupted.is_set(),
                           summary(results) if complete else None)

    def on_done(p: Planned, r: TestResult) -> None:
        results.append(r)
        term.test_done(r)
        write_json(False)

    def tick() -> None:
        if stop_at[0] is not None and time.monotonic() - stop_at[0] > 1.5:
            REGISTRY.kill_all(signal.SIGKILL)
        now = time.monotonic()
        term.heartbeat(now - t0, len(results), len(items),
                       [(it.test_id, now - st) for it, st in sched.running.values()])

    sched: Scheduler[Planned, TestResult] = Scheduler(
        args.jobs, lambda p: p.entry.smp if p.runnable else 0, runner.execute,
        lambda p: None, on_done, tick, 1.0)
    old = {s: signal.signal(s, on_sig) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        not_run = sched.run(items)
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        REGISTRY.kill_all(signal.SIGKILL)
    interrupted = runner.interrupted.is_set()
    order = {p.test_id: i for i, p in enumerate(items)}
    results.sort(key=lambda r: order.get(r.test_id, 0))
    write_json(True)
    if args.tap:
        tapreport.write(args.tap, results, not interrupted, args.tap_version)
    if args.junit:
        junit.write(args.junit, results)
    term.summary(results, time.monotonic() - t0, show_path(run_dir), interrupted, len(not_run))
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_UNEXPECTED if any(r.verdict.unexpected for r in results) else EXIT_OK


def summary(results: list[TestResult]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
    return {"tests": len(results), "counts": counts,
            "unexpected": sum(1 for r in results if r.verdict.unexpected)}
