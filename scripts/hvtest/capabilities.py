# SPDX-License-Identifier: GPL-2.0-only
"""--capabilities and --capabilities-from RUN.json: what a hypervisor
exposes, next to what the tests found, as Markdown and, beside an --html
page, as HTML (docs/cpuid.md).

Input is a --json report of a run of the cpuid entries. The guest's
`capabilities` case prints `capability {JSON}` comments (x86/cpuid/caps.c):
vendor, leaf ranges, the set feature bits per CPUID word, hypervisor
leaves, feature MSRs. Each instruction row (`insn.ROW`, `avx.ROW`) says
`FEATURE: advertised` or `FEATURE: not advertised`; its case verdict tells
whether the feature works. One section per (VMM, accelerator, arch).

On arm64 (arm/sysregs.c, entry arm_sysregs) and s390x (s390x/facility.c,
entry s390_facility) the rows come from the capability lines themselves:
`capability {"feature": NAME, "field": WHERE, "value": N, "advertised":
BOOL[, "check": "pass"|"fail"]}`, one per ID register field or STFLE
facility bit, with "check" where the case tested the feature's behaviour;
every other capability item (raw ID registers, MIDR_EL1) is listed after
the table.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, TextIO

from .report.html_page import esc, page, vclass

_ROW_RE = re.compile(r"^([A-Za-z0-9_.-]+): (advertised|not advertised)$")
_DIGITS_RE = re.compile(r"(\d+)")
# The second column: what advertises a feature on each arch.
_SOURCE = {"x86_64": "CPUID", "arm64": "ID register", "s390x": "STFLE"}


def _status(verdict: str, advertised: bool, known: bool) -> str:
    """A row's finding: "works" (advertised, right result), "absent as
    required" (not advertised, #UD or the legacy form), "untested" (SKIP),
    or "broken (VERDICT[, known])"."""
    if verdict == "PASS":
        return "works" if advertised else "absent as required"
    if verdict == "SKIP":
        return "untested"
    return f"broken ({verdict}{', known' if known else ''})"


def _natural(name: str) -> list[tuple[int, str]]:
    """Sort key that orders "2 x" before "21 y" (facility numbers)."""
    return [(int(p), "") if p.isdigit() else (-1, p) for p in _DIGITS_RE.split(name)]


def _field_row(item: dict[str, Any], where: str, case: dict[str, Any],
               known: bool) -> tuple[str, str, bool, str, str] | None:
    """(feature, "FIELD = VALUE", advertised, tested by, found) of an arm64
    or s390x capability line, or None when it is not one."""
    name, field, adv = item.get("feature"), item.get("field"), item.get("advertised")
    if not isinstance(name, str) or not isinstance(field, str) or not isinstance(adv, bool):
        return None
    shown = f"{field} = {item.get('value', '?')}"
    check = item.get("check")
    if check not in ("pass", "fail"):
        return (name, shown, adv, "-", "untested")
    verdict = "PASS" if check == "pass" else str(case.get("verdict") or "FAIL")
    if verdict in ("PASS", "SKIP") and check == "fail":
        verdict = "FAIL"
    return (name, shown, adv, where, _status(verdict, adv, known))


class Section:
    """What one (VMM, accelerator, arch) exposes and what its tests found."""

    def __init__(self) -> None:
        self.caps: dict[str, Any] = {}
        self.models: set[str] = set()
        # feature -> [(advertised, "test/case", status)]
        self.rows: dict[str, list[tuple[bool, str, str]]] = {}
        # arm64/s390x feature -> [("FIELD = VALUE", advertised, "test/case" or "-", found)]
        self.fields: dict[str, list[tuple[str, bool, str, str]]] = {}

    def add_test(self, test: dict[str, Any]) -> None:
        if test.get("cpu_model"):
            self.models.add(str(test["cpu_model"]))
        for case in test.get("cases", []):
            comments = [str(c) for c in case.get("comments", [])]
            if case.get("name") == "capabilities" or test.get("arch") != "x86_64":
                self._add_caps(test, case, comments)
            for c in comments:
                m = _ROW_RE.match(c)
                if m:
                    where = f"{test['name']}/{case['name']}"
                    known = case.get("verdict") == "XFAIL" or bool(test.get("expectation"))
                    verdict = str(case.get("verdict") or test.get("verdict"))
                    advertised = m.group(2) == "advertised"
                    self.rows.setdefault(m.group(1), []).append(
                        (advertised, where, _status(verdict, advertised, known)))

    def _add_caps(self, test: dict[str, Any], case: dict[str, Any], comments: list[str]) -> None:
        where = f"{test['name']}/{case['name']}"
        known = case.get("verdict") == "XFAIL" or bool(test.get("expectation"))
        for c in comments:
            if not c.startswith("capability "):
                continue
            try:
                item = json.loads(c[len("capability "):])
            except ValueError:
                continue
            if not isinstance(item, dict):
                continue
            if "feature" not in item:
                self.caps.update(item)
                continue
            row = _field_row(item, where, case, known)
            if row is not None:
                name, shown, adv, by, found = row
                self.fields.setdefault(name, []).append((shown, adv, by, found))

    def advertised(self) -> dict[str, str]:
        """Feature name -> the CPUID word that advertises it."""
        out: dict[str, str] = {}
        for key, value in self.caps.items():
            if key.startswith("cpuid.") and key.count(".") == 3 and isinstance(value, list):
                for name in value:
                    if isinstance(name, str):
                        out.setdefault(name, key[len("cpuid."):])
        return out


def sections(doc: dict[str, Any]) -> dict[tuple[str, str, str], Section]:
    out: dict[tuple[str, str, str], Section] = {}
    for test in doc.get("tests", []):
        key = (str(test.get("vmm")), str(test.get("accel")), str(test.get("arch")))
        out.setdefault(key, Section()).add_test(test)
    return {k: s for k, s in out.items() if s.caps or s.rows or s.fields}


def _is_x86(sec: Section) -> bool:
    return "vendor" in sec.caps or any(k.startswith("cpuid.") for k in sec.caps)


def _other_items(sec: Section) -> list[str]:
    """arm64/s390x: the capability items that are not rows (the raw ID
    registers, MIDR_EL1), shown after the table."""
    if _is_x86(sec):
        return []
    return [f"{k}: {v}" for k, v in sorted(sec.caps.items(), key=lambda kv: _natural(kv[0]))]


def _facts(sec: Section) -> tuple[str, list[str]]:
    """The section's summary line and its list of interfaces and MSRs."""
    caps = sec.caps
    if not _is_x86(sec):
        return f"CPU models: {', '.join(sorted(sec.models)) or 'the default'}", []
    head = (f"CPU models: {', '.join(sorted(sec.models)) or 'the default'}; "
            f"vendor {caps.get('vendor', '?')}, signature {caps.get('signature', '?')}, "
            f"highest leaves {caps.get('max_leaf', '?')} / {caps.get('max_extended_leaf', '?')}")
    items: list[str] = []
    for key in sorted(k for k in caps if k.startswith("hypervisor.")):
        h = caps[key]
        if isinstance(h, dict):
            items.append(f"hypervisor interface at {key.split('.', 1)[1]}: "
                         f"\"{h.get('signature', '')}\", highest leaf {h.get('max_leaf', '?')}")
    for key in sorted(k for k in caps if k.startswith("msr.")):
        items.append(f"{key[4:]}: {caps[key] if caps[key] is not None else 'not enumerated'}")
    if "xcr0_supported" in caps:
        items.append(f"XCR0 supported {caps['xcr0_supported']}, "
                     f"XSS supported {caps.get('xss_supported', '?')}")
    return head, items


