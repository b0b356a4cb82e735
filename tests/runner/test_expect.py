# SPDX-License-Identifier: GPL-2.0-only
"""Expectations files: syntax, gates, @default-cpu, and how items turn verdicts into XFAIL/XPASS."""
from __future__ import annotations

import os
import unittest

import support
from hvtest import expect
from hvtest.model import Assertion, CaseResult, TestResult, Verdict


def result(verdict: Verdict, cases: list[CaseResult], reason: str = "", detail: list[str] | None = None) -> TestResult:
    return TestResult(test_id="msr", name="msr", arch="x86_64", vmm="qemu", accel="tcg",
                      iteration=1, verdict=verdict, reason=reason, cases=cases, detail=detail or [])


def case(name: str, *verdicts: Verdict) -> CaseResult:
    asserts = [Assertion(i + 1, f"check {i + 1}", v) for i, v in enumerate(verdicts)]
    from hvtest.model import worst
    return CaseResult(name, worst(list(verdicts), Verdict.PASS), "", asserts)


def facts(**kw: str) -> dict[str, list[str]]:
    return {k: [v] for k, v in kw.items()}


def items(text: str) -> list[expect.Item]:
    return expect.parse_text(text, "e.txt")


class ParseTest(unittest.TestCase):
    def test_syntax(self) -> None:
        its = items("# comment\n\nmsr  reason one\nmsr/efer [intermittent]  race\n"
                    '"msr/efer/EFER bit * reserved"  [vmm>=7.0,<8.1, vendor=GenuineIntel] gated\n'
                    "vmx [crash=failed to set MSR 0x10a] known abort\nhang [timeout] slow\n")
        self.assertEqual(len(its), 5)
        self.assertEqual((its[0].test, its[0].case, its[0].reason), ("msr", None, "reason one"))
        self.assertTrue(its[1].intermittent)
        self.assertEqual(its[2].assertion, "EFER bit * reserved")
        self.assertEqual([str(g) for g in its[2].gates], ["vmm>=7.0", "vmm<8.1", "vendor=GenuineIntel"])
        self.assertEqual(its[3].crash_text, "failed to set MSR 0x10a")
        self.assertTrue(its[4].timeout)
        self.assertEqual(its[2].where, "e.txt:5")

    def test_errors_name_line(self) -> None:
        bad = {"msr\n": "reason is required", "msr [bogus] r\n": "unknown flag",
               "msr [vmm>=x] r\n": "bad version", "msr [<7] r\n": "without a key",
               "msr [intermittent r\n": "unterminated", '"msr/a r\n': "unterminated quoted",
               "msr//x r\n": "bad pattern", "msr/a [crash] r\n": "only apply to a whole test",
               "msr [os>=1] r\n": "unknown gate key", "msr [os=linux] r\n": "unknown gate key",
               "msr [vendor=A|] r\n": "empty alternative", "* [crash] r\n": "matches everything",
               "*/* r\n": "matches everything", "msr [broad, timeout, intermittent r\n": "unterminated"}
        for text, msg in bad.items():
            with self.subTest(text=text):
                with self.assertRaises(expect.ExpectError) as cm:
                    items("# x\n" + text)
                self.assertIn("e.txt:2: ", str(cm.exception))
                self.assertIn(msg, str(cm.exception))

    def test_gates(self) -> None:
        its = items("a [vmm>=7.0,<8.1] r\nb [vendor=AuthenticAMD] r\nc [kernel>=6.1] r\nd r\n"
                    "e [vendor=GenuineIntel|AuthenticAMD, family=25] r\n"
                    "f [cpu-model=AMD EPYC*, model>=1] r\ng [kernel=6.18.*-fc*] r\n")
        ctx = facts(vmm="7.2.22", kernel="6.18.44-fc", vendor="GenuineIntel", family="6")
        self.assertEqual([i.test for i in expect.active(its, ctx)], ["a", "c", "d", "g"])
        ctx = facts(vmm="8.2.0", kernel="5.10", vendor="AuthenticAMD", family="25",
                    model="1", **{"cpu-model": "AMD EPYC 7B13"})
        self.assertEqual([i.test for i in expect.active(its, ctx)], ["b", "d", "e", "f"])
        self.assertEqual(expect.active(items("a [family=25] r\n"), facts()), [])

    def test_shipped_files_are_valid(self) -> None:
        from hvtest import cfg
        names = [e.name for e in cfg.load(os.path.join(support.ROOT, "unittests.cfg")).entries]
        d = os.path.join(support.ROOT, "expectations")
        for name in os.listdir(d):
            if name.endswith(".txt"):
                its = expect.parse_text(support.read(os.path.join(d, name)), name)
                self.assertEqual(expect.check_names(its, names), ([], []), name)
                self.assertTrue(expect.verified_on(its), f"{name}: no @verified-on line")

    def test_load_from_another_directory(self) -> None:
        """Items are read whatever the current directory; `where` is relative to the root."""
        tmp = support.tempdir(self)
        d = os.path.join(tmp, "expectations")
        os.makedirs(d)
        support.write(os.path.join(d, "qemu-tcg-x86_64.txt"), "msr known\n")
        cwd = os.getcwd()
        os.chdir(support.tempdir(self))
        try:
            shown, its = expect.load(d, "qemu", "tcg", "x86_64", root=tmp)
        finally:
            os.chdir(cwd)
        self.assertEqual((shown, [i.where for i in its]),
                         ("expectations/qemu-tcg-x86_64.txt", ["expectations/qemu-tcg-x86_64.txt:1"]))

    def test_unreadable_list_is_an_error_naming_it(self) -> None:
        d = support.tempdir(self)
        with open(os.path.join(d, "qemu-tcg-x86_64.txt"), "wb") as f:
            f.write(b"msr \xff\xfe not utf-8\n")
        with self.assertRaises(expect.ExpectError) as cm:
            expect.load(d, "qemu", "tcg", "x86_64")
        self.assertIn("qemu-tcg-x86_64.txt: not UTF-8 text", str(cm.exception))

    def test_default_cpu_directive(self) -> None:
        its = items("@default-cpu host,-x [kvm-module=kvm_pvm] QEMU aborts\n"
                    "@default-cpu max [vendor=GenuineIntel] other\nmsr r\n")
        self.assertEqual([i.default_cpu for i in its], ["host,-x", "max", None])
        self.assertEqual([i.test for i in expect.failures(its)], ["msr"])
        ctx = facts(**{"kvm-module": "kvm_pvm", "vendor": "AuthenticAMD"})
        d = expect.default_cpu(expect.active(its, ctx))
        self.assertEqual((d.default_cpu, d.where) if d else None, ("host,-x", "e.txt:1"))
        ctx = facts(**{"kvm-module": "kvm_amd", "vendor": "AuthenticAMD"})
        self.assertIsNone(expect.default_cpu(expect.active(its, ctx)))
        self.assertEqual(expect.check_names(its, ["msr"]), ([], []))

    def test_verified_on(self) -> None:
        its = items("@verified-on 2026-12-03 [vendor=AuthenticAMD, kernel=6.18.44*] EPYC host\n"
                    "@verified-on 2026-11-01 [vmm>=7.2,<7.3] any host, QEMU 7.2\nmsr r\n")
        self.assertEqual([i.value for i in expect.verified_on(its)], ["2026-12-03", "2026-11-01"])
        self.assertEqual([i.test for i in expect.failures(its)], ["msr"])
        amd = facts(vendor="AuthenticAMD", kernel="6.18.44-fc", vmm="8.0.0")
        self.assertEqual([i.where for i in expect.verified_on(expect.active(its, amd))], ["e.txt:1"])
        self.assertEqual(expect.verified_on(expect.active(its, facts(vendor="GenuineIntel"))), [])
        for bad, msg in {"@verified-on yesterday r\n": "needs a date",
                         "@verified-on 2026-12-03\n": "reason is required",
                         "@verified-on 2026-12-03 [intermittent] r\n": "only gate flags"}.items():
            with self.subTest(bad=bad), self.assertRaises(expect.ExpectError) as cm:
                items(bad)
            self.assertIn(msg, str(cm.exception))

    def test_default_cpu_errors(self) -> None:
        bad = {"@default-cpu\n": "needs a CPU model", "@default-cpu host\n": "reason is required",
               "@default-cpu host [crash] r\n": "only gate flags", "@cpu host r\n": "unknown directive"}
        for text, msg in bad.items():
            with self.subTest(text=text):
                with self.assertRaises(expect.ExpectError) as cm:
                    items(text)
                self.assertIn(msg, str(cm.exception))

    def test_unknown_tests_warned(self) -> None:
        errors, w = expect.check_names(items("nosuch r\nms* r\n"), ["msr"])
        self.assertEqual((len(errors), len(w)), (0, 1))
        self.assertIn("nosuch", w[0])

    def test_pattern_over_several_tests_needs_broad(self) -> None:
        errors, _ = expect.check_names(items("# x\nm* r\nm* [broad] all of them\n"), ["msr", "mmu"])
        self.assertEqual(len(errors), 1)
        self.assertIn("e.txt:2: pattern 'm*' matches 2 tests", errors[0])


