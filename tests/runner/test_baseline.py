# SPDX-License-Identifier: GPL-2.0-only
"""Host configurations and baselines: @verified-on matching, new-on-host
labelling, stale item detection, draft expectations and --compare."""
from __future__ import annotations

import importlib
import io
import json
import os
import tempfile
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import baseline, expect, triage
from hvtest.hostconf import HostConfig
from hvtest.model import Assertion, CaseResult, TestResult, Verdict

AMD = HostConfig(vmm="qemu", vmm_version="7.2.22", accel="kvm", arch="x86_64", host_arch="x86_64",
                 kernel="6.18.44-fc-v1147", vendor="AuthenticAMD", cpu_model="AMD EPYC",
                 family="25", model="1", stepping="1", microcode="0x1000065", kvm_module="kvm_pvm")
INTEL = HostConfig(**{**AMD.to_json(), "vendor": "GenuineIntel", "cpu_model": "Intel Xeon",
                      "family": "6", "model": "143"})
LIST = ("@verified-on 2026-12-03 [vendor=AuthenticAMD, family=25, kernel=6.18.44*, "
        "kvm-module=kvm_pvm] EPYC\n"
        "msr/tsc [kvm-module=kvm_pvm] tsc bug\n"
        "msr/pat [kvm-module=kvm_pvm] pat bug\n"
        "cpu_host [crash=MSR 0x10a, vendor=AuthenticAMD] aborts\n")


def result(name: str, verdict: Verdict, cases: list[CaseResult], host: HostConfig = AMD,
           reason: str = "") -> TestResult:
    return TestResult(test_id=name, name=name, arch=host.arch, vmm=host.vmm, accel=host.accel,
                      iteration=1, verdict=verdict, reason=reason, cases=cases)


def case(name: str, *verdicts: Verdict) -> CaseResult:
    asserts = [Assertion(i + 1, f"check {i + 1}", v,
                         diag={"file": "x86/msr.c", "line": "10", "expected": "0x1", "actual": "0"})
               for i, v in enumerate(verdicts)]
    worst = max(verdicts, key=lambda v: v == Verdict.FAIL)
    return CaseResult(name, worst, "", asserts)


class ConfigTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory()
        with open(os.path.join(self.dir.name, "qemu-kvm-x86_64.txt"), "w") as f:
            f.write(LIST)

    def tearDown(self) -> None:
        self.dir.cleanup()

    def load(self, host: HostConfig, ignore: bool = False) -> baseline.Configuration:
        conf, _ = baseline.load(self.dir.name, host, ["msr", "cpu_host"], ignore)
        return conf

    def test_baseline_matches_the_verified_host_only(self) -> None:
        amd = self.load(AMD)
        self.assertIsNotNone(amd.baseline)
        self.assertIn("baseline", amd.baseline_text())
        intel = self.load(INTEL)
        self.assertIsNone(intel.baseline)
        self.assertIn("NO BASELINE", intel.baseline_text())
        self.assertEqual([i.pattern for i in intel.failures], ["msr/tsc", "msr/pat"])
        self.assertIsNone(self.load(AMD, ignore=True).baseline)

    def test_new_on_host_only_without_baseline(self) -> None:
        for host, new in ((AMD, False), (INTEL, True)):
            conf = self.load(host)
            r = result("msr", Verdict.FAIL, [case("efer", Verdict.FAIL)], host)
            expect.apply(conf.failures, r)
            baseline.mark(conf, r)
            self.assertEqual((r.verdict, r.new_on_host, r.counts_against_run),
                             (Verdict.FAIL, new, not new))

    def test_error_is_never_new(self) -> None:
        conf = self.load(INTEL)
        r = result("msr", Verdict.ERROR, [], INTEL, "VMM binary not found")
        baseline.mark(conf, r)
        self.assertFalse(r.new_on_host)
        self.assertTrue(r.counts_against_run)

    def test_no_expectations_is_strict(self) -> None:
        conf = baseline.Configuration(host=INTEL, path="", ignored=True)
        r = result("msr", Verdict.FAIL, [case("efer", Verdict.FAIL)], INTEL)
        baseline.mark(conf, r)
        self.assertFalse(r.new_on_host)

    def test_usage_and_stale(self) -> None:
        conf = self.load(AMD)
        msr = result("msr", Verdict.FAIL, [case("tsc", Verdict.FAIL), case("pat", Verdict.PASS)])
        crash = result("cpu_host", Verdict.CRASH, [], reason="failed to set MSR 0x10a")
        for r in (msr, crash):
            expect.apply(conf.failures, r)
        uses = {u.item.pattern: u.status for u in baseline.usage(conf, [msr, crash], True)}
        self.assertEqual(uses, {"msr/tsc": "used", "msr/pat": "stale", "cpu_host": "used"})
        skipped = result("msr", Verdict.PASS, [case("tsc", Verdict.FAIL), CaseResult("pat", Verdict.SKIP)])
        expect.apply(conf.failures, skipped)
        uses = {u.item.pattern: u.status for u in baseline.usage(conf, [skipped], True)}
        self.assertEqual(uses["msr/pat"], "incomplete")      # its case was skipped: not stale
        uses = {u.item.pattern: u.status for u in baseline.usage(conf, [msr], False)}
        self.assertEqual(uses, {"msr/tsc": "used", "msr/pat": "incomplete", "cpu_host": "not run"})

    def test_case_left_out_by_the_entrys_filter_is_not_stale(self) -> None:
        conf = baseline.Configuration(host=AMD, path="e.txt", active=expect.failures(expect.parse_text(
            "msr/pat x\n", "e.txt")))
        r = result("msr", Verdict.PASS, [case("tsc", Verdict.PASS)])
        self.assertEqual(baseline.usage(conf, [r], True)[0].status, "stale")
        r.case_filter = "tsc"
        self.assertEqual(baseline.usage(conf, [r], True)[0].status, "incomplete")

    def test_item_for_another_model_or_vendor_is_not_stale(self) -> None:
        conf = baseline.Configuration(host=AMD, path="e.txt", active=expect.failures(expect.parse_text(
            "msr/pat [cpu=qemu64] model\nmsr/tsc [guest-vendor=GenuineIntel] Intel rule\n", "e.txt")))
        r = result("msr", Verdict.PASS, [case("tsc", Verdict.PASS), case("pat", Verdict.PASS)])
        r.cpu_model, r.guest_cpu = "max", {"vendor": "AuthenticAMD"}
        uses = {u.item.pattern: u.status for u in baseline.usage(conf, [r], True)}
        self.assertEqual(uses, {"msr/pat": "not run", "msr/tsc": "not run"})
        r.cpu_model, r.guest_cpu = "qemu64", {"vendor": "GenuineIntel"}
        uses = {u.item.pattern: u.status for u in baseline.usage(conf, [r], True)}
        self.assertEqual(uses, {"msr/pat": "stale", "msr/tsc": "stale"})


