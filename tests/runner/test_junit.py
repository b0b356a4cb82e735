# SPDX-License-Identifier: GPL-2.0-only
"""JUnit report: names that do not collide across VMMs, accelerators and
iterations, times that add up, a crash counted once, file/line of the first
failure, known failures kept, run properties."""
from __future__ import annotations

import importlib
import unittest
import xml.etree.ElementTree as ET

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest.model import Assertion, CaseResult, TestResult, Verdict
from hvtest.report import junit

MANIFEST = {"suite_commit": "abc123", "run_id": "r1", "host": {"kernel_release": "6.1"},
            "vmms": {"/usr/bin/qemu": {"vmm": "qemu", "path": "/usr/bin/qemu", "version": "7.2.22"}},
            "host_configurations": [{"host": {"vmm": "qemu", "accel": "kvm", "arch": "x86_64"},
                                     "description": "EPYC", "baseline": None}]}


def result(verdict: Verdict, cases: list[CaseResult], accel: str = "kvm", iteration: int = 1,
           reason: str = "") -> TestResult:
    return TestResult(test_id="msr", name="msr", arch="x86_64", vmm="qemu", accel=accel,
                      iteration=iteration, verdict=verdict, reason=reason, cases=cases,
                      start=100.0, end=104.0)


def failing() -> CaseResult:
    return CaseResult("efer", Verdict.FAIL, "", [
        Assertion(1, "ok one", Verdict.PASS),
        Assertion(2, "bit 9", Verdict.FAIL, diag={"file": "x86/msr.c", "line": "112"})])


class JunitTest(unittest.TestCase):
    def parse(self, results: list[TestResult]) -> ET.Element:
        return ET.fromstring(junit.render(results, MANIFEST))

    def test_names_times_and_location(self) -> None:
        rs = [result(Verdict.FAIL, [failing(), CaseResult("pat", Verdict.PASS)], "kvm"),
              result(Verdict.FAIL, [failing()], "tcg"),
              result(Verdict.PASS, [CaseResult("pat", Verdict.PASS)], "tcg", iteration=2)]
        root = self.parse(rs)
        ids = [(tc.get("classname"), tc.get("name")) for tc in root.iter("testcase")]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertIn(("hvtest.x86_64.qemu-kvm.msr", "efer"), ids)
        self.assertIn(("hvtest.x86_64.qemu-tcg.msr", "pat#2"), ids)
        first = root.find("testsuite")
        assert first is not None
        self.assertAlmostEqual(sum(float(tc.get("time", "0")) for tc in first.iter("testcase")), 4.0)
        efer = first.find("testcase[@name='efer']")
        assert efer is not None
        failure = efer.find("failure")
        assert failure is not None
        self.assertTrue(failure.get("message", "").startswith("x86/msr.c:112: "))
        self.assertNotEqual(first.get("hostname"), "localhost")
        props = {p.get("name"): p.get("value") for p in first.iter("property")}
        self.assertEqual(props["suite_commit"], "abc123")
        self.assertIn("host_configuration.qemu/kvm/x86_64", props)

    def test_crash_counted_once(self) -> None:
        running = CaseResult("boom", Verdict.CRASH, "Bail out!")
        r = result(Verdict.CRASH, [CaseResult("a", Verdict.PASS), running], reason="Bail out! #GP")
        suite = self.parse([r]).find("testsuite")
        assert suite is not None
        self.assertEqual((suite.get("errors"), suite.get("tests")), ("1", "2"))
        early = self.parse([result(Verdict.TIMEOUT, [], reason="no result")]).find("testsuite")
        assert early is not None
        self.assertEqual([tc.get("name") for tc in early.iter("testcase")], ["(test)"])

    def test_xfail_assertions_kept(self) -> None:
        c = CaseResult("tsc", Verdict.XFAIL, "known", [
            Assertion(1, "RDTSC follows WRMSR", Verdict.XFAIL, "e.txt:3: bug",
                      {"file": "x86/msr.c", "line": "200", "expected": "1", "actual": "0"})])
        sk = self.parse([result(Verdict.XFAIL, [c])]).find(".//skipped")
        assert sk is not None and sk.text is not None
        self.assertIn("RDTSC follows WRMSR", sk.text)
        self.assertIn("x86/msr.c", sk.text)


if __name__ == "__main__":
    unittest.main()
