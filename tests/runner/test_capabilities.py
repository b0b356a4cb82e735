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


def cap(item: dict[str, object]) -> str:
    return "capability " + json.dumps(item)


def field(name: str, where: str, value: int, adv: bool, check: str | None = None) -> str:
    item: dict[str, object] = {"feature": name, "field": where, "value": value, "advertised": adv}
    if check is not None:
        item["check"] = check
    return cap(item)


OTHER_ARCHES = {"tests": [
    {"name": "arm_sysregs", "vmm": "qemu", "accel": "tcg", "arch": "arm64", "cpu_model": "max",
     "verdict": "XFAIL", "expectation": "expectations/qemu-tcg-arm64.txt:9", "cases": [
         case("id_consistency", "PASS", [cap({"MIDR_EL1": "0xf0510"})]),
         case("features_work", "PASS", [
             field("FP", "ID_AA64PFR0_EL1.FP", 1, True, "pass"),
             field("AdvSIMD", "ID_AA64PFR0_EL1.AdvSIMD", -1, False)]),
         case("id_sweep", "XFAIL", [
             cap({"ID_AA64ISAR0_EL1": "0x10"}),
             field("AES", "ID_AA64ISAR0_EL1.AES", 1, True, "pass"),
             field("PMULL", "ID_AA64ISAR0_EL1.AES", 1, False, "fail"),
             '{"feature": "not a capability line"}',
             cap({"feature": "no field"})])]},
    {"name": "s390_facility", "vmm": "qemu", "accel": "tcg", "arch": "s390x", "cpu_model": "max",
     "verdict": "FAIL", "expectation": "", "cases": [
         case("stfle_list", "PASS", [
             field("21 extended-immediate", "STFLE bit 21", 1, True),
             field("45 distinct-operands", "STFLE bit 45", 1, True),
             field("69", "STFLE bit 69", 1, True),
             field("7 store-facility-list-extended", "STFLE bit 7", 1, True)]),
         case("installed_executes.IILF", "PASS", [
             field("21 extended-immediate", "STFLE bit 21", 1, True, "pass")]),
         case("installed_executes.ARK", "FAIL", [
             field("45 distinct-operands", "STFLE bit 45", 1, True, "fail")]),
         case("installed_executes.DFLTCC", "PASS", [
             field("151 DEFLATE-conversion", "STFLE bit 151", 0, False, "pass")])]},
]}


class OtherArchesTest(unittest.TestCase):
    """arm64 ID register fields and s390x STFLE facilities (the capability
    lines of arm/sysregs.c and s390x/facility.c)."""

    def render(self) -> str:
        out = io.StringIO()
        self.assertEqual(capabilities.render(OTHER_ARCHES, out), 2)
        return out.getvalue()

    def test_arm64(self) -> None:
        text = self.render()
        arm = text.split("## qemu/tcg/s390x")[0]
        self.assertIn("## qemu/tcg/arm64\n\nCPU models: max\n\n| feature |", arm)
        self.assertNotIn("vendor", arm, "no x86 summary line")
        self.assertIn("\nRegisters:\n\n- ID_AA64ISAR0_EL1: 0x10\n- MIDR_EL1: 0xf0510\n", arm)
        self.assertGreater(arm.index("Registers:"), arm.index("| FP |"), "after the table")
        self.assertIn("| feature | ID register | tested by | found |", arm)
        self.assertIn("| FP | ID_AA64PFR0_EL1.FP = 1 | arm_sysregs/features_work | works |", arm)
        self.assertIn("| AdvSIMD | not advertised (ID_AA64PFR0_EL1.AdvSIMD = -1) | - | untested |",
                      arm)
        self.assertIn("| AES | ID_AA64ISAR0_EL1.AES = 1 | arm_sysregs/id_sweep | works |", arm)
        self.assertIn("| PMULL | not advertised (ID_AA64ISAR0_EL1.AES = 1) | arm_sysregs/id_sweep "
                      "| broken (XFAIL, known) |", arm)
        self.assertNotIn("no field", arm)

    def test_s390x(self) -> None:
        text = self.render()
        s390 = text.split("## qemu/tcg/s390x")[1]
        self.assertIn("| feature | STFLE | tested by | found |", s390)
        self.assertNotIn("Registers:", s390)
        self.assertIn("| 21 extended-immediate | STFLE bit 21 = 1 | "
                      "s390_facility/installed_executes.IILF | works |", s390)
        self.assertNotIn("| 21 extended-immediate | STFLE bit 21 = 1 | - |", s390,
                         "a tested facility is not listed untested too")
        self.assertIn("| 45 distinct-operands | STFLE bit 45 = 1 | "
                      "s390_facility/installed_executes.ARK | broken (FAIL) |", s390)
        self.assertIn("| 69 | STFLE bit 69 = 1 | - | untested |", s390)
        self.assertIn("| 151 DEFLATE-conversion | not advertised (STFLE bit 151 = 0) | "
                      "s390_facility/installed_executes.DFLTCC | absent as required |", s390)
        order = [s390.index(f"| {n} ") for n in ("7", "21", "45", "69", "151")]
        self.assertEqual(order, sorted(order), "facilities in numeric order")

    def test_html_names_the_source(self) -> None:
        text = capabilities.render_html(OTHER_ARCHES)
        self.assertIn("<th>ID register</th>", text)
        self.assertIn("<th>STFLE</th>", text)
        self.assertIn("<li>MIDR_EL1: 0xf0510</li>", text)
        self.assertIn('<td class="c-FAIL">broken (FAIL)</td>', text)

    def test_x86_capability_lines_only_from_the_capabilities_case(self) -> None:
        doc = {"tests": [{"name": "cpuid", "vmm": "qemu", "accel": "tcg", "arch": "x86_64",
                          "verdict": "PASS", "expectation": "", "cases": [
                              case("vendor", "PASS", [cap({"vendor": "GenuineIntel"})])]}]}
        self.assertEqual(capabilities.render(doc, io.StringIO()), 0)

    def test_main_reads_other_arches(self) -> None:
        d = tempfile.mkdtemp()
        path = os.path.join(d, "arm.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(OTHER_ARCHES, f)
        out = io.StringIO()
        self.assertEqual(capabilities.main(path, out, io.StringIO()), 0)
        self.assertIn("## qemu/tcg/arm64", out.getvalue())


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