class TriageTest(unittest.TestCase):
    def test_draft_items_parse_and_match_what_failed(self) -> None:
        c = case("spec_ctrl", Verdict.PASS, Verdict.FAIL)
        c.assertions[1].description = "SPEC_CTRL: reads back 0x1 [*?]"
        failing = [result("msr", Verdict.FAIL, [c], INTEL),
                   result("eventinj_icebp", Verdict.TIMEOUT, [], INTEL, "no result after 10 s"),
                   result("selftest_trap", Verdict.CRASH, [], INTEL, "KVM internal error, Suberror: 1"),
                   result("smp", Verdict.PASS, [case("ipi", Verdict.PASS)], INTEL)]
        conf = baseline.Configuration(host=INTEL, path="x")
        text = triage.render([conf], failing, "run-1")
        items = expect.failures(expect.parse_text(text, "draft"))
        self.assertEqual(len(items), 3)
        self.assertTrue(all(i.unconfirmed for i in items))
        self.assertIn("@verified-on", text)
        self.assertIn("x86/msr.c:10", text)
        facts = INTEL.facts()
        self.assertEqual(len(expect.active(items, facts)), 3)
        self.assertEqual(expect.active(items, AMD.facts()), [])
        failing[0].cpu_model = "Skylake-Server,-pku"
        self.assertIn("cpu=Skylake-Server?-pku", triage.render([conf], failing[:1], "run-2"))
        # Each draft item turns exactly the failure it was written for into XFAIL.
        for r in failing[:3]:
            expect.apply(items, r)
        self.assertEqual([r.verdict for r in failing[:3]], [Verdict.XFAIL] * 3)

    def write(self, d: str, name: str, tests: list[dict[str, object]]) -> str:
        p = os.path.join(d, name)
        with open(p, "w") as f:
            json.dump({"format": "hvtest-results", "tests": tests}, f)
        return p

    def test_compare(self) -> None:
        t = {"arch": "x86_64", "id": "msr", "vmm": "qemu", "verdict": "PASS",
             "cases": [{"name": "efer", "verdict": "PASS"}, {"name": "pat", "verdict": "PASS"}]}
        u = {**t, "accel": "kvm", "verdict": "XFAIL",
             "cases": [{"name": "efer", "verdict": "PASS"}, {"name": "pat", "verdict": "XFAIL"}]}
        with tempfile.TemporaryDirectory() as d:
            a, b = self.write(d, "a.json", [t]), self.write(d, "b.json", [u])
            out = io.StringIO()
            self.assertEqual(triage.compare([a, b], out), 1)
            rows = out.getvalue().splitlines()
            self.assertTrue(any(r.startswith("x86_64/msr/pat") and "XFAIL" in r for r in rows))
            self.assertFalse(any(r.startswith("x86_64/msr/efer") for r in rows))
            out = io.StringIO()
            self.assertEqual(triage.compare([a, a], out), 0)
            self.assertIn("no difference", out.getvalue())
            bad = os.path.join(d, "bad.json")
            with open(bad, "w") as f:
                f.write("{")
            out = io.StringIO()
            self.assertEqual(triage.compare([a, bad], out), 2)
            self.assertIn("bad.json: not a JSON report", out.getvalue())


    def test_merge_shards(self) -> None:
        t1 = {"arch": "x86_64", "id": "msr", "vmm": "qemu", "accel": "kvm", "verdict": "FAIL",
              "unexpected": True, "new_on_host": False, "cases": []}
        t2 = {**t1, "id": "apic", "verdict": "PASS", "unexpected": False}
        with tempfile.TemporaryDirectory() as d:
            a, b = self.write(d, "a.json", [t1]), self.write(d, "b.json", [t2])
            out = os.path.join(d, "all.json")
            self.assertEqual(triage.merge(out, [a, b], io.StringIO()), 0)
            with open(out) as f:
                doc = json.load(f)
            self.assertEqual([t["id"] for t in doc["tests"]], ["msr", "apic"])
            self.assertEqual(doc["summary"]["counts"], {"FAIL": 1, "PASS": 1})
            self.assertEqual(doc["summary"]["counted"], 1)
            self.assertEqual(triage.merge(out, [a, a], io.StringIO()), 2)


if __name__ == "__main__":
    unittest.main()
