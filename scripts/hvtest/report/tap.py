# SPDX-License-Identifier: GPL-2.0-only
"""--tap FILE: TAP 14 structure; each test is a subtest whose subtests are its cases.

The header says `TAP version 13` by default because Perl's prove (TAP::Harness
3.44) rejects version 14; TAP 14 subtests are indented so that TAP 13
consumers ignore them.  --tap-version 14 writes the TAP 14 header.
"""
from __future__ import annotations

import json

from ..model import Assertion, CaseResult, TestResult, Verdict
from .output import write_text


def _clean(text: str) -> str:
    return " ".join(text.replace("#", "\\#").split())


def _yaml(ind: str, fields: dict[str, str]) -> list[str]:
    out = [f"{ind}  ---"]
    for k, v in fields.items():
        if v is None or v == "":
            continue
        out.append(f"{ind}  {k}: {json.dumps(str(v))}")
    out.append(f"{ind}  ...")
    return out


def _point(ind: str, n: int, name: str, v: Verdict, reason: str, todo: str | None = None) -> str:
    """One test point. Inside a known failure (TODO, the XFAIL case or test that holds it)
    every failed point is a TODO too, so a TAP consumer's counts match the runner's."""
    name = _clean(name) or "(unnamed)"
    reason = _clean(reason)
    if todo is not None and v.unexpected:
        return f"{ind}not ok {n} - {name} [{v.value}] # TODO {_clean(todo)}".rstrip()
    if v == Verdict.PASS:
        return f"{ind}ok {n} - {name}"
    if v == Verdict.SKIP:
        return f"{ind}ok {n} - {name} # SKIP {reason}".rstrip()
    if v == Verdict.XFAIL:
        return f"{ind}not ok {n} - {name} # TODO {reason}".rstrip()
    return f"{ind}not ok {n} - {name} [{v.value}{': ' + reason if reason else ''}]"


def _assertion(ind: str, a: Assertion, n: int, todo: str | None) -> list[str]:
    lines = [_point(ind, n, a.description, a.verdict, a.reason, todo)]
    if a.verdict not in (Verdict.PASS, Verdict.SKIP) and a.diag:
        lines += _yaml(ind, {**a.diag, "verdict": a.verdict.value})
    return lines


def _todo(v: Verdict, reason: str, outer: str | None) -> str | None:
    return outer if outer is not None else (reason or "known failure") if v == Verdict.XFAIL else None


def _case(ind: str, c: CaseResult, n: int, outer: str | None) -> list[str]:
    lines = [f"{ind}# Subtest: {_clean(c.name)}"]
    sub = ind + "    "
    todo = _todo(c.verdict, c.reason, outer)
    for i, a in enumerate(c.assertions, 1):
        lines += _assertion(sub, a, i, todo)
    if c.assertions:
        lines.append(f"{sub}1..{len(c.assertions)}")
    elif c.verdict == Verdict.SKIP:
        lines.append(f"{sub}1..0 # SKIP {_clean(c.reason) or 'no assertions'}")
    else:
        lines.append(f"{sub}1..0")
    lines.append(_point(ind, n, c.name, c.verdict, c.reason, outer))
    return lines


def render_test(r: TestResult, n: int) -> list[str]:
    lines = [f"# Subtest: {r.test_id}"]
    sub = "    "
    todo = _todo(r.verdict, r.reason, None)
    for i, c in enumerate(r.cases, 1):
        lines += _case(sub, c, i, todo)
    lines.append(f"{sub}1..{len(r.cases)}" if r.cases else f"{sub}1..0 # SKIP no cases")
    lines.append(_point("", n, r.test_id, r.verdict, r.reason))
    if r.verdict not in (Verdict.PASS, Verdict.SKIP):
        lines += _yaml("", {"verdict": r.verdict.value, "reason": r.reason, "log": r.log,
                            "detail": "\n".join(r.detail[-40:])})
    return lines


def render(results: list[TestResult], complete: bool, version: int = 13) -> str:
    lines = [f"TAP version {version}"]
    for i, r in enumerate(results, 1):
        lines += render_test(r, i)
    lines.append(f"1..{len(results)}")
    if not complete:
        lines.append("Bail out! run interrupted")
    return "\n".join(lines) + "\n"


def write(path: str, results: list[TestResult], complete: bool, version: int = 13) -> None:
    write_text(path, render(results, complete, version))
