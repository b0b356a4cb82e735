# SPDX-License-Identifier: GPL-2.0-only
"""Known-failure lists: expectations/<vmm>-<accel>-<arch>.txt (docs/results.md).

Line syntax:  PATTERN  [FLAGS]  REASON
  PATTERN  test | test/case | test/case/assertion-glob   (fnmatch globs;
           double-quote the pattern when the assertion part has spaces)
  FLAGS    optional, one bracket group, comma separated:
           intermittent | crash | crash=TEXT | timeout | broad | unconfirmed
           | gates (gates.py: vendor=A|B, kernel>=6.1, kvm-module=kvm_pvm ...)
  REASON   required free text

An item covers only what it names: a [crash]/[timeout] item covers that
outcome of its test and nothing else; a plain test-level item covers the
test's failed cases.  A test part that matches more than one test needs
[broad]; a pattern made of wildcards only is refused.

Directives (gate flags only):
  @default-cpu MODEL  [GATES]  REASON
      The CPU model for entries without a cpu key in this configuration (a
      known-broken default, e.g. a KVM that makes `-cpu host` abort).
  @verified-on YYYY-MM-DD  [GATES]  HOST DESCRIPTION
      This list was checked, item by item, on a host configuration that
      satisfies GATES: such a host has a baseline.  On any other host an
      unexpected result is a new finding for triage, not a regression.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field

from . import gates as G
from .model import CaseResult, TestResult, Verdict, worst

DIRECTIVES = ("@default-cpu", "@verified-on")
_DATE_RE = re.compile(r"20[0-9]{2}-[01][0-9]-[0-3][0-9]\Z")


class ExpectError(Exception):
    pass


@dataclass
class Item:
    test: str
    case: str | None
    assertion: str | None
    reason: str
    where: str
    intermittent: bool = False
    crash: bool = False
    crash_text: str | None = None
    timeout: bool = False
    broad: bool = False
    unconfirmed: bool = False
    gates: list[G.Gate] = field(default_factory=list)
    directive: str | None = None      # "@default-cpu" or "@verified-on"
    value: str = ""                   # the directive's model or date

    @property
    def default_cpu(self) -> str | None:
        return self.value if self.directive == "@default-cpu" else None

    @property
    def pattern(self) -> str:
        return "/".join(p for p in (self.test, self.case, self.assertion) if p is not None)

    @property
    def outcome_only(self) -> bool:
        """A [crash]/[timeout] item: covers that outcome, never failed assertions."""
        return self.crash or self.timeout

    @property
    def text(self) -> str:
        tag = " [intermittent]" if self.intermittent else ""
        return f"{self.where}: {self.reason}{tag}"


def _parse_flags(text: str, item: Item, err: str) -> None:
    last_key: str | None = None
    for raw in text.split(","):
        flag = raw.strip()
        if not flag:
            raise ExpectError(f"{err}empty flag in [{text}]")
        try:
            gate = G.parse(flag, last_key)
        except G.GateError as exc:
            raise ExpectError(f"{err}{exc}") from None
        if gate is not None:
            item.gates.append(gate)
            last_key = gate.key
            continue
        last_key = None
        if flag in ("intermittent", "crash", "timeout", "broad", "unconfirmed"):
            setattr(item, flag, True)
        elif flag.startswith("crash="):
            item.crash, item.crash_text = True, flag[6:].strip()
            if not item.crash_text:
                raise ExpectError(f"{err}crash= needs a text")
        elif "=" in flag and flag.split("=", 1)[0] not in G.KEYS:
            raise ExpectError(f"{err}unknown gate key '{flag.split('=', 1)[0]}' "
                              f"(known: {', '.join(G.KEYS)})")
        else:
            raise ExpectError(f"{err}unknown flag '{flag}'")
    if item.directive is not None and (item.outcome_only or item.intermittent or item.broad
                                       or item.unconfirmed):
        raise ExpectError(f"{err}{item.directive} takes only gate flags")
    if item.outcome_only and item.case is not None:
        raise ExpectError(f"{err}[crash]/[timeout] only apply to a whole test (no /case)")


def _wildcards_only(part: str | None) -> bool:
    return part is None or set(part) <= set("*?")


def parse_line(line: str, where: str) -> Item | None:
    err = f"{where}: "
    s = line.strip()
    if not s or s.startswith("#"):
        return None
    if s.startswith('"'):
        end = s.find('"', 1)
        if end < 0:
            raise ExpectError(f"{err}unterminated quoted pattern")
        pattern, rest = s[1:end], s[end + 1:]
        if rest and not rest[0].isspace():
            raise ExpectError(f"{err}expected whitespace after the quoted pattern")
    else:
        parts = s.split(None, 1)
        pattern, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    rest = rest.strip()
    if pattern.startswith("@"):
        return _parse_directive(pattern, rest, where)
    comps = pattern.split("/", 2)
    if any(not c for c in comps):
        raise ExpectError(f"{err}bad pattern '{pattern}' (expected test[/case[/assertion]])")
    item = Item(test=comps[0], case=comps[1] if len(comps) > 1 else None,
                assertion=comps[2] if len(comps) > 2 else None, reason="", where=where)
    item.reason = _flags_and_reason(rest, item, err, "the pattern")
    if all(_wildcards_only(p) for p in (item.test, item.case, item.assertion)):
        raise ExpectError(f"{err}pattern '{pattern}' matches everything: name the test "
                          "(and case) it is about")
    return item


def _flags_and_reason(rest: str, item: Item, err: str, after: str) -> str:
    """Parses an optional [FLAGS] group into ITEM; returns the reason."""
    if rest.startswith("["):
        close = rest.find("]")
        if close < 0:
            raise ExpectError(f"{err}unterminated [flags]")
        _parse_flags(rest[1:close], item, err)
        rest = rest[close + 1:].strip()
    if not rest:
        raise ExpectError(f"{err}a reason is required after {after}")
    return rest


def _parse_directive(name: str, rest: str, where: str) -> Item:
    err = f"{where}: "
    if name not in DIRECTIVES:
        raise ExpectError(f"{err}unknown directive '{name}' (known: {', '.join(DIRECTIVES)})")
    what = "a CPU model" if name == "@default-cpu" else "a date (YYYY-MM-DD)"
    parts = rest.split(None, 1)
    if not parts or parts[0].startswith("["):
        raise ExpectError(f"{err}{name} needs {what}")
    if name == "@verified-on" and not _DATE_RE.match(parts[0]):
        raise ExpectError(f"{err}{name} needs {what}, got '{parts[0]}'")
    item = Item(test="", case=None, assertion=None, reason="", where=where, directive=name,
                value=parts[0])
    rest = parts[1].strip() if len(parts) > 1 else ""
    item.reason = _flags_and_reason(rest, item, err, parts[0])
    return item


def default_cpu(items: list[Item]) -> Item | None:
    """The active @default-cpu directive (the last one wins), if any."""
    found = [it for it in items if it.directive == "@default-cpu"]
    return found[-1] if found else None


def verified_on(items: list[Item]) -> list[Item]:
    return [it for it in items if it.directive == "@verified-on"]


def failures(items: list[Item]) -> list[Item]:
    """The known-failure items, without directives."""
    return [it for it in items if it.directive is None]


def parse_text(text: str, path: str) -> list[Item]:
    items: list[Item] = []
    errors: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            it = parse_line(line, f"{path}:{n}")
        except ExpectError as exc:
            errors.append(str(exc))
            continue
        if it is not None:
            items.append(it)
    if errors:
        raise ExpectError("\n".join(errors))
    return items


def file_name(vmm: str, accel: str, arch: str) -> str:
    return f"{vmm}-{accel}-{arch}.txt"


def load(directory: str, vmm: str, accel: str, arch: str, root: str | None = None
         ) -> tuple[str, list[Item]]:
    """(shown path, items) of a configuration's list; the shown path (and so every
    item's `where`) is relative to ROOT when the file is below it."""
    path = os.path.join(directory, file_name(vmm, accel, arch))
    shown = path
    if root is not None:
        rel = os.path.relpath(os.path.abspath(path), root)
        shown = path if rel.startswith("..") else rel
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return shown, []
    except UnicodeDecodeError as exc:
        raise ExpectError(f"{shown}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ExpectError(f"{shown}: cannot read: {exc.strerror}") from None
    return shown, parse_text(text, shown)


def active(items: list[Item], facts: G.Facts) -> list[Item]:
    """Items and directives whose gates hold on this host configuration (a gate on the
    guest CPU model is decided per test, by apply())."""
    return [it for it in items if G.host_gates_hold(it.gates, facts)]


def check_names(items: list[Item], names: list[str]) -> tuple[list[str], list[str]]:
    """(errors, warnings) of the patterns' test parts against the cfg's entry names."""
    errors, warnings = [], []
    for it in failures(items):
        hits = fnmatch.filter(names, it.test)
        if not hits:
            warnings.append(f"{it.where}: warning: pattern '{it.test}' matches no test in the cfg")
        elif len(hits) > 1 and not it.broad:
            errors.append(f"{it.where}: pattern '{it.test}' matches {len(hits)} tests "
                          f"({', '.join(hits[:4])}{', ...' if len(hits) > 4 else ''}): "
                          "name one test, or add [broad] if the reason holds for all of them")
    return errors, warnings


def _find(items: list[Item], test: str, case: str | None, assertion: str | None,
          outcome_only: bool = False) -> Item | None:
    for it in items:
        if it.outcome_only != outcome_only or not fnmatch.fnmatchcase(test, it.test):
            continue
        if case is None:
            if it.case is None:
                return it
            continue
        if it.case is None or not fnmatch.fnmatchcase(case, it.case):
            continue
        if assertion is None:
            if it.assertion is None:
                return it
        elif it.assertion is not None and fnmatch.fnmatchcase(assertion, it.assertion):
            return it
    return None


def _masked(res: TestResult, item: Item) -> None:
    res.masked[item.where] = res.masked.get(item.where, 0) + 1


def _flip(verdict: Verdict, item: Item, res: TestResult) -> tuple[Verdict, str]:
    """Verdict after a matching item: FAIL->XFAIL, PASS->XPASS (or PASS if intermittent)."""
    if verdict == Verdict.FAIL:
        _masked(res, item)
        return Verdict.XFAIL, item.text
    if verdict == Verdict.PASS:
        if item.intermittent:
            return Verdict.PASS, item.text + " (passed this time)"
        return Verdict.XPASS, item.text + " (listed as failing, but passed)"
    return verdict, ""


def _apply_case(items: list[Item], res: TestResult, case: CaseResult) -> None:
    changed = False
    for a in case.assertions:
        it = _find(items, res.name, case.name, a.description)
        if it is None:
            continue
        v, note = _flip(a.verdict, it, res)
        if note:
            a.verdict, a.reason, changed = v, note, True
            case.expectation = note
    if changed and case.verdict in (Verdict.FAIL, Verdict.PASS, Verdict.XFAIL):
        fails = [a for a in case.assertions if a.verdict == Verdict.FAIL]
        structural = case.verdict == Verdict.FAIL and not any(
            a.verdict == Verdict.XFAIL for a in case.assertions) and not fails
        if not structural:
            case.verdict = worst([a.verdict for a in case.assertions], Verdict.PASS)
    it = _find(items, res.name, case.name, None)
    if it is not None:
        v, note = _flip(case.verdict, it, res)
        if note:
            case.verdict, case.expectation = v, note
            if v == Verdict.XFAIL:
                case.reason = it.reason


def _covers_outcome(it: Item, res: TestResult) -> bool:
    if res.verdict == Verdict.TIMEOUT:
        return it.timeout
    if res.verdict != Verdict.CRASH or not it.crash:
        return False
    return it.crash_text is None or it.crash_text in "\n".join([res.reason, *res.detail])


def run_facts(res: TestResult) -> dict[str, list[str]]:
    """The facts of one test run that RUN_KEYS gates name: the guest CPU
    model asked for and what the guest read of its CPU."""
    return {"cpu": [res.cpu_model], **{f"guest-{k}": [v] for k, v in res.guest_cpu.items()}}


def applies(it: Item, res: TestResult) -> bool:
    """IT's per-test gates hold for RES."""
    return G.run_gates_hold(it.gates, run_facts(res))


def apply(items: list[Item], res: TestResult) -> None:
    """Rewrite verdicts of `res` in place according to the active items whose
    per-test gates (the guest CPU model, what the guest reads of its CPU) hold for it."""
    items = [it for it in items if applies(it, res)]
    if not items or res.verdict in (Verdict.ERROR, Verdict.SKIP):
        return
    if res.verdict in (Verdict.CRASH, Verdict.TIMEOUT):
        it = next((i for i in items if i.outcome_only and fnmatch.fnmatchcase(res.name, i.test)
                   and _covers_outcome(i, res)), None)
        if it is not None:
            _masked(res, it)
            res.detail = [f"{res.verdict.value}: {res.reason}", *res.detail]
            kind = "crash" if res.verdict == Verdict.CRASH else "timeout"
            res.verdict, res.expectation = Verdict.XFAIL, it.text
            res.reason = f"known {kind}: {it.reason}"
        return
    for case in res.cases:
        _apply_case(items, res, case)
    it = _find(items, res.name, None, None)
    if it is not None:
        for case in res.cases:
            if case.verdict == Verdict.FAIL:
                _masked(res, it)
                case.verdict, case.expectation, case.reason = Verdict.XFAIL, it.text, it.reason
    base = worst([c.verdict for c in res.cases], res.verdict)
    listed = it or _find(items, res.name, None, None, outcome_only=True)
    if listed is not None and base == Verdict.PASS:
        v, note = _flip(Verdict.PASS, listed, res)
        res.verdict, res.expectation = v, note
        res.reason = note if v == Verdict.XPASS else res.reason
        return
    if res.cases:
        if base != res.verdict or res.masked:
            res.reason = _reason_for(base, res) or res.reason
        res.verdict = base
        if it is not None and base == Verdict.XFAIL:
            res.expectation = it.text


def _reason_for(v: Verdict, res: TestResult) -> str:
    names = [c.name for c in res.cases if c.verdict == v]
    if v == Verdict.XFAIL:
        return "known failures: " + ", ".join(names)
    if v == Verdict.XPASS:
        return "unexpectedly passed: " + ", ".join(names)
    if v == Verdict.FAIL:
        known = [c.name for c in res.cases if c.verdict == Verdict.XFAIL]
        return "failed: " + ", ".join(names) + ("; known: " + ", ".join(known) if known else "")
    return ""
