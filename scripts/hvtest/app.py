# SPDX-License-Identifier: GPL-2.0-only
"""The run: options -> selection -> plan -> parallel execution -> reports."""
from __future__ import annotations

import json
import os
import re
import shlex
import signal
import sys
import threading
import time
import traceback
from typing import Any, Callable

from . import baseline, bench, cli, paths, execute, expect, hostconf, manifest, matrix, selection, triage, verdict, vmm
from . import durations, migration
from . import cfg as cfg_mod
from .logdir import RunDir, prune_logs
from .cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, Options
from .model import TestResult, Verdict
from .procs import REGISTRY
from . import capabilities
from .report import html as htmlreport
from .report import html_matrix, jsonfile, junit
from .report import tap as tapreport
from .report import output
from .report.output import write_text
from .report.terminal import Terminal
from .schedule import Scheduler
from .planning import Plan, UsageError, guest_args, list_plan, plan
from .selection import Planned
from .watchdog import Watchdog

# The guest's first comment line (docs/output-protocol.md): "hvtest NAME (ARCH) seed=N ...".
_SEED_RE = re.compile(r"\bseed=([0-9]+)")
PARTIAL_REPORTS_EVERY = 1.0     # seconds between TAP/JUnit rewrites during a run


class Runner:
    def __init__(self, args: Options, run_dir: str, items: list[Planned],
                 configs: dict[tuple[str, str, str], baseline.Configuration]) -> None:
        self.args = args
        self.run_dir = run_dir
        self.items = items
        self.configs = configs
        self.interrupted = threading.Event()
        # build/.cache (Bochs ISOs); beside the logs when the suite is installed.
        self.cache_dir = os.path.join(args.log_dir if paths.INSTALLED else args.build_dir, ".cache")

    def _default_cpu(self, p: Planned) -> str | None:
        """--cpu, else an expectations @default-cpu directive, else the adapter's."""
        if self.args.cpu:
            return str(self.args.cpu)
        conf = self.configs.get((p.vmm, p.accel, p.arch))
        d = conf.default_cpu if conf is not None else None
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
        words = guest_args(p, self.args.case, self.args.guest_extra).split()
        return TestResult(test_id=p.test_id, name=p.entry.name, arch=p.arch, vmm=p.vmm,
                          accel=p.accel, iteration=p.iteration, verdict=v, reason=reason,
                          start=t, end=t,
                          case_filter=" ".join(w[5:] for w in words if w.startswith("case=")))

    def request(self, p: Planned, log: str) -> vmm.LaunchRequest:
        """What the adapter needs to build P's command line; LOG is its log file."""
        assert p.binary is not None
        gargs = guest_args(p, self.args.case, self.args.guest_extra)
        if p.entry.migrate is not None:
            gargs = f"{gargs} {migration.GUEST_FLAG}".strip()
        return vmm.LaunchRequest(entry=p.entry, arch=p.arch, accel=p.accel, binary=p.binary,
                                 image=p.image, guest_args=gargs,
                                 work_dir=os.path.dirname(log), test_id=os.path.basename(log)[:-4],
                                 cache_dir=self.cache_dir, default_cpu=self._default_cpu(p))

    def _execute(self, p: Planned) -> TestResult:
        if p.skip is not None:
            return self._result(p, Verdict.SKIP, p.skip)
        if p.error is not None or p.binary is None:
            return self._result(p, Verdict.ERROR, p.error or "no VMM binary")
        res = self._result(p, Verdict.ERROR, "")
        log = self.log_path(p)
        os.makedirs(os.path.dirname(log), exist_ok=True)
        res.log = paths.repo_path(log)
        try:
            launch = vmm.get(p.vmm).prepare(self.request(p, log))
        except vmm.LaunchError as exc:
            res.reason = str(exc)
            res.end = time.time()
            with open(log, "w") as f:
                f.write(f"test: {p.test_id}\nERROR: {exc}\n")
            return res
        res.cmdline = launch.argv
        res.cpu_model = launch.cpu_model
        params = execute.ExecParams(
            argv=launch.argv, log_path=log, timeout=p.entry.timeout * self.args.timeout_factor,
            log_cap=self.args.log_cap, end_grace=self.args.end_grace, env=launch.env,
            console_file=launch.console_file,
            header=[f"test: {p.test_id} ({p.entry.where})", f"vmm: {p.vmm} accel: {p.accel} arch: {p.arch}",
                    *p.notes, *launch.notes])
        if p.entry.migrate is not None:
            tap, outcome, done = migration.run(migration.SessionParams(params, p.entry.migrate,
                                                                       p.entry.migrate_via,
                                                                       p.entry.migrate_bandwidth),
                                               self.interrupted)
            res.detail = [f"migrations completed: {done}"]
        else:
            tap, outcome = execute.run(params, self.interrupted)
        res.end = time.time()
        # The exit check may read the console (the Bochs loader's error line).
        j = verdict.judge(tap, outcome, launch.exit_check)
        if launch.console_file is not None:
            try:
                os.unlink(launch.console_file)
            except OSError:
                pass
        res.verdict, res.reason, res.cases = j.verdict, j.reason, j.cases
        res.detail = j.detail + res.detail
        res.exit_code, res.exit_signal, res.end_marker = outcome.returncode, outcome.signal, tap.end
        seed = _SEED_RE.search(tap.header)
        res.seed = int(seed.group(1)) if seed else None
        res.guest_cpu = tap.guest_cpu
        conf = self.configs.get((p.vmm, p.accel, p.arch))
        if conf is not None:
            expect.apply(conf.failures, res)
        baseline.mark(conf, res)
        return res


