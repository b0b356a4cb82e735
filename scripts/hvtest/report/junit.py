"""--junit FILE: one <testsuite> per test, one <testcase> per case."""
from __future__ import annotations

import time
import xml.etree.ElementTree as ET

from ..model import CaseResult, TestResult, Verdict
from .jsonfile import atomic_write
from .sanitize import xml_text

_ERRORS = (Verdict.TIMEOUT, Verdict.CRASH, Verdict.ERROR)


def _diag(c: CaseResult) -> str:
    lines = []
    for a in c.assertions:
        if a.verdict in (Verdict.FAIL, Verdict.XPASS, Verdict.XFAIL):
            lines.append(f"{a.verdict.value} {a.number} - {a.description}")
            for k, v in a.diag.items():
                lines.append(f"    {k}: {v}")
            if a.reason:
                lines.append(f"    note: {a.reason}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    """Guest text as XML 1.0 can carry it (forbidden characters shown as escapes)."""
    return xml_text(text)


def _testcase(suite: ET.Element, r: TestResult, name: str, v: Verdict, message: str,
              body: str, t: float) -> None:
    tc = ET.SubElement(suite, "testcase", classname=f"hvtest.{r.arch}.{r.name}", name=_clean(name),
                       time=f"{t:.3f}")
    text = _clean(f"{body}\nlog: {r.log}".strip())
    msg = _clean(message)[:500]
    if v in (Verdict.FAIL, Verdict.XPASS):
        ET.SubElement(tc, "failure", message=msg, type=v.value).text = text
    elif v in _ERRORS:
        ET.SubElement(tc, "error", message=msg, type=v.value).text = text
    elif v in (Verdict.SKIP, Verdict.XFAIL):
        ET.SubElement(tc, "skipped", message=_clean(f"{v.value}: {message}")[:500])
    if v != Verdict.PASS:
        replay = f"\nseed: {r.seed} (replay: --seed {r.seed})" if r.seed is not None else ""
        ET.SubElement(tc, "system-out").text = _clean(f"verdict: {v.value}\nlog: {r.log}{replay}")


def render(results: list[TestResult]) -> str:
    root = ET.Element("testsuites", name="hvtest")
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=f"hvtest.{r.arch}.{r.test_id}",
                              timestamp=time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(r.start)),
                              time=f"{r.duration:.3f}", hostname="localhost")
        if r.seed is not None:
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="seed", value=str(r.seed))
        if r.verdict in _ERRORS or not r.cases:
            # The test as a whole did not complete (or had no cases): one
            # testcase carrying the test-level verdict and its detail.
            body = "\n".join(r.detail[-60:])
            _testcase(suite, r, "(test)", r.verdict, r.reason, body, r.duration)
        for c in r.cases:
            _testcase(suite, r, c.name, c.verdict, c.reason, _diag(c), 0.0)
        cases = list(suite.iter("testcase"))
        suite.set("tests", str(len(cases)))
        for tag, attr in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            suite.set(attr, str(sum(1 for tc in cases if tc.find(tag) is not None)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write(path: str, results: list[TestResult]) -> None:
    atomic_write(path, render(results))
