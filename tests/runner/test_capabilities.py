# SPDX-License-Identifier: GPL-2.0-only
"""--capabilities-from (scripts/hvtest/capabilities.py), and the TAP rule it
relies on: a case's comments before its first point belong to the case."""
from __future__ import annotations

import importlib
import io
import json
import os
import tempfile
import unittest
import xml.etree.ElementTree as ET

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import capabilities, cli  # noqa: E402
from hvtest.tap import TapParser  # noqa: E402

CRASHED = """TAP version 14
# Subtest: insn.popcnt
    # popcnt: advertised
"""

PASSED = """TAP version 14
# Subtest: insn.lzcnt
    # abm: not advertised
    ok 1 - abm not advertised: legacy form executes
    1..1
ok 1 - insn.lzcnt
1..1
"""


def parse(text: str) -> TapParser:
    p = TapParser()
    for line in text.splitlines(keepends=True):
        p.feed(line)
    p.finish()
    return p


def case(name: str, verdict: str, comments: list[str]) -> dict[str, object]:
    return {"name": name, "verdict": verdict, "comments": comments, "assertions": []}


REPORT = {"tests": [
    {"name": "cpuid", "vmm": "qemu", "accel": "kvm", "arch": "x86_64", "cpu_model": "host",
     "verdict": "PASS", "expectation": "", "cases": [
         case("capabilities", "PASS", [
             'capability {"msr.IA32_TSC_AUX": "0"}',
             'capability {"vendor": "AuthenticAMD", "signature": "0xa00f11", '
             '"max_leaf": "0x10", "max_extended_leaf": "0x80000022"}',
             'capability {"cpuid.0x1.0.ECX": ["popcnt", "movbe"]}',
             'capability {"hypervisor.0x40000000": {"signature": "KVMKVMKVM", '
             '"max_leaf": "0x40000001"}}',
             'capability {"raw.0x40000001": ["0x1007afb", "0", "0", "0"]}',
             "capability {not json"])]},
    {"name": "cpuid_kvm_popcnt", "vmm": "qemu", "accel": "kvm", "arch": "x86_64",
     "cpu_model": "host", "verdict": "XFAIL", "expectation": "expectations/x.txt:3",
     "cases": [case("insn.popcnt", "CRASH", ["popcnt: advertised"])]},
    {"name": "cpuid_kvm_lzcnt", "vmm": "qemu", "accel": "kvm", "arch": "x86_64",
     "cpu_model": "host", "verdict": "PASS", "expectation": "",
     "cases": [case("insn.lzcnt", "PASS", ["abm: not advertised"])]},
    {"name": "msr", "vmm": "qemu", "accel": "tcg", "arch": "x86_64", "cpu_model": "max",
     "verdict": "PASS", "expectation": "", "cases": [case("efer", "PASS", [])]},
]}


class TapCommentsTest(unittest.TestCase):
    def test_comment_before_first_point_is_the_cases(self) -> None:
        p = parse(PASSED)
        child = p.root.points[0].child
        assert child is not None
        self.assertEqual(list(child.comments), ["abm: not advertised"])

    def test_crashed_case_keeps_its_comment(self) -> None:
        p = parse(CRASHED)
        blk = p.root.pending_child
        assert blk is not None
        self.assertEqual(blk.name, "insn.popcnt")
        self.assertEqual(list(blk.comments), ["popcnt: advertised"])


class RenderTest(unittest.TestCase):
    def test_table(self) -> None:
        out = io.StringIO()
        self.assertEqual(capabilities.render(REPORT, out), 1)
        text = out.getvalue()
        self.assertIn("## qemu/kvm/x86_64", text)
        self.assertIn("vendor AuthenticAMD", text)
        self.assertIn('hypervisor interface at 0x40000000: "KVMKVMKVM"', text)
        self.assertIn("- IA32_TSC_AUX: 0", text)
        self.assertIn("| popcnt | 0x1.0.ECX | cpuid_kvm_popcnt/insn.popcnt | broken (CRASH, known) |",
                      text)
        self.assertIn("| movbe | 0x1.0.ECX | - | untested |", text)
        self.assertIn("| abm | not advertised | cpuid_kvm_lzcnt/insn.lzcnt | absent as required |",
                      text)
        self.assertNotIn("0x1007afb |", text, "raw leaves are not feature names")
        self.assertNotIn("tcg", text, "a run without capabilities gives no section")

    def test_html(self) -> None:
        text = capabilities.render_html(REPORT)
        root = ET.fromstring(text.split("\n", 1)[1] if text.startswith("<!DOCTYPE") else text)
        cells = ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("td")]
        self.assertIn("broken (CRASH, known)", cells)
        self.assertIn('<td class="c-CRASH">broken (CRASH, known)</td>', text)
        self.assertIn('<td class="c-PASS">absent as required</td>', text)
        self.assertIn('<td class="c-SKIP">untested</td>', text)
        self.assertEqual(capabilities.html_path("out/run.html"), "out/run-capabilities.html")

    def test_main_errors(self) -> None:
        d = tempfile.mkdtemp()
        empty = os.path.join(d, "empty.json")
        with open(empty, "w", encoding="utf-8") as f:
            json.dump({"tests": []}, f)
        err = io.StringIO()
        self.assertEqual(capabilities.main(empty, io.StringIO(), err), 2)
        self.assertIn("no cpuid capabilities", err.getvalue())
        self.assertEqual(capabilities.main(os.path.join(d, "missing.json"), io.StringIO(), err), 2)
        good = os.path.join(d, "good.json")
        with open(good, "w", encoding="utf-8") as f:
            json.dump(REPORT, f)
        self.assertEqual(capabilities.main(good, io.StringIO(), err), 0)


class OptionTest(unittest.TestCase):
    def test_capabilities_selects_the_cpuid_group(self) -> None:
        root = os.path.join(os.path.dirname(__file__), "..", "..")
        self.assertEqual(cli.parse(["--capabilities"], root).group, ["cpuid"])
        self.assertEqual(cli.parse(["--capabilities", "-g", "quick"], root).group, ["quick"])
        opts = cli.parse(["--capabilities", "cpuid"], root)
        self.assertEqual((opts.tests, opts.group), (["cpuid"], []))
        self.assertFalse(cli.parse([], root).capabilities)


if __name__ == "__main__":
    unittest.main()