def load_configs(args: Options, items: list[Planned], cfg: cfg_mod.Config, versions: dict[str, str],
                 term: Terminal) -> dict[tuple[str, str, str], baseline.Configuration]:
    """The host configuration of every (vmm, accel, arch) that runs, with its expectations."""
    out: dict[tuple[str, str, str], baseline.Configuration] = {}
    names = [e.name for e in cfg.entries]
    for key in sorted({(p.vmm, p.accel, p.arch) for p in items if p.runnable}):
        host = hostconf.collect(key[0], versions.get(key[0], "unknown"), key[1], key[2])
        term.info(f"host configuration {'/'.join(key)}: {host.describe()}")
        if args.no_expectations:
            out[key] = baseline.Configuration(host=host, path="", ignored=True)
            term.info(f"  {out[key].baseline_text()}")
            continue
        conf, warnings = baseline.load(args.expectations, host, names, args.no_baseline, paths.REPO_ROOT)
        for w in warnings:
            term.info(w)
        if conf.items:
            term.info(f"  expectations {paths.show_path(conf.path)}: {len(conf.failures)} of "
                      f"{len(expect.failures(conf.items))} items active")
        term.info(f"  {conf.baseline_text()}")
        d = conf.default_cpu
        if d is not None and not args.cpu:
            term.info(f"  default CPU model: {d.default_cpu} ({paths.show_path(d.where)}: {d.reason})")
        else:
            model = args.cpu or vmm.get(key[0]).default_cpu(key[2], key[1]) or "the VMM's default"
            term.info(f"  guest CPU model: {model} ({'--cpu' if args.cpu else 'default'}; "
                      "entries with a cpu key use theirs)")
        out[key] = conf
    return out


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Ctrl-C before a run installed its handlers (planning, probing VMMs):
        # nothing ran, nothing to kill; no traceback.
        print("hvtest: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`--list | head`): no traceback, nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _main(argv: list[str]) -> int:
    root = paths.REPO_ROOT
    try:
        args = cli.parse(argv, root)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.version:
        print(f"hvtest {manifest.suite_commit(root)} (runner: Python {sys.version.split()[0]})")
        return EXIT_OK
    color = {"always": True, "never": False}.get(args.color)
    to_stdout = any(output.is_stdout(p) for p in (args.tap, args.junit, args.json) if p)
    term = Terminal(sys.stderr if to_stdout else sys.stdout, color, verbose=args.verbose)
    if args.compare:
        if any(bench.is_bench_file(path) for path in args.compare):
            return bench.compare(args.compare, sys.stdout)
        return triage.compare(args.compare, sys.stdout)
    if args.merge:
        if len(args.merge) < 2:
            print("hvtest: --merge OUT.json SHARD.json [SHARD.json ...]", file=sys.stderr)
            return EXIT_USAGE
        return triage.merge(args.merge[0], args.merge[1:], sys.stdout)
    if args.html_matrix:
        return write_matrix(args.html_matrix[0], args.html_matrix[1:], term)
    if args.html_from:
        return write_html_from(args.html_from[0], args.html_from[1], term)
    if args.capabilities_from:
        return capabilities.main(args.capabilities_from, sys.stdout, sys.stderr)
    try:
        cfg = cfg_mod.load(args.config)
    except cfg_mod.CfgError as exc:
        print(f"hvtest: configuration error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.list_groups:
        for name, desc in cfg.groups.items():
            n = sum(1 for e in cfg.entries if name in e.groups)
            print(f"{name:<16} {n:>3} entries  {desc}")
        return EXIT_OK
    if args.cpu_matrix is not None and not (args.list_only or args.dry_run):
        return cpu_matrix(args, root, cfg, term, argv)
    return plan_and_run(args, root, cfg, term, argv)


def cpu_matrix(args: Options, root: str, cfg: cfg_mod.Config, term: Terminal, argv: list[str]) -> int:
    """--cpu-matrix (matrix.py): one complete run per model, then the matrix."""
    arches = selection.parse_arches(args.arch, args.build_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    matrix_dir = os.path.join(args.log_dir, f"cpu-matrix-{stamp}")
    try:
        status, runs = matrix.run(args, arches, matrix_dir,
                                  lambda o: plan_and_run(o, root, cfg, term, argv), sys.stdout)
    except matrix.MatrixError as exc:
        print(f"hvtest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.html and runs:
        html_status = write_matrix(args.html, [r.json_path for r in runs], term)
        status = max(status, html_status) if status != EXIT_INTERRUPTED else status
    return status


def plan_and_run(args: Options, root: str, cfg: cfg_mod.Config, term: Terminal, argv: list[str]) -> int:
    try:
        the_plan = plan(args, cfg, None if args.list_only else term)
    except (selection.SelectError, UsageError) as exc:
        print(f"hvtest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    items = the_plan.items
    if args.list_only:
        list_plan(items)
        return EXIT_OK
    if args.dry_run:
        return dry_run(args, cfg, items)
    bad_path = check_report_paths(args)
    if bad_path is not None:
        print(f"hvtest: {bad_path}", file=sys.stderr)
        return EXIT_USAGE
    if not items:
        if args.allow_empty:
            term.info("no test selected")
            return EXIT_OK
        print("hvtest: no test selected (check the names, -g, --arch and --shard; "
              "--allow-empty makes this exit 0)", file=sys.stderr)
        return EXIT_USAGE
    return _run(args, root, cfg, the_plan, term, argv)


class ReportFiles:
    """Writes report files; a failure is said once per file and ends the run with status 2,
    but never stops the tests (the terminal and the other reports still get every result)."""

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.failed: dict[str, str] = {}

    def write(self, what: str, path: str, fn: Callable[[str], None]) -> bool:
        try:
            fn(path)
        except OSError as exc:
            if path not in self.failed:
                self.term.info(f"cannot write {what} {exc.filename or path}: {exc.strerror}")
            self.failed[path] = exc.strerror or str(exc)
            return False
        self.failed.pop(path, None)
        return True


def vmm_versions(items: list[Planned]) -> dict[str, dict[str, str]]:
    """Per VMM binary of the plan: {vmm, path, version}."""
    out: dict[str, dict[str, str]] = {}
    for p in items:
        if p.binary and p.binary not in out:
            out[p.binary] = {"vmm": p.vmm, "path": p.binary, "version": vmm.get(p.vmm).version(p.binary)}
    return out


def versions_by_vmm(binaries: dict[str, dict[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in binaries.values():
        out.setdefault(b["vmm"], b["version"])
    return out


def dry_run(args: Options, cfg: cfg_mod.Config, items: list[Planned]) -> int:
    """-n: the command line each selected test would run with; nothing runs.

    The host configuration and its expectations apply (a @default-cpu changes
    the command line); what they print goes to standard error.
    """
    work = os.path.join(args.log_dir, "dry-run")
    os.makedirs(work, exist_ok=True)    # Bochs writes its bochsrc there
    try:
        configs = load_configs(args, items, cfg, versions_by_vmm(vmm_versions(items)),
                               Terminal(sys.stderr, False))
    except expect.ExpectError as exc:
        print(f"hvtest: expectations error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    runner = Runner(args, work, items, configs)
    for p in items:
        if not p.runnable or p.binary is None:
            print(f"# {p.test_id}: {'SKIP: ' + p.skip if p.skip else 'ERROR: ' + str(p.error)}")
            continue
        log = runner.log_path(p)      # arch/NAME.log when several arches run
        os.makedirs(os.path.dirname(log), exist_ok=True)
        try:
            launch = vmm.get(p.vmm).prepare(runner.request(p, log))
        except vmm.LaunchError as exc:
            print(f"# {p.test_id}: ERROR: {exc}")
            continue
        print(f"# {p.test_id}" + "".join(f"; {n}" for n in p.notes))
        print(shlex.join(launch.argv))
    return EXIT_OK


def _load_reports(out_path: str, paths: list[str]) -> list[dict[str, Any]]:
    """The --json reports at PATHS.  OUT_PATH must not be one of them: arguments in the
    wrong order would overwrite a report with the page.  Raises triage.CompareError."""
    docs = [triage.load(p) for p in paths]
    if os.path.isfile(out_path):
        try:
            triage.load(out_path)
        except triage.CompareError:
            return docs
        raise triage.CompareError(f"{out_path} is a JSON report, not the page to write "
                                  "(check the order of the arguments)")
    return docs


def write_matrix(out_path: str, paths: list[str], term: Terminal) -> int:
    """--html-matrix OUT.html A.json B.json ...: no run."""
    if len(paths) < 2:
        print("hvtest: --html-matrix needs the page to write and at least two JSON reports",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        docs = _load_reports(out_path, paths)
    except triage.CompareError as exc:
        print(f"hvtest: --html-matrix: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not ReportFiles(term).write("--html-matrix", out_path,
                                   lambda path: html_matrix.write(path, paths, docs)):
        return EXIT_USAGE
    term.info(f"matrix of {len(paths)} runs written to {out_path}")
    return EXIT_OK


def write_html_from(src: str, out_path: str, term: Terminal) -> int:
    """--html-from RUN.json OUT.html: the run's page rebuilt from its report; no run."""
    try:
        doc = _load_reports(out_path, [src])[0]
    except triage.CompareError as exc:
        print(f"hvtest: --html-from: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not ReportFiles(term).write("--html-from", out_path, lambda path: htmlreport.write(path, doc)):
        return EXIT_USAGE
    term.info(f"HTML page of {src} written to {out_path}")
    return EXIT_OK


def check_report_paths(args: Options) -> str | None:
    """A report path whose directory is missing or read-only, or that is a directory: the
    run would lose its report at the end, so it is refused before any test runs."""
    for opt in ("json", "junit", "tap", "html", "write_expectations", "bench_json"):
        path = getattr(args, opt)
        if not path:
            continue
        flag = "--" + opt.replace("_", "-")
        if os.path.isdir(path):
            return f"{flag} {path}: is a directory"
        if not output.replaceable(path):
            continue            # standard output, a device or a pipe: written through
        path = output.target(path)
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            return f"{flag} {path}: directory {parent} does not exist"
        if not os.access(parent, os.W_OK | os.X_OK):
            return f"{flag} {path}: directory {parent} is not writable"
    return None


def _run(args: Options, root: str, cfg: cfg_mod.Config, the_plan: Plan, term: Terminal,
         argv: list[str]) -> int:
    items = the_plan.items
    if os.path.exists(args.log_dir) and not os.path.isdir(args.log_dir):
        print(f"hvtest: --log-dir {args.log_dir}: not a directory", file=sys.stderr)
        return EXIT_USAGE
    try:
        run = RunDir.create(args.log_dir)
    except OSError as exc:
        print(f"hvtest: cannot create a run directory under --log-dir {exc.filename or args.log_dir}: "
              f"{exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    run_id, run_dir = run.run_id, run.path
    out = ReportFiles(term)
    prune_logs(args.log_dir, args.keep_logs)
    vmms = vmm_versions(items)
    versions = versions_by_vmm(vmms)
    accels = {arch: {"accel": c.accel, "why": c.why} for arch, c in the_plan.accels.items()}
    try:
        configs = load_configs(args, items, cfg, versions, term)
    except expect.ExpectError as exc:
        print(f"hvtest: expectations error:\n{exc}", file=sys.stderr)
        run.finish()
        return EXIT_USAGE
    man = manifest.collect(root, ["run_tests.sh", *argv], vmms, accels, run_id)
    man["host_configurations"] = [c.to_json() for c in configs.values()]
    out.write("manifest", os.path.join(run_dir, "manifest.json"),
              lambda path: write_text(path, json.dumps(man, indent=1) + "\n"))
    runner = Runner(args, run_dir, items, configs)
    results: list[TestResult] = []
    t0 = time.monotonic()
    term.width = max(len(p.test_id) for p in items)
    term.info(f"{len(items)} tests, -j {args.jobs}, vmm {args.vmm}, logs in {paths.show_path(run_dir)}")

    def on_sig(signum: int, frame: Any) -> None:
        if runner.interrupted.is_set():
            REGISTRY.kill_all(signal.SIGKILL)
            return
        runner.interrupted.set()
        sched.stop.set()
        stop_at[0] = time.monotonic()
        REGISTRY.kill_all(signal.SIGTERM)

    stop_at: list[float | None] = [None]

    uses: list[baseline.ItemUse] = []

    def document(complete: bool) -> dict[str, Any]:
        return jsonfile.document(man, results, complete, runner.interrupted.is_set(),
                                 summary(results, args.strict) if complete else None,
                                 [u.to_json() for u in uses])

    def write_json(complete: bool) -> None:
        if args.json and (complete or output.replaceable(args.json)):
            out.write("--json", args.json, lambda path: jsonfile.write_document(path, document(complete)))

    def write_tap_junit(complete: bool) -> None:
        if args.tap and (complete or output.replaceable(args.tap)):
            out.write("--tap", args.tap,
                      lambda path: tapreport.write(path, results, complete, args.tap_version))
        if args.junit and (complete or output.replaceable(args.junit)):
            out.write("--junit", args.junit, lambda path: junit.write(path, results, man))

    partial_at = [0.0]

    def on_done(p: Planned, r: TestResult) -> None:
        results.append(r)
        term.test_done(r, term.progress(len(results), len(items), time.monotonic() - t0))
        write_json(False)
        # A runner killed at any moment leaves reports of what finished.
        if time.monotonic() - partial_at[0] >= PARTIAL_REPORTS_EVERY:
            write_tap_junit(False)
            partial_at[0] = time.monotonic()

    def tick() -> None:
        if stop_at[0] is not None and time.monotonic() - stop_at[0] > 1.5:
            REGISTRY.kill_all(signal.SIGKILL)
        now = time.monotonic()
        term.heartbeat(now - t0, len(results), len(items),
                       [(it.test_id, now - st) for it, st in sched.running.values()])

    sched: Scheduler[Planned, TestResult] = Scheduler(
        args.jobs, lambda p: p.entry.smp if p.runnable else 0, runner.execute,
        lambda p: None, on_done, tick, 1.0)
    REGISTRY.attach(Watchdog.start())
    # SIGHUP (a closed terminal) like SIGTERM, unless ignored: nohup asks to outlive the terminal.
    hup = [] if signal.getsignal(signal.SIGHUP) == signal.SIG_IGN else [signal.SIGHUP]
    old = {s: signal.signal(s, on_sig) for s in (signal.SIGINT, signal.SIGTERM, *hup)}
    start_order = items if args.order == "cfg" else \
        durations.order(items, durations.load(args.log_dir), args.jobs)
    try:
        not_run = sched.run(start_order)
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        REGISTRY.kill_all(signal.SIGKILL)
        REGISTRY.detach()
        run.finish()
    interrupted = runner.interrupted.is_set()
    order = {p.test_id: i for i, p in enumerate(items)}
    results.sort(key=lambda r: order.get(r.test_id, 0))
    if not interrupted:
        for conf in configs.values():
            uses.extend(baseline.usage(conf, results, args.case is None))
        durations.update(args.log_dir, results)
    write_json(True)
    write_tap_junit(not interrupted)
    if args.html:
        out.write("--html", args.html, lambda path: htmlreport.write(path, document(True)))
    if args.bench_json:
        out.write("--bench-json", args.bench_json,
                  lambda path: bench.write(path, bench.collect(results), man))
    if args.write_expectations and out.write(
            "--write-expectations", args.write_expectations,
            lambda path: triage.write_expectations(path, list(configs.values()), results, run_id)):
        term.info(f"draft expectations for {sum(1 for r in results if r.verdict.unexpected)} "
                  f"unexpected results written to {args.write_expectations}")
    term.summary(results, time.monotonic() - t0, paths.show_path(run_dir), interrupted, len(not_run))
    if args.capabilities:
        capabilities.render(document(True), sys.stdout)
        if args.html:
            out.write("--capabilities", capabilities.html_path(args.html),
                      lambda path: write_text(path, capabilities.render_html(document(True))))
    term.expectations(uses)
    term.new_findings(results, args.strict)
    if interrupted:
        return EXIT_INTERRUPTED
    if out.failed:
        term.info(f"reports not written: {', '.join(sorted(out.failed))} (exit status 2)")
        return EXIT_USAGE
    failed = [r for r in results if r.verdict.unexpected and (args.strict or r.counts_against_run)]
    return EXIT_UNEXPECTED if failed else EXIT_OK


def summary(results: list[TestResult], strict: bool) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
    return {"tests": len(results), "counts": counts,
            "unexpected": sum(1 for r in results if r.verdict.unexpected),
            "new_on_host": sum(1 for r in results if r.new_on_host),
            "counted": sum(1 for r in results if r.verdict.unexpected
                           and (strict or r.counts_against_run))}