def _table(sec: Section) -> list[tuple[str, str, str, str]]:
    """(feature, CPUID, tested by, found) rows, by feature name."""
    adv = sec.advertised()
    rows: list[tuple[str, str, str, str]] = []
    for name in sorted(set(sec.fields), key=_natural):
        seen = sec.fields[name]
        checked = [r for r in seen if r[2] != "-"]
        for shown, advertised, where, found in checked or seen[:1]:
            rows.append((name, shown if advertised else f"not advertised ({shown})",
                         where, found))
    for name in sorted(set(adv) | set(sec.rows)):
        tested = sec.rows.get(name, [])
        if not tested:
            rows.append((name, adv[name], "-", "untested"))
        for advertised, where, status in tested:
            shown = adv.get(name, "advertised") if advertised else "not advertised"
            rows.append((name, shown, where, status))
    return rows


def render(doc: dict[str, Any], out: TextIO) -> int:
    """Writes the Markdown of DOC to OUT; returns how many sections."""
    secs = sections(doc)
    for (vmm, accel, arch), sec in sorted(secs.items()):
        head, items = _facts(sec)
        out.write(f"## {vmm}/{accel}/{arch}\n\n{head}\n\n")
        out.write("".join(f"- {i}\n" for i in items) + ("\n" if items else ""))
        out.write(f"| feature | {_SOURCE.get(arch, 'advertised by')} | tested by | found |\n"
                  "|---|---|---|---|\n")
        out.write("".join(f"| {' | '.join(r)} |\n" for r in _table(sec)))
        out.write("\n")
        other = _other_items(sec)
        if other:
            out.write("Registers:\n\n" + "".join(f"- {i}\n" for i in other) + "\n")
    return len(secs)


