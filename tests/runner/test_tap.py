# SPDX-License-Identifier: GPL-2.0-only
"""The TAP 14 parser: subtests, YAML diagnostics, directives, escapes, Bail out!, malformed input."""
from __future__ import annotations

import importlib
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest.tap import TapParser
from hvtest.verdict import cases_of
from hvtest.model import Verdict

SAMPLE = """SeaBIOS (version 1.16)
Booting from ROM..
TAP version 14
# hvtest msr (x86_64) seed=1 cmdline="seed=1"
# Subtest: efer
    ok 1 - EFER round trip 0x500
    not ok 2 - EFER bit 20 reserved
      ---
      file: x86/msr.c
      line: 88
      expected: "#GP(0)"
      actual: "no exception"
      ...
    1..2
not ok 1 - efer
# Subtest: tsc_aux
    1..0 # SKIP RDTSCP not exposed
ok 2 - tsc_aux # SKIP RDTSCP not exposed
# Subtest: pat
    ok 1 - PAT round trip
    not ok 2 - PAT type 2 reserved # TODO known TCG bug
    1..2
ok 3 - pat
1..3
# hvtest-end status=1 pass=1 fail=1 skip=1 xfail=1 xpass=0
"""


def parse(text: str) -> TapParser:
    p = TapParser()
    for line in text.splitlines(keepends=True):
        p.feed(line)
    p.finish()
    return p


class TapTest(unittest.TestCase):
    def test_protocol_example(self) -> None:
        p = parse(SAMPLE)
        self.assertEqual(p.plan, 3)
        self.assertEqual(p.end, {"status": 1, "pass": 1, "fail": 1, "skip": 1, "xfail": 1, "xpass": 0})
        self.assertTrue(p.header.startswith("hvtest msr"))
        cases = cases_of(p)
        self.assertEqual([c.name for c in cases], ["efer", "tsc_aux", "pat"])
        self.assertEqual([c.verdict for c in cases], [Verdict.FAIL, Verdict.SKIP, Verdict.XFAIL])
        a = cases[0].assertions[1]
        self.assertEqual(a.diag, {"file": "x86/msr.c", "line": "88", "expected": "#GP(0)",
                                  "actual": "no exception"})
        self.assertEqual(cases[1].reason, "RDTSCP not exposed")
        self.assertEqual(cases[2].assertions[1].reason, "known TCG bug")
        self.assertEqual(p.junk, 0)

    def test_guest_cpu_line(self) -> None:
        p = parse("TAP version 14\n# hvtest msr (x86_64) seed=1 cmdline=\"\"\n"
                  "# hvtest-cpu vendor=GenuineIntel family=6 model=106 stepping=6\n"
                  "# hvtest-cpu vendor=later\n1..0\n")
        self.assertEqual(p.guest_cpu, {"vendor": "GenuineIntel", "family": "6", "model": "106",
                                       "stepping": "6"})
        self.assertEqual(parse("TAP version 14\n1..0\n").guest_cpu, {})

    def test_banner_ignored_and_crlf(self) -> None:
        p = parse("garbage ok 1\r\nok 1 - not counted\r\nTAP version 14\r\n"
                  "# Subtest: a\r\n    ok 1 - x\r\n    1..1\r\nok 1 - a\r\n1..1\r\n")
        self.assertEqual([c.verdict for c in cases_of(p)], [Verdict.PASS])

    def test_version_after_escape_codes(self) -> None:
        p = parse("\x1b[H\x1b[JTAP version 14\nok 1 - a\n1..1\n")
        self.assertTrue(p.version_seen)

    def test_bail_out_names_open_case(self) -> None:
        p = parse("TAP version 14\n# Subtest: boom\n    ok 1 - before\n# RIP=1234\n"
                  "Bail out! unexpected exception #GP\n# hvtest-end status=3\n")
        self.assertEqual(p.bail, "unexpected exception #GP")
        self.assertEqual(p.bail_case, "boom")
        self.assertEqual(p.end, {"status": 3})
        self.assertIn("RIP=1234", list(p.comments))

    def test_nested_subtests_flattened(self) -> None:
        p = parse("TAP version 14\n# Subtest: vmx\n    # Subtest: entry\n        ok 1 - a\n"
                  "        not ok 2 - b\n        1..2\n    not ok 1 - entry\n    ok 2 - exit\n"
                  "    1..2\nnot ok 1 - vmx\n1..1\n")
        c = cases_of(p)[0]
        self.assertEqual([a.description for a in c.assertions], ["entry: a", "entry: b", "entry", "exit"])
        self.assertEqual(c.verdict, Verdict.FAIL)

    def test_bare_subtest_without_header(self) -> None:
        p = parse("TAP version 14\n    ok 1 - a\n    1..1\nok 1 - named\n1..1\n")
        self.assertEqual(cases_of(p)[0].name, "named")
        self.assertEqual(len(cases_of(p)[0].assertions), 1)

    def test_directives(self) -> None:
        p = parse("TAP version 14\n# Subtest: a\n    ok 1 - x # skip lower case\n"
                  "    ok 2 - y # TODO passes now\n    not ok 3 - z \\# not a directive\n"
                  "    1..3\nnot ok 1 - a\n1..1\n")
        a = cases_of(p)[0].assertions
        self.assertEqual([x.verdict for x in a], [Verdict.SKIP, Verdict.XPASS, Verdict.FAIL])
        self.assertEqual(a[2].description, "z # not a directive")

    def test_case_reported_nothing(self) -> None:
        p = parse("TAP version 14\n# Subtest: a\n    1..0\nok 1 - a\n1..1\n")
        self.assertEqual(cases_of(p)[0].verdict, Verdict.FAIL)
        self.assertEqual(cases_of(p)[0].reason, "case reported nothing")

    def test_malformed_never_raises(self) -> None:
        junk = ["TAP version 14", "  ---", "...", "   ok", "not ok x", "1..", "1..x", "ok 99999999999999999999",
                "    ---", "      ...", "\x00\xff", "# Subtest:", "        ok 1", "Bail out!",
                "    1..0 # SKIP", "ok - # TODO", "\t ok 1", "# hvtest-end status=x", "pragma +strict",
                "    not ok 3 # SKIP", "ok 1 - a # SKIP", " " * 4000 + "ok"]
        import itertools
        import random
        rnd = random.Random(7)
        for _ in range(300):
            lines = [rnd.choice(junk) for _ in range(rnd.randint(1, 30))]
            p = TapParser()
            for ln in itertools.chain(["TAP version 14"], lines):
                p.feed(ln + "\n")
            p.finish()
            cases_of(p)

    def test_unterminated_yaml(self) -> None:
        p = parse("TAP version 14\n# Subtest: a\n    not ok 1 - x\n      ---\n      file: a.c\n"
                  "    1..1\nnot ok 1 - a\n1..1\n")
        c = cases_of(p)[0]
        self.assertEqual(c.assertions[0].diag.get("file"), "a.c")
        self.assertEqual(p.plan, 1)

    def test_restart_detected(self) -> None:
        p = parse("TAP version 14\n# Subtest: a\nTAP version 14\n")
        self.assertEqual(p.restarts, 1)

    def test_open_case_at_end(self) -> None:
        p = parse("TAP version 14\n# Subtest: spin\n    ok 1 - before\n")
        self.assertEqual(p.open_case(), "spin")


if __name__ == "__main__":
    unittest.main()
