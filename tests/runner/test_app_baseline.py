# SPDX-License-Identifier: GPL-2.0-only
"""End to end through app.main with the fake VMM: a host without a baseline
(new findings listed, exit 0 unless --strict), a host with one (exit 1),
--write-expectations drafts that cover what failed, stale items."""
from __future__ import annotations

import contextlib
import io
import os
import unittest

import support
from hvtest import app
from support import GROUPS

CFG = GROUPS + """
[pass]
file = guest
args = mode=pass
[fail]
file = guest
args = mode=fail
"""
BASELINE = "@verified-on 2026-12-03 [kernel>=0] every host\n"


class BaselineRunTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = support.tempdir(self)
        self.exp = os.path.join(self.tmp, "exp")
        os.makedirs(self.exp)
        build = support.fake_build(self.tmp, ["guest"])
        cfg = support.write(os.path.join(self.tmp, "t.cfg"), CFG)
        self.json = os.path.join(self.tmp, "r.json")
        self.base = ["--config", cfg, "--build-dir", build, "--log-dir",
                     os.path.join(self.tmp, "logs"), "--vmm-binary", f"qemu={support.FAKE}",
                     "--accel", "tcg", "--expectations", self.exp, "--color", "never",
                     "--json", self.json]

    def expectations(self, text: str) -> None:
        support.write(os.path.join(self.exp, "qemu-tcg-x86_64.txt"), text)

    def main(self, *args: str) -> tuple[int, str]:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            rc = app.main([*self.base, *args])
        return rc, buf.getvalue()

    def test_no_baseline_lists_new_findings(self) -> None:
        rc, out = self.main("pass", "fail")
        self.assertEqual(rc, 0, out)
        self.assertIn("NO BASELINE", out)
        self.assertIn("NEW ON THIS HOST (no baseline): 1 unexpected results", out)
        self.assertIn("FAIL fail [new on this host: no baseline]", out)
        doc = support.jload(self.json)
        self.assertEqual([t["new_on_host"] for t in doc["tests"]], [False, True])
        self.assertEqual((doc["summary"]["new_on_host"], doc["summary"]["counted"]), (1, 0))
        self.assertIsNone(doc["manifest"]["host_configurations"][0]["baseline"])
        rc, out = self.main("pass", "fail", "--strict")
        self.assertEqual(rc, 1, out)

    def test_baseline_makes_failures_count(self) -> None:
        self.expectations(BASELINE)
        rc, out = self.main("fail")
        self.assertEqual(rc, 1, out)
        self.assertNotIn("NEW ON THIS HOST", out)
        rc, out = self.main("fail", "--no-baseline")
        self.assertEqual(rc, 0, out)

    def test_draft_covers_the_failures(self) -> None:
        draft = os.path.join(self.tmp, "draft.txt")
        rc, out = self.main("fail", "--write-expectations", draft)
        self.assertEqual(rc, 0, out)
        text = support.read(draft)
        self.assertIn("unconfirmed", text)
        self.expectations(BASELINE + text)
        rc, out = self.main("fail")
        self.assertEqual(rc, 0, out)
        self.assertIn("XFAIL", out)
        self.assertIn("unconfirmed items active", out)

    def test_stale_item_reported(self) -> None:
        self.expectations(BASELINE + "pass/no_such_case a case that was renamed\n")
        rc, out = self.main("pass")
        self.assertEqual(rc, 0, out)
        self.assertIn("stale:", out)
        doc = support.jload(self.json)
        self.assertEqual([u["status"] for u in doc["expectations"]], ["stale"])

    def test_broad_pattern_refused(self) -> None:
        self.expectations(BASELINE + "*a* every test with an a\n")
        rc, out = self.main("pass")
        self.assertEqual(rc, 2, out)
        self.assertIn("matches 2 tests", out)


if __name__ == "__main__":
    unittest.main()
