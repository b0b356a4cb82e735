"""Known-failure lists: expectations/<vmm>-<accel>-<arch>.txt (docs/results.md).

Line syntax:  PATTERN  [FLAGS]  REASON
  PATTERN  test | test/case | test/case/assertion-glob   (fnmatch globs;
           double-quote the pattern when the assertion part has spaces)
  FLAGS    optional, one bracket group, comma separated:
           intermittent | crash | crash=TEXT | timeout |
           vmm OP VERSION | kernel OP VERSION | vendor=NAME
           (OP is >= <= > < == !=; `vmm>=7.0,<8.1` continues the key)
  REASON   required free text

Directive:  @default-cpu MODEL  [FLAGS]  REASON
  The CPU model for entries without a cpu key in this configuration (a
  known-broken default, e.g. a KVM that makes `-cpu host` abort). Only the
  gates apply as flags (vmm, kernel, vendor, kvm-module).
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field

from .model import CaseResult, TestResult, Verdict, worst

_VERSION_RE = re.compile(r"[0-9]+(\.[0-9]+)*\Z")
_CMP_RE = re.compile(r"([a-z]+)?\s*(>=|<=|==|!=|>|<)\s*(\S+)\Z")
_OPS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}
VERSION_KEYS = ("vmm", "kernel")


class ExpectError(Exception):
    pass


@dataclass
class Context:
    """Facts the gates are evaluated against."""
    vmm_version: str = ""
    kernel: str = ""
    vendor: str = ""
    kvm_module: str = ""


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
    gates: list[tuple[str, str, str]] = field(default_factory=list)
    vendor: str | None = None
    kvm_module: str | None = None
    default_cpu: str | None = None

    @property
    def text(self) -> str:
        tag = " [intermittent]" if self.intermittent else ""
        return f"{self.where}: {self.reason}{tag}"


def version_tuple(v: str) -> tuple[int, ...]:
    m = re.search(r"[0-9]+(\.[0-9]+)*", v)
    return tuple(int(x) for x in m.group(0).split(".")) if m else ()


def _parse_flags(text: str, item: Item, err: str) -> None:
    last_key: str | None = None
    for raw in text.split(","):
        flag = raw.strip()
        if not flag:
            raise ExpectError(f"{err}empty flag in [{text}]")
        if flag == "intermittent":
            item.intermittent = True
        elif flag == "crash":
            item.crash = True
        elif flag.startswith("crash="):
            item.crash, item.crash_text = True, flag[6:].strip()
            if not item.crash_text:
                raise ExpectError(f"{err}crash= needs a text")
        elif flag == "timeout":
            item.timeout = True
        elif flag.startswith("kvm-module="):
            item.kvm_module = flag[11:].strip()
            if not item.kvm_module:
                raise ExpectError(f"{err}kvm-module= needs a value")
        elif flag.startswith("vendor="):
            item.vendor = flag[7:].strip()
            if not item.vendor:
                raise ExpectError(f"{err}vendor= needs a value")
        else:
            m = _CMP_RE.match(flag)
            if not m:
                raise ExpectError(f"{err}unknown flag '{flag}'")
            key = m.group(1) or last_key
            if key is None:
                raise ExpectError(f"{err}comparison '{flag}' without a key (vmm or kernel)")
            if key not in VERSION_KEYS:
                raise ExpectError(f"{err}unknown gate key '{key}' (expected: {', '.join(VERSION_KEYS)})")
            if not _VERSION_RE.match(m.group(3)):
                raise ExpectError(f"{err}bad version '{m.group(3)}'")
            item.gates.append((key, m.group(2), m.group(3)))
            last_key = key
            continue
        last_key = None
    if item.default_cpu is not None and (item.crash or item.timeout or item.intermittent):
        raise ExpectError(f"{err}@default-cpu takes only gate flags")
    if (item.crash or item.timeout) and item.case is not None:
        raise ExpectError(f"{err}[crash]/[timeout] only apply to a whole test (no /case)")


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
    if name != "@default-cpu":
        raise ExpectError(f"{err}unknown directive '{name}' (known: @default-cpu)")
    parts = rest.split(None, 1)
    if not parts or parts[0].startswith("["):
        raise ExpectError(f"{err}@default-cpu needs a CPU model")
    item = Item(test="", case=None, assertion=None, reason="", where=where, default_cpu=parts[0])
    rest = parts[1].strip() if len(parts) > 1 else ""
    item.reason = _flags_and_reason(rest, item, err, "the model")
    return item


def default_cpu(items: list[Item]) -> Item | None:
    """The active @default-cpu directive (the last one wins), if any."""
    found = [it for it in items if it.default_cpu is not None]
    return found[-1] if found else None


def failures(items: list[Item]) -> list[Item]:
    """The known-failure items, without directives."""
    return [it for it in items if it.default_cpu is None]


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


def load(directory: str, vmm: str, accel: str, arch: str) -> tuple[str, list[Item]]:
    path = os.path.join(directory, file_name(vmm, accel, arch))
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return path, []
    except OSError as exc:
        raise ExpectError(f"{path}: cannot read: {exc.strerror}") from None
    return path, parse_text(text, path)


def active(items: list[Item], ctx: Context) -> list[Item]:
    """Items whose gates hold in this context."""
    out = []
    for it in items:
        if it.vendor is not None and it.vendor != ctx.vendor:
            continue
        if it.kvm_module is not None and it.kvm_module not in ctx.kvm_module.split(", "):
            continue
        ok = True
        for key, op, ver in it.gates:
            have = ctx.vmm_version if key == "vmm" else ctx.kernel
            if not have or not _OPS[op](version_tuple(have), version_tuple(ver)):
                ok = False
                break
        if ok:
            out.append(it)
    return out


def unknown_tests(items: list[Item], names: list[str]) -> list[str]:
    return [f"{it.where}: warning: pattern '{it.test}' matches no test in the cfg"
            for it in failures(items) if not fnmatch.filter(names, it.test)]


def _find(items: list[Item], test: str, case: str | None, assertion: str | None) -> Item | None:
    for it in items:
        if not fnmatch.fnmatchcase(test, it.test):
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


def _flip(verdict: Verdict, item: Item) -> tuple[Verdict, str]:
    """Verdict after a matching item: FAIL->XFAIL, PASS->XPASS (or PASS if intermittent)."""
    if verdict == Verdict.FAIL:
        return Verdict.XFAIL, item.text
    if verdict == Verdict.PASS:
        if item.intermittent:
            return Verdict.PASS, item.text + " (passed this time)"
        return Verdict.XPASS, item.text + " (listed as failing, but passed)"
    return verdict, ""


def _apply_case(items: list[Item], test: str, case: CaseResult) -> None:
    changed = False
    for a in case.assertions:
        it = _find(items, test, case.name, a.description)
        if it is None:
            continue
        v, note = _flip(a.verdict, it)
        if note:
            a.verdict, a.reason, changed = v, note, True
            case.expectation = note
    if changed and case.verdict in (Verdict.FAIL, Verdict.PASS, Verdict.XFAIL):
        fails = [a for a in case.assertions if a.verdict == Verdict.FAIL]
        structural = case.verdict == Verdict.FAIL and not any(
            a.verdict == Verdict.XFAIL for a in case.assertions) and not fails
        if not structural:
            case.verdict = worst([a.verdict for a in case.assertions], Verdict.PASS)
    it = _find(items, test, case.name, None)
    if it is not None:
        v, note = _flip(case.verdict, it)
        if note:
            case.verdict, case.expectation = v, note
            if v == Verdict.XFAIL:
                case.reason = it.reason


def _crash_matches(it: Item, res: TestResult) -> bool:
    if it.crash_text is None:
        return True
    hay = "\n".join([res.reason, *res.detail])
    return it.crash_text in hay


def apply(items: list[Item], res: TestResult) -> None:
    """Rewrite verdicts of `res` in place according to the active items."""
    if not items or res.verdict in (Verdict.ERROR, Verdict.SKIP):
        return
    guest_level = res.verdict in (Verdict.PASS, Verdict.FAIL, Verdict.XFAIL, Verdict.XPASS)
    for case in res.cases:
        _apply_case(items, res.name, case)
    it = _find(items, res.name, None, None)
    if res.verdict in (Verdict.CRASH, Verdict.TIMEOUT):
        if it is not None and ((res.verdict == Verdict.CRASH and it.crash and _crash_matches(it, res))
                               or (res.verdict == Verdict.TIMEOUT and it.timeout)):
            res.detail = [f"{res.verdict.value}: {res.reason}", *res.detail]
            res.verdict, res.expectation = Verdict.XFAIL, it.text
            res.reason = f"known {'crash' if it.crash else 'timeout'}: {it.reason}"
        return
    if not guest_level:
        return
    if it is not None:
        for case in res.cases:
            if case.verdict == Verdict.FAIL:
                case.verdict, case.expectation, case.reason = Verdict.XFAIL, it.text, it.reason
    base = worst([c.verdict for c in res.cases], res.verdict)
    if it is not None and base == Verdict.PASS:
        v, note = _flip(Verdict.PASS, it)
        res.verdict, res.expectation = v, note
        res.reason = note if v == Verdict.XPASS else res.reason
        return
    if res.cases:
        if base != res.verdict:
            res.reason = _reason_for(base, res)
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
        return "failed: " + ", ".join(names)
    return ""
