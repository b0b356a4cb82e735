# SPDX-License-Identifier: GPL-2.0-only
"""Human summary on the terminal; colour only when the stream is a tty."""
from __future__ import annotations

import os
import shlex
import sys
import time
from typing import TextIO

from ..baseline import ItemUse
from ..model import TestResult, Verdict
from ..paths import show_path
from .sanitize import visible as _v

_COLOURS = {Verdict.PASS: "32", Verdict.FAIL: "31", Verdict.SKIP: "33", Verdict.XFAIL: "36",
            Verdict.XPASS: "35", Verdict.TIMEOUT: "31;1", Verdict.CRASH: "31;1", Verdict.ERROR: "31;1"}
ORDER = [Verdict.PASS, Verdict.FAIL, Verdict.SKIP, Verdict.XFAIL, Verdict.XPASS,
         Verdict.TIMEOUT, Verdict.CRASH, Verdict.ERROR]
HEARTBEAT = 10.0
MAX_ASSERTIONS = 10     # failed assertions shown per case


class Terminal:
    def __init__(self, stream: TextIO = sys.stdout, color: bool | None = None,
                 verbose: bool = False) -> None:
        self.out = stream
        self.verbose = verbose
        self.closed = False
        if color is None:
            color = stream.isatty() and os.environ.get("NO_COLOR") is None \
                and os.environ.get("TERM") != "dumb"
        self.color = color
        self.tty = stream.isatty()
        self.last_output = time.monotonic()
        self.width = 24

    def _paint(self, v: Verdict, text: str) -> str:
        return f"\033[{_COLOURS[v]}m{text}\033[0m" if self.color else text

    def line(self, text: str) -> None:
        """One line; a closed reader (`| head`) ends the terminal output, never the run."""
        if self.closed:
            return
        try:
            self.out.write(text + "\n")
            self.out.flush()
        except BrokenPipeError:
            self.closed = True
        self.last_output = time.monotonic()

    def info(self, text: str) -> None:
        self.line(f"hvtest: {text}")

    def progress(self, done: int, total: int, elapsed: float) -> str:
        """"[ 3/46] " and, on a terminal, the time left at this pace."""
        eta = ""
        if self.tty and 0 < done < total:
            eta = f" ETA {_duration(elapsed / done * (total - done))}"
        return f"[{done:>{len(str(total))}}/{total}{eta}] "

    def test_done(self, r: TestResult, progress: str = "") -> None:
        counts = r.counts()
        parts = [f"{counts[v.value]} {v.value.lower()}" for v in ORDER if v.value in counts]
        detail = ", ".join(parts) if parts else ""
        if r.reason and (r.verdict != Verdict.PASS):
            detail = f"{detail}; {_v(r.reason)}" if detail else _v(r.reason)
        self.line(f"{progress}{self._paint(r.verdict, f'{r.verdict.value:<8}')} "
                  f"{r.test_id:<{self.width}} {r.duration:7.2f}s  {detail}")
        if self.verbose and r.cmdline:
            self.line(f"         command: {shlex.join(r.cmdline)}")

    def heartbeat(self, elapsed: float, done: int, total: int, running: list[tuple[str, float]]) -> None:
        if time.monotonic() - self.last_output < HEARTBEAT:
            return
        names = ", ".join(f"{n} ({s:.0f}s)" for n, s in running[:6])
        more = f" +{len(running) - 6}" if len(running) > 6 else ""
        self.line(f"... {elapsed:.0f}s: {done}/{total} done; running: {names}{more}")

    def summary(self, results: list[TestResult], elapsed: float, log_dir: str,
                interrupted: bool, not_run: int) -> None:
        bad = [r for r in results if r.verdict.unexpected]
        if any(r.iteration > 1 for r in results):
            self._repeat_table(results)
        if bad:
            self.line("")
            self.line("Unexpected results:")
            shown: dict[tuple[str, ...], str] = {}
            for r in bad:
                key = _failure_key(r)
                if key in shown:
                    self.line(f"{self._paint(r.verdict, r.verdict.value)} {r.test_id}: "
                              f"the same failure as {shown[key]}")
                    continue
                shown[key] = r.test_id
                self._explain(r)
        counts: dict[Verdict, int] = {}
        for r in results:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
        parts = [self._paint(v, f"{counts[v]} {v.value}") for v in ORDER if v in counts]
        self.line("")
        tail = f"; {not_run} not run (interrupted)" if interrupted else ""
        self.line(f"SUMMARY: {len(results)} tests in {elapsed:.1f}s: "
                  f"{', '.join(parts) if parts else 'nothing run'}{tail}")
        self.line(f"logs: {log_dir}")

    def _repeat_table(self, results: list[TestResult]) -> None:
        """--repeat: per test and case, how often each verdict came out (varying rows only)."""
        tally: dict[str, dict[str, int]] = {}
        for r in results:
            base = f"{r.arch}/{r.name}"
            rows = [(base, r.verdict.value)] + [(f"{base}/{c.name}", c.verdict.value) for c in r.cases]
            for row, v in rows:
                tally.setdefault(row, {})
                tally[row][v] = tally[row].get(v, 0) + 1
        varying = {k: t for k, t in tally.items() if len(t) > 1}
        runs = max(r.iteration for r in results)
        self.line("")
        if not varying:
            self.line(f"--repeat {runs}: every test and case had the same verdict in every run")
            return
        self.line(f"--repeat {runs}: tests and cases whose verdict varied:")
        for row, t in varying.items():
            parts = ", ".join(f"{v} {n} of {sum(t.values())}" for v, n in
                              sorted(t.items(), key=lambda kv: -kv[1]))
            self.line(f"  {row}: {parts}")

    def expectations(self, uses: list[ItemUse]) -> None:
        """Per-item use of the expectations lists; stale items named."""
        if not uses:
            return
        used = [u for u in uses if u.masked]
        self.line(f"expectations: {len(used)} items masked {sum(u.masked for u in used)} results")
        for u in uses:
            if u.status == "stale":
                self.line(f"  stale: {u.item.where}: '{u.item.pattern}' masked nothing although "
                          "its test ran in full (remove or re-gate it)")

    def new_findings(self, results: list[TestResult], strict: bool) -> None:
        """The triage list: unexpected results on a configuration without a baseline."""
        new = [r for r in results if r.new_on_host]
        if not new:
            return
        counted = "counted as failures (--strict)" if strict else "not counted in the exit status"
        self.line(f"NEW ON THIS HOST (no baseline): {len(new)} unexpected results, {counted}; "
                  "triage them against the manual (docs/results.md, --write-expectations):")
        for r in new:
            self.line(f"  {r.verdict.value} {r.test_id} [{r.vmm}/{r.accel}/{r.arch}]: {_v(r.reason)}")

    def _explain(self, r: TestResult) -> None:
        tag = " [new on this host: no baseline]" if r.new_on_host else ""
        self.line(f"{self._paint(r.verdict, r.verdict.value)} {r.test_id}{tag}: {_v(r.reason)}")
        for d in r.detail[-25:]:
            self.line(f"    | {_v(d)}")
        for c in r.cases:
            if not c.verdict.unexpected:
                continue
            self.line(f"  case {_v(c.name)}: {c.verdict.value}{': ' + _v(c.reason) if c.reason else ''}")
            bad = [a for a in c.assertions if a.verdict.unexpected]
            for a in bad[:MAX_ASSERTIONS]:
                where = ""
                if "file" in a.diag:
                    where = _v(f"  ({a.diag['file']}:{a.diag.get('line', '?')})")
                self.line(f"    {a.verdict.value} {a.number} - {_v(a.description)}{where}")
                for k in ("expected", "actual"):
                    if k in a.diag:
                        self.line(f"        {k + ':':<9} {_v(str(a.diag[k]))}")
                if a.reason:
                    self.line(f"        note: {_v(a.reason)}")
            if len(bad) > MAX_ASSERTIONS:
                self.line(f"    ... {len(bad) - MAX_ASSERTIONS} more (see the log or --json)")
        if r.log:
            self.line(f"  log: {show_path(r.log)}")


def _duration(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


def _failure_key(r: TestResult) -> tuple[str, ...]:
    """What makes two unexpected results the same failure (for --repeat): test, verdict,
    reason and the failed assertions with their diagnostics."""
    parts = [r.arch, r.name, r.verdict.value, r.reason]
    for c in r.cases:
        for a in c.assertions:
            if a.verdict.unexpected:
                parts.append(f"{c.name}/{a.description}/{a.diag.get('expected')}/{a.diag.get('actual')}")
    return tuple(parts)
