# SPDX-License-Identifier: GPL-2.0-only
"""Verdict rules from TAP plus VMM exit: PASS, FAIL, SKIP, CRASH, TIMEOUT, ERROR."""
from __future__ import annotations

import importlib
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import verdict as V
from hvtest.model import Verdict
from hvtest.tap import TapParser
from hvtest.vmm.qemu import _debug_exit_check

GOOD = "TAP version 14\n# Subtest: a\n    ok 1 - x\n    1..1\nok 1 - a\n1..1\n# hvtest-end status=0\n"


def judge(text: str, **kw: object) -> V.Judgement:
    p = TapParser()
    for ln in text.splitlines(keepends=True):
        p.feed(ln)
    o = V.Outcome(timeout=5, log_cap=100)
    for k, v in kw.items():
        setattr(o, k, v)
    return V.judge(p, o, _debug_exit_check)


class VerdictTest(unittest.TestCase):
    def test_pass(self) -> None:
        self.assertEqual(judge(GOOD, returncode=1).verdict, Verdict.PASS)

    def test_variant_rows(self) -> None:
        # A TEST_VARIANTS row is a case of its own, NAME.ROW; a requirement
        # not met is the usual one-point SKIP (docs/output-protocol.md).
        text = ("TAP version 14\n# Subtest: reserved.bit32\n    ok 1 - CR4 unchanged\n    1..1\n"
                "ok 1 - reserved.bit32\n# Subtest: reserved.bit63\n"
                "    ok 1 # SKIP fsgsbase not enumerated (CPUID.(EAX=0x7,ECX=0):EBX[0])\n    1..1\n"
                "ok 2 - reserved.bit63 # SKIP fsgsbase not enumerated (CPUID.(EAX=0x7,ECX=0):EBX[0])\n"
                "1..2\n# hvtest-end status=0\n")
        j = judge(text, returncode=1)
        self.assertEqual(j.verdict, Verdict.PASS)
        self.assertEqual([(c.name, c.verdict) for c in j.cases],
                         [("reserved.bit32", Verdict.PASS), ("reserved.bit63", Verdict.SKIP)])
        self.assertIn("fsgsbase not enumerated", j.cases[1].reason)

    def test_exit_code_must_agree(self) -> None:
        j = judge(GOOD, returncode=3)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("does not match", j.reason)

    def test_exit_zero_is_reset(self) -> None:
        self.assertEqual(judge(GOOD, returncode=0).verdict, Verdict.CRASH)

    def test_signal(self) -> None:
        j = judge("", signal=6, stderr_tail=["qemu: assertion failed"])
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("SIGABRT", j.reason)
        self.assertIn("assertion failed", j.reason)

    def test_no_tap_reason_from_exit_check(self) -> None:
        # The VMM's own reading of its exit (the Bochs loader's error line)
        # comes before the first stderr line, a banner under Bochs.
        o = V.Outcome(timeout=5, log_cap=100, returncode=1, stderr_tail=["=====", "Bochs"])
        j = V.judge(TapParser(), o, lambda status, code, stderr: "hvtest diskboot: bad")
        self.assertEqual((j.verdict, j.reason), (Verdict.CRASH, "no TAP output; hvtest diskboot: bad"))
        j = V.judge(TapParser(), o, lambda status, code, stderr: None)
        self.assertEqual(j.reason, "no TAP output; VMM exit status 1: =====")

    def test_start_error(self) -> None:
        self.assertEqual(judge("", start_error="cannot start").verdict, Verdict.ERROR)

    def test_timeout_beats_partial_output(self) -> None:
        j = judge("TAP version 14\n# Subtest: spin\n", killed_by=V.KILL_TIMEOUT)
        self.assertEqual(j.verdict, Verdict.TIMEOUT)
        self.assertEqual(j.cases[-1].name, "spin")
        self.assertEqual(j.cases[-1].verdict, Verdict.TIMEOUT)

    def test_flood_and_internal_error(self) -> None:
        self.assertEqual(judge("TAP version 14\n", killed_by=V.KILL_FLOOD).verdict, Verdict.CRASH)
        j = judge("TAP version 14\n", killed_by=V.KILL_INTERNAL,
                  internal_error=["KVM internal error. Suberror: 1", "RAX=0"])
        self.assertEqual((j.verdict, j.reason), (Verdict.CRASH, "KVM internal error. Suberror: 1"))
        self.assertEqual(j.detail[1], "RAX=0")

    def test_bail_out(self) -> None:
        j = judge("TAP version 14\n# Subtest: b\n# RIP=1\nBail out! boom\n# hvtest-end status=3\n",
                  returncode=7)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertEqual(j.reason, "Bail out! boom")
        self.assertIn("RIP=1", j.detail)

    def test_usage_error_bail_is_error(self) -> None:
        j = judge("TAP version 14\nBail out! no case matches 'x'\n# hvtest-end status=2\n",
                  returncode=5)
        self.assertEqual(j.verdict, Verdict.ERROR)
        self.assertIn("no case matches", j.reason)

    def test_no_plan_no_end(self) -> None:
        self.assertEqual(judge("TAP version 14\nok 1 - a\n", returncode=1).verdict, Verdict.CRASH)
        j = judge(GOOD.replace("# hvtest-end status=0\n", ""), returncode=1)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("without end marker", j.reason)

    def test_no_tap_at_all(self) -> None:
        j = judge("", returncode=1, stderr_tail=["qemu: Property 'x' not found"])
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("Property 'x' not found", j.reason)

    def test_status_and_cases_agree(self) -> None:
        j = judge(GOOD.replace("status=0", "status=1"), returncode=3)
        self.assertEqual(j.verdict, Verdict.FAIL)

    def test_plan_count_mismatch(self) -> None:
        j = judge(GOOD.replace("1..1\n#", "1..2\n#"), returncode=1)
        self.assertEqual(j.verdict, Verdict.CRASH)

    def test_fail_and_skip(self) -> None:
        fail = GOOD.replace("    ok 1 - x", "    not ok 1 - x").replace("ok 1 - a", "not ok 1 - a") \
            .replace("status=0", "status=1")
        self.assertEqual(judge(fail, returncode=3).verdict, Verdict.FAIL)
        skip = ("TAP version 14\n# Subtest: a\n    1..0 # SKIP no\nok 1 - a # SKIP no\n1..1\n"
                "# hvtest-end status=0\n")
        j = judge(skip, returncode=1)
        self.assertEqual((j.verdict, j.reason), (Verdict.SKIP, "no"))

    def test_end_grace_kill(self) -> None:
        self.assertEqual(judge(GOOD, killed_by=V.KILL_END_GRACE).verdict, Verdict.CRASH)

    def test_restart(self) -> None:
        self.assertEqual(judge(GOOD + "TAP version 14\n", returncode=1).verdict, Verdict.CRASH)


if __name__ == "__main__":
    unittest.main()
