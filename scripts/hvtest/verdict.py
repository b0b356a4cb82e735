# SPDX-License-Identifier: GPL-2.0-only
"""Verdicts: from a parsed TAP stream plus how the VMM ended, per case and per test.

Rules (docs/results.md): the TAP stream decides; the VMM's exit is a
cross-check.  Anything that prevents a complete, consistent stream is CRASH
(TIMEOUT when the runner's timeout killed it, ERROR when the VMM could not
be started at all).
"""
from __future__ import annotations

import signal as _signal
from dataclasses import dataclass, field
from typing import Callable

from .model import Assertion, CaseResult, Verdict, worst
from .tap import Block, Point, TapParser

# Reasons the runner killed the VMM.
KILL_TIMEOUT = "timeout"
KILL_FLOOD = "flood"
KILL_INTERNAL = "internal-error"
KILL_END_GRACE = "end-grace"
KILL_INTERRUPT = "interrupt"

ExitCheck = Callable[[int | None, int, list[str]], "str | None"]


@dataclass
class Outcome:
    """How the VMM process ended (filled by execute.py)."""
    start_error: str | None = None
    returncode: int | None = None
    signal: int | None = None
    killed_by: str | None = None
    timeout: float = 0.0
    log_cap: int = 0
    internal_error: list[str] = field(default_factory=list)
    stderr_tail: list[str] = field(default_factory=list)
    migration_error: str | None = None   # a migration session failed (migration.py)


@dataclass
class Judgement:
    verdict: Verdict
    reason: str
    detail: list[str]
    cases: list[CaseResult]


def _point_verdict(p: Point) -> Verdict:
    if p.directive == "SKIP":
        return Verdict.SKIP
    if p.directive == "TODO":
        return Verdict.XPASS if p.ok else Verdict.XFAIL
    return Verdict.PASS if p.ok else Verdict.FAIL


def _flatten(block: Block | None, prefix: str, out: list[Assertion]) -> None:
    if block is None:
        return
    for p in block.points:
        desc = prefix + p.description
        if p.child is not None:
            _flatten(p.child, desc + ": ", out)
        out.append(Assertion(number=p.number or len(out) + 1, description=desc,
                             verdict=_point_verdict(p), reason=p.reason, diag=dict(p.diag)))


def _case(p: Point) -> CaseResult:
    asserts: list[Assertion] = []
    _flatten(p.child, "", asserts)
    child = p.child
    comments = list(child.comments) if child else []
    name = p.description or (child.name if child and child.name else f"case{p.number or '?'}")
    own = _point_verdict(p)
    reason = p.reason
    if own == Verdict.SKIP:
        return CaseResult(name, Verdict.SKIP, reason, asserts, comments)
    if not asserts:
        if child is not None and child.plan == 0 and child.plan_skip is not None:
            return CaseResult(name, Verdict.SKIP, child.plan_skip or reason, asserts, comments)
        if own in (Verdict.XFAIL, Verdict.XPASS):
            return CaseResult(name, own, reason, asserts, comments)
        return CaseResult(name, Verdict.FAIL, "case reported nothing", asserts, comments)
    v = worst([a.verdict for a in asserts], Verdict.PASS)
    if own == Verdict.FAIL and v != Verdict.FAIL:
        v, reason = Verdict.FAIL, "case line is 'not ok' but no assertion failed"
    elif own == Verdict.XFAIL and v in (Verdict.FAIL, Verdict.PASS, Verdict.SKIP):
        v = Verdict.XFAIL
    elif v == Verdict.FAIL and own == Verdict.PASS:
        reason = "case line is 'ok' but an assertion failed"
    if child is not None and child.plan is not None and child.plan != len(child.points) \
            and v in (Verdict.PASS, Verdict.SKIP, Verdict.XFAIL):
        v = Verdict.FAIL
        reason = f"plan 1..{child.plan} but {len(child.points)} assertions reported"
    if v == Verdict.FAIL and not reason:
        reason = "; ".join(a.description for a in asserts if a.verdict == Verdict.FAIL)[:200]
    return CaseResult(name, v, reason, asserts, comments)


def cases_of(tap: TapParser) -> list[CaseResult]:
    return [_case(p) for p in tap.root.points]


def _unfinished(tap: TapParser, verdict: Verdict, reason: str) -> CaseResult | None:
    """The case that was being printed when the stream stopped."""
    blk = tap.root.pending_child
    name = blk.name if blk is not None else tap.root.pending_name
    if blk is None and name is None:
        return None
    asserts: list[Assertion] = []
    _flatten(blk, "", asserts)
    comments = list(blk.comments) if blk else []
    return CaseResult(name or "(unnamed subtest)", verdict, reason, asserts, comments)


