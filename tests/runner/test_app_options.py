# SPDX-License-Identifier: GPL-2.0-only
"""Run options through app.main with the fake VMM: --args and --seed reach
the guest and the seed reaches the reports; an empty selection is an error."""
from __future__ import annotations

import contextlib
import io
import os
import unittest
import xml.etree.ElementTree as ET

import support
from hvtest import app, cli
from support import GROUPS

CFG = GROUPS + """
[pass]
file = guest
args = mode=pass seed=1 extra=entry
"""


class OptionsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = support.tempdir(self)
        build = support.fake_build(self.tmp, ["guest"])
        cfg = support.write(os.path.join(self.tmp, "t.cfg"), CFG)
        self.json = os.path.join(self.tmp, "r.json")
        self.xml = os.path.join(self.tmp, "r.xml")
        self.base = ["--config", cfg, "--build-dir", build, "--log-dir",
                     os.path.join(self.tmp, "logs"), "--vmm-binary", f"qemu={support.FAKE}",
                     "--accel", "tcg", "--no-expectations", "--color", "never",
                     "--json", self.json, "--junit", self.xml]

    def main(self, *args: str) -> tuple[int, str]:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            rc = app.main([*self.base, *args])
        return rc, buf.getvalue()

    def test_seed_and_args_replace_entry_words(self) -> None:
        rc, out = self.main("pass", "--seed", "5", "--args", "extra=cli more=1")
        self.assertEqual(rc, 0, out)
        t = support.jload(self.json)["tests"][0]
        append = t["cmdline"][t["cmdline"].index("-append") + 1]
        self.assertEqual(append, "mode=pass extra=cli more=1 seed=5")

    def test_seed_in_reports(self) -> None:
        rc, out = self.main("pass", "--seed", "77")
        self.assertEqual(rc, 0, out)
        self.assertEqual(support.jload(self.json)["tests"][0]["seed"], 77)
        props = ET.parse(self.xml).getroot().findall(".//property[@name='seed']")
        self.assertEqual([p.get("value") for p in props], ["77"])

    def test_bad_values(self) -> None:
        for bad in (["--seed", "x"], ["--args", "'open"], ["--args", "case=a*"]):
            with self.subTest(bad=bad):
                self.assertEqual(self.main("pass", *bad)[0], 2)

    def test_empty_selection(self) -> None:
        rc, out = self.main("--shard", "2/2", "pass")
        self.assertEqual(rc, 2, out)
        self.assertIn("no test selected", out)
        self.assertEqual(self.main("--shard", "2/2", "pass", "--allow-empty")[0], 0)


    def test_file_errors_are_messages(self) -> None:
        missing = os.path.join(self.tmp, "nosuch", "r.json")
        afile = support.write(os.path.join(self.tmp, "afile"), "x")
        for args, msg in ((["--json", missing], "does not exist"),
                          (["--junit", self.tmp], "is a directory"),
                          (["--log-dir", afile], "not a directory")):
            with self.subTest(args=args):
                rc, out = self.main("pass", *args)
                self.assertEqual(rc, 2, out)
                self.assertIn(msg, out)
                self.assertNotIn("Traceback", out)

    def test_report_that_cannot_be_written_keeps_the_run(self) -> None:
        rc, out = self.main("pass", "--tap", "/proc/hvtest-cannot-exist.tap")
        self.assertEqual(rc, 2, out)
        self.assertIn("PASS     pass", out)
        self.assertIn("cannot write --tap", out)
        self.assertTrue(support.jload(self.json)["complete"])


    def test_tap_to_stdout_moves_human_lines_to_stderr(self) -> None:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = app.main([*self.base, "-t", "pass"])
        self.assertEqual(rc, 0)
        self.assertTrue(out.getvalue().startswith("TAP version 13\n"), out.getvalue())
        self.assertEqual(out.getvalue().count("TAP version"), 1)
        self.assertIn("PASS     pass", err.getvalue())

    def test_kvm_unit_tests_environment(self) -> None:
        env = {"ACCEL": "tcg", "TIMEOUT": "2m", "MAX_SMP": "1"}
        k = cli.kut_environment(env, accel_option=False)
        self.assertEqual((k.accel, k.timeout, k.max_smp, k.error), ("tcg", 120.0, 1, None))
        self.assertIsNone(cli.kut_environment(env, accel_option=True).accel)
        for bad in ({"ACCEL": "hvf"}, {"TIMEOUT": "soon"}, {"MAX_SMP": "0"}):
            with self.subTest(bad=bad):
                self.assertIsNotNone(cli.kut_environment(bad, False).error)

    def test_all_list_groups_version(self) -> None:
        rc, out = self.main("--list-groups")
        self.assertEqual(rc, 0)
        self.assertIn("nodefault", out)
        rc, out = self.main("--version")
        self.assertTrue(out.startswith("hvtest "), out)


if __name__ == "__main__":
    unittest.main()