def _found_class(found: str) -> str:
    if found.startswith("broken ("):
        return vclass(found[len("broken ("):].split(",")[0].rstrip(")"))
    return {"works": "PASS", "absent as required": "PASS"}.get(found, "SKIP")


def render_html(doc: dict[str, Any]) -> str:
    """The same as a self-contained page (report/html_page.py)."""
    body = ["<h1>hvtest capabilities</h1>"]
    for (vmm, accel, arch), sec in sorted(sections(doc).items()):
        head, items = _facts(sec)
        body.append(f"<h2>{esc(f'{vmm}/{accel}/{arch}')}</h2>\n<p>{esc(head)}</p>")
        if items:
            body.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>")
        body.append(f"<table><tr><th>feature</th><th>{esc(_SOURCE.get(arch, 'advertised by'))}"
                    "</th><th>tested by</th><th>found</th></tr>")
        for name, cpuid, where, found in _table(sec):
            body.append(f"<tr><td>{esc(name)}</td><td>{esc(cpuid)}</td><td>{esc(where)}</td>"
                        f'<td class="c-{_found_class(found)}">{esc(found)}</td></tr>')
        body.append("</table>")
        other = _other_items(sec)
        if other:
            body.append("<p>Registers:</p><ul>"
                        + "".join(f"<li>{esc(i)}</li>" for i in other) + "</ul>")
    return page("hvtest capabilities", "\n".join(body))


def html_path(run_page: str) -> str:
    """Where --capabilities writes its page beside the run's --html page."""
    root, ext = os.path.splitext(run_page)
    return f"{root}-capabilities{ext or '.html'}"


def main(path: str, out: TextIO, err: TextIO) -> int:
    """--capabilities-from RUN.json: 0, or 2 when the report is unusable."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as exc:
        err.write(f"hvtest: --capabilities-from: {path}: {exc}\n")
        return 2
    if not isinstance(doc, dict) or render(doc, out) == 0:
        err.write(f"hvtest: --capabilities-from: {path} has no cpuid capabilities "
                  f"case, instruction rows or capability lines "
                  f"(run ./run_tests.sh -g cpuid --json FILE)\n")
        return 2
    return 0