def _signame(sig: int) -> str:
    try:
        return _signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


def _exit_text(o: Outcome) -> str:
    if o.signal is not None:
        return f"VMM killed by {_signame(o.signal)}"
    return f"VMM exit status {o.returncode}"


def judge(tap: TapParser, o: Outcome, exit_check: ExitCheck | None) -> Judgement:
    tap.finish()
    cases = cases_of(tap)

    def crash(verdict: Verdict, reason: str, detail: list[str]) -> Judgement:
        tail = _unfinished(tap, verdict, reason)
        if tail is not None:
            cases.append(tail)
        return Judgement(verdict, reason, detail, cases)

    stderr = list(o.stderr_tail)
    if o.start_error is not None:
        return Judgement(Verdict.ERROR, o.start_error, stderr, cases)
    if o.killed_by == KILL_INTERRUPT:
        return crash(Verdict.ERROR, "interrupted", stderr)
    if o.killed_by == KILL_TIMEOUT:
        where = tap.open_case()
        extra = f" (in case {where})" if where else ""
        if not tap.version_seen:
            extra += " (no TAP output)"
        return crash(Verdict.TIMEOUT, f"no result after {o.timeout:g} s{extra}", [])
    if o.migration_error is not None:
        return crash(Verdict.CRASH, o.migration_error, stderr)
    if o.killed_by == KILL_FLOOD:
        return crash(Verdict.CRASH, f"console flood: output exceeded {o.log_cap} bytes, VMM killed", [])
    if o.internal_error:
        return crash(Verdict.CRASH, o.internal_error[0].strip(), list(o.internal_error))
    if tap.bail is not None:
        detail = list(tap.comments)[-60:]
        if tap.end is not None and tap.end.get("status") == 2:
            # The guest refused its command line (docs/output-protocol.md).
            return crash(Verdict.ERROR, f"bad guest command line: {tap.bail}", detail)
        return crash(Verdict.CRASH, f"Bail out! {tap.bail}", detail)
    if o.signal is not None:
        first = next((s.strip() for s in stderr if s.strip()), "")
        return crash(Verdict.CRASH, _exit_text(o) + (f": {first}" if first else ""), stderr)
    if not tap.version_seen:
        how = None
        if exit_check is not None and o.returncode is not None:
            how = exit_check(None, o.returncode, stderr)
        if how is None:
            first = next((s.strip() for s in stderr if s.strip()), "")
            how = _exit_text(o) + (f": {first}" if first else "")
        return crash(Verdict.CRASH, f"no TAP output; {how}", stderr)
    if tap.restarts:
        return crash(Verdict.CRASH, "guest restarted (TAP version printed again)", stderr)
    if tap.plan is None or tap.end is None:
        missing = "plan and end marker" if tap.plan is None and tap.end is None else \
            ("plan" if tap.plan is None else "end marker")
        how = _exit_text(o)
        if exit_check is not None and o.returncode is not None:
            how = exit_check(None, o.returncode, stderr) or how
        return crash(Verdict.CRASH, f"guest stopped without {missing}; {how}", stderr)
    status = tap.end.get("status")
    if o.killed_by == KILL_END_GRACE:
        return crash(Verdict.CRASH, "VMM did not exit after the guest's end marker (exit device missing?)", stderr)
    if exit_check is not None and o.returncode is not None:
        msg = exit_check(status, o.returncode, stderr)
        if msg:
            return crash(Verdict.CRASH, msg, stderr)
    if status == 3:
        return crash(Verdict.CRASH, "guest aborted (end marker status=3)", list(tap.comments)[-60:])
    if tap.plan != len(tap.root.points):
        return crash(Verdict.CRASH, f"plan 1..{tap.plan} but {len(tap.root.points)} cases reported", stderr)
    if not cases:
        skip = tap.root.plan_skip
        return Judgement(Verdict.SKIP, skip or "no cases ran", [], cases)
    v = worst([c.verdict for c in cases], Verdict.PASS)
    reason = ""
    if v == Verdict.SKIP:
        reason = cases[0].reason if len(cases) == 1 else "all cases skipped"
    failed = [c.name for c in cases if c.verdict == Verdict.FAIL]
    if failed:
        reason = "failed: " + ", ".join(failed)
    if status == 1 and not failed and v not in (Verdict.XPASS,):
        v, reason = Verdict.FAIL, "end marker status=1 but no case failed"
    elif status not in (0, 1):
        v, reason = Verdict.CRASH, f"end marker has unknown status={status}"
    return Judgement(v, reason, [], cases)