class ApplyTest(unittest.TestCase):
    def test_case_item(self) -> None:
        r = result(Verdict.FAIL, [case("efer", Verdict.PASS, Verdict.FAIL), case("pat", Verdict.PASS)])
        expect.apply(items("msr/efer  known\n"), r)
        self.assertEqual(r.cases[0].verdict, Verdict.XFAIL)
        self.assertEqual(r.verdict, Verdict.XFAIL)

    def test_assertion_item(self) -> None:
        r = result(Verdict.FAIL, [case("efer", Verdict.PASS, Verdict.FAIL, Verdict.FAIL)])
        expect.apply(items("msr/efer/check?2  known\n"), r)
        self.assertEqual(r.cases[0].assertions[1].verdict, Verdict.XFAIL)
        self.assertEqual(r.verdict, Verdict.FAIL)       # check 3 still fails
        r = result(Verdict.FAIL, [case("efer", Verdict.PASS, Verdict.FAIL)])
        expect.apply(items('"msr/efer/check 2"  known\n'), r)
        self.assertEqual((r.cases[0].verdict, r.verdict), (Verdict.XFAIL, Verdict.XFAIL))

    def test_variant_rows_are_cases(self) -> None:
        # TEST_VARIANTS rows are cases NAME.ROW (docs/writing-tests.md): an
        # item names one row, or every row with a glob.
        rows = [case("round_trip.STAR", Verdict.PASS), case("round_trip.LSTAR", Verdict.FAIL),
                case("round_trip.SFMASK", Verdict.FAIL)]
        r = result(Verdict.FAIL, [case(c.name, *[a.verdict for a in c.assertions]) for c in rows])
        expect.apply(items("msr/round_trip.LSTAR  known\n"), r)
        self.assertEqual([c.verdict for c in r.cases], [Verdict.PASS, Verdict.XFAIL, Verdict.FAIL])
        self.assertEqual(r.verdict, Verdict.FAIL)
        r = result(Verdict.FAIL, [case(c.name, *[a.verdict for a in c.assertions]) for c in rows])
        expect.apply(items("msr/round_trip.*/check?1  known\n"), r)
        self.assertEqual([c.verdict for c in r.cases], [Verdict.XPASS, Verdict.XFAIL, Verdict.XFAIL])

    def test_listed_but_passes_is_xpass(self) -> None:
        r = result(Verdict.PASS, [case("efer", Verdict.PASS)])
        expect.apply(items("msr/efer  known\n"), r)
        self.assertEqual((r.cases[0].verdict, r.verdict), (Verdict.XPASS, Verdict.XPASS))
        self.assertTrue(r.verdict.unexpected)

    def test_intermittent_either_way(self) -> None:
        r = result(Verdict.PASS, [case("efer", Verdict.PASS)])
        expect.apply(items("msr/efer [intermittent] race\n"), r)
        self.assertEqual(r.verdict, Verdict.PASS)
        self.assertIn("passed this time", r.cases[0].expectation)
        r = result(Verdict.FAIL, [case("efer", Verdict.FAIL)])
        expect.apply(items("msr/efer [intermittent] race\n"), r)
        self.assertEqual(r.verdict, Verdict.XFAIL)

    def test_test_level_item(self) -> None:
        r = result(Verdict.FAIL, [case("a", Verdict.FAIL), case("b", Verdict.PASS)])
        expect.apply(items("msr  all broken\n"), r)
        self.assertEqual(r.verdict, Verdict.XFAIL)
        r = result(Verdict.PASS, [case("a", Verdict.PASS)])
        expect.apply(items("msr  all broken\n"), r)
        self.assertEqual(r.verdict, Verdict.XPASS)

    def test_crash_item_never_covers_failures(self) -> None:
        for flags in ("crash", "crash=KVM internal error", "timeout", "crash, timeout, intermittent"):
            with self.subTest(flags=flags):
                r = result(Verdict.FAIL, [case("a", Verdict.FAIL), case("b", Verdict.PASS)])
                expect.apply(items(f"msr [{flags}] known crash\n"), r)
                self.assertEqual((r.cases[0].verdict, r.verdict), (Verdict.FAIL, Verdict.FAIL))
                self.assertEqual(r.masked, {})

    def test_crash_item_that_passes_is_xpass(self) -> None:
        r = result(Verdict.PASS, [case("a", Verdict.PASS)])
        expect.apply(items("msr [crash] known crash\n"), r)
        self.assertEqual(r.verdict, Verdict.XPASS)

    def test_crash_and_failure_items_apart(self) -> None:
        its = items("msr [crash=SIGABRT] aborts\nmsr fails\n")
        r = result(Verdict.FAIL, [case("a", Verdict.FAIL)])
        expect.apply(its, r)
        self.assertEqual((r.verdict, r.masked), (Verdict.XFAIL, {"e.txt:2": 1}))
        r = result(Verdict.CRASH, [], "VMM killed by SIGABRT")
        expect.apply(its, r)
        self.assertEqual((r.verdict, r.masked), (Verdict.XFAIL, {"e.txt:1": 1}))

    def test_masked_counts(self) -> None:
        r = result(Verdict.FAIL, [case("a", Verdict.FAIL, Verdict.FAIL), case("b", Verdict.FAIL)])
        expect.apply(items('"msr/a/check *" r\nmsr/b r\n'), r)
        self.assertEqual(r.masked, {"e.txt:1": 2, "e.txt:2": 1})

    def test_cpu_gate_is_decided_per_test(self) -> None:
        its = items("msr/efer [cpu=qemu64|Skylake*] model bug\n")
        self.assertEqual(len(expect.active(its, facts(vendor="AuthenticAMD"))), 1)
        for model, verdict in (("qemu64", Verdict.XFAIL), ("Skylake-Server", Verdict.XFAIL),
                               ("max", Verdict.FAIL), ("", Verdict.FAIL)):
            with self.subTest(model=model):
                r = result(Verdict.FAIL, [case("efer", Verdict.FAIL)])
                r.cpu_model = model
                expect.apply(its, r)
                self.assertEqual(r.verdict, verdict)

    def test_guest_gates_use_the_guests_cpu_line(self) -> None:
        its = items("msr/efer [guest-vendor=GenuineIntel, guest-family>=6] Intel rule\n")
        for cpu, verdict in (({"vendor": "GenuineIntel", "family": "6"}, Verdict.XFAIL),
                             ({"vendor": "GenuineIntel", "family": "5"}, Verdict.FAIL),
                             ({"vendor": "AuthenticAMD", "family": "25"}, Verdict.FAIL),
                             ({}, Verdict.FAIL)):
            with self.subTest(cpu=cpu):
                r = result(Verdict.FAIL, [case("efer", Verdict.FAIL)])
                r.guest_cpu = dict(cpu)
                expect.apply(its, r)
                self.assertEqual(r.verdict, verdict)

    def test_crash_needs_flag(self) -> None:
        r = result(Verdict.CRASH, [], "VMM killed by SIGABRT", ["failed to set MSR 0x10a"])
        expect.apply(items("msr  broken\n"), r)
        self.assertEqual(r.verdict, Verdict.CRASH)
        expect.apply(items("msr [crash=something else]  broken\n"), r)
        self.assertEqual(r.verdict, Verdict.CRASH)
        expect.apply(items("msr [crash=failed to set MSR 0x10a]  known abort\n"), r)
        self.assertEqual(r.verdict, Verdict.XFAIL)
        self.assertIn("SIGABRT", r.detail[0])

    def test_timeout_flag(self) -> None:
        r = result(Verdict.TIMEOUT, [], "no result")
        expect.apply(items("msr [crash] x\n"), r)
        self.assertEqual(r.verdict, Verdict.TIMEOUT)
        expect.apply(items("msr [timeout] x\n"), r)
        self.assertEqual(r.verdict, Verdict.XFAIL)

    def test_error_and_skip_untouched(self) -> None:
        for v in (Verdict.ERROR, Verdict.SKIP):
            r = result(v, [])
            expect.apply(items("msr [crash] x\n"), r)
            self.assertEqual(r.verdict, v)

    def test_globs(self) -> None:
        r = result(Verdict.FAIL, [case("efer_a", Verdict.FAIL)])
        expect.apply(items("m*/efer_*  known\n"), r)
        self.assertEqual(r.verdict, Verdict.XFAIL)


if __name__ == "__main__":
    unittest.main()
