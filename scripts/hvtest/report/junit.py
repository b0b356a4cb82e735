# SPDX-License-Identifier: GPL-2.0-only
"""--junit FILE: one <testsuite> per test, one <testcase> per case, in the
shape GitLab and Jenkins display (docs/results.md, "JUnit").

- classname hvtest.<arch>.<vmm>-<accel>.<test>, so TCG, KVM and Bochs
  reports of one pipeline do not collide; the iteration is part of the
  name under --repeat;
- each testcase gets its share of the test's time (the guest does not time
  its cases), so the times add up to the test's duration;
- a failure's message starts with the file:line of its first failed
  assertion (the Jenkins JUnit schema, junit-10.xsd, has no file or line
  attribute on testcase);
- a test that crashed or timed out counts once: on the case that was
  running, else on a "(test)" testcase;
- known failures stay visible: XFAIL assertions are listed in <skipped>;
- each testsuite's <properties> hold the suite commit, kernel, VMM
  versions and host configuration of the run (testsuites may hold nothing
  but testsuite elements); system-out the console tail and the log as a
  Jenkins attachment.
"""
from __future__ import annotations

import os
import socket
import time
import xml.etree.ElementTree as ET
from typing import Any

from ..model import CaseResult, TestResult, Verdict
from ..paths import resolve
from .output import write_text
from .sanitize import xml_text

_ERRORS = (Verdict.TIMEOUT, Verdict.CRASH, Verdict.ERROR)
CONSOLE_TAIL = 40          # console lines in system-out


def _clean(text: str) -> str:
    """Guest text as XML 1.0 can carry it (forbidden characters shown as escapes)."""
    return xml_text(text)


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


def _where(c: CaseResult | None) -> str:
    """'file:line: ' of the first failed assertion, or ''."""
    for a in c.assertions if c is not None else []:
        if a.verdict in (Verdict.FAIL, Verdict.XPASS) and "file" in a.diag:
            return f"{a.diag['file']}:{a.diag.get('line', '?')}: "
    return ""


def console_tail(log: str) -> str:
    """The last console lines of a per-test log (between its console and stderr markers)."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return ""
    console = text.split("--- console ---\n", 1)[-1].split("\n--- VMM stderr ---", 1)[0]
    return "\n".join(console.splitlines()[-CONSOLE_TAIL:])


def _out(r: TestResult, v: Verdict) -> str:
    replay = f"\nseed: {r.seed} (replay: --seed {r.seed})" if r.seed is not None else ""
    attach = f"\n[[ATTACHMENT|{resolve(r.log)}]]" if r.log else ""
    tail = console_tail(resolve(r.log)) if r.log else ""
    return (f"verdict: {v.value}\nlog: {r.log}{replay}{attach}"
            + (f"\n--- console (last {CONSOLE_TAIL} lines) ---\n{tail}" if tail else ""))


def _testcase(suite: ET.Element, r: TestResult, name: str, v: Verdict, message: str,
              body: str, t: float, where: str) -> None:
    classname = f"hvtest.{r.arch}.{r.vmm}-{r.accel}.{r.name}"
    tcname = name if r.iteration <= 1 else f"{name}#{r.iteration}"
    tc = ET.SubElement(suite, "testcase", classname=classname, name=_clean(tcname),
                       time=f"{t:.3f}")
    text = _clean(f"{body}\nlog: {r.log}".strip())
    msg = _clean(where + message)[:500]
    if v in (Verdict.FAIL, Verdict.XPASS):
        ET.SubElement(tc, "failure", message=msg, type=v.value).text = text
    elif v in _ERRORS:
        ET.SubElement(tc, "error", message=msg, type=v.value).text = text
    elif v in (Verdict.SKIP, Verdict.XFAIL):
        sk = ET.SubElement(tc, "skipped", message=_clean(f"{v.value}: {message}")[:500])
        if v == Verdict.XFAIL and body:
            sk.text = _clean(body)
    if v != Verdict.PASS:
        ET.SubElement(tc, "system-out").text = _clean(_out(r, v))


def _properties(parent: ET.Element, props: dict[str, str]) -> None:
    el = ET.SubElement(parent, "properties")
    for k, v in props.items():
        ET.SubElement(el, "property", name=k, value=_clean(v))


def run_properties(manifest: dict[str, Any]) -> dict[str, str]:
    host = manifest.get("host", {})
    props = {"suite_commit": str(manifest.get("suite_commit", "")),
             "run_id": str(manifest.get("run_id", "")),
             "kernel": str(host.get("kernel_release", "")),
             "cpu": str(host.get("cpu", {}).get("model", "")),
             "kvm_module": str(manifest.get("kvm", {}).get("vendor_module", ""))}
    for b in manifest.get("vmms", {}).values():
        props[f"vmm.{b.get('vmm')}.{os.path.basename(str(b.get('path')))}"] = str(b.get("version"))
    for c in manifest.get("host_configurations", []):
        key = "/".join(str(c["host"].get(k)) for k in ("vmm", "accel", "arch"))
        props[f"host_configuration.{key}"] = str(c.get("description", ""))
        props[f"baseline.{key}"] = str(c.get("baseline") or "none (new findings are not counted)")
    return props


def render(results: list[TestResult], manifest: dict[str, Any]) -> str:
    root = ET.Element("testsuites", name="hvtest")
    run_props = run_properties(manifest)
    hostname = socket.gethostname()
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=f"hvtest.{r.arch}.{r.vmm}-{r.accel}.{r.test_id}",
                              timestamp=time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(r.start)),
                              time=f"{r.duration:.3f}", hostname=hostname)
        props = {**run_props, "verdict": r.verdict.value}
        if r.seed is not None:
            props["seed"] = str(r.seed)
        if r.new_on_host:
            props["new_on_host"] = "true (no baseline for this host configuration)"
        _properties(suite, props)
        # The test's crash or timeout belongs to the case that was running, if any.
        carrier = next((c for c in r.cases if c.verdict == r.verdict), None) \
            if r.verdict in _ERRORS else None
        rows: list[tuple[str, Verdict, str, str, CaseResult | None]] = []
        if (r.verdict in _ERRORS and carrier is None) or not r.cases:
            rows.append(("(test)", r.verdict, r.reason, "\n".join(r.detail[-60:]), None))
        for c in r.cases:
            body = _diag(c)
            if c is carrier:
                body = "\n".join([r.reason, *r.detail[-60:], body]).strip()
            rows.append((c.name, c.verdict, c.reason or (r.reason if c is carrier else ""), body, c))
        share = r.duration / len(rows)
        for name, v, message, body, case in rows:
            _testcase(suite, r, name, v, message, body, share, _where(case))
        cases = list(suite.iter("testcase"))
        suite.set("tests", str(len(cases)))
        for tag, attr in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            suite.set(attr, str(sum(1 for tc in cases if tc.find(tag) is not None)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write(path: str, results: list[TestResult], manifest: dict[str, Any]) -> None:
    write_text(path, render(results, manifest))
