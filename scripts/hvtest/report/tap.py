"""--tap FILE: TAP 14 structure; each test is a subtest whose subtests are its cases.

The header says `TAP version 13` by default because Perl's prove (TAP::Harness
3.44) rejects version 14; TAP 14 subtests are indented so that TAP 13
consumers ignore them.  --tap-version 14 writes the TAP 14 header.
"""
from __future__ import annotations

from ..model import Assertion, CaseResult, TestResult, Verdict
from .jsonfile import atomic_write


def _clean(text: str) -> str:
    return " ".join(text.replace("#", "\\#").split())


def _yaml(ind: str, fields: dict[str, str]) -> list[str]:
    import json
    out = [f"{ind}  ---"]
    for k, v in fields.items():
        if v is None or v == "":
            continue
        out.append(f"{ind}  {k}: {json.dumps(str(v))}")
    out.append(f"{ind}  ...")
    return out


def _point(ind: str, n: int, name: str, v: Verdict, reason: str) -> str:
    name = _clean(name) or "(unnamed)"
    reason = _clean(reason)
    if v == Verdict.PASS:
        return f"{ind}ok {n} - {name}"
    if v == Verdict.SKIP:
        return f"{ind}ok {n} - {name} # SKIP {reason}".rstrip()
    if v == Verdict.XFAIL:
        return f"{ind}not ok {n} - {name} # TODO {reason}".rstrip()
    return f"{ind}not ok {n} - {name} [{v.value}{': ' + reason if reason else ''}]"


def _assertion(ind: str, a: Assertion, n: int) -> list[str]:
    lines = [_point(ind, n, a.description, a.verdict, a.reason)]
    if a.verdict not in (Verdict.PASS, Verdict.SKIP) and a.diag:
        lines += _yaml(ind, {**a.diag, "verdict": a.verdict.value})
    return lines


def _case(ind: str, c: CaseResult, n: int) -> list[str]:
    lines = [f"{ind}# Subtest: {_clean(c.name)}"]
    sub = ind + "    "
    for i, a in enumerate(c.assertions, 1):
        lines += _assertion(sub, a, i)
    if c.assertions:
        lines.append(f"{sub}1..{len(c.assertions)}")
    elif c.verdict == Verdict.SKIP:
        lines.append(f"{sub}1..0 # SKIP {_clean(c.reason) or 'no assertions'}")
    else:
        lines.append(f"{sub}1..0")
    lines.append(_point(ind, n, c.name, c.verdict, c.reason))
    return lines


def render_test(r: TestResult, n: int) -> list[str]:
    lines = [f"# Subtest: {r.test_id}"]
    sub = "    "
    for i, c in enumerate(r.cases, 1):
        lines += _case(sub, c, i)
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
    atomic_write(path, render(results, complete, version))
