# SPDX-License-Identifier: GPL-2.0-only
"""End-to-end runner behaviour through app.main with the fake VMM: exit codes, reports, selection, Ctrl-C, log retention."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
import unittest
import xml.etree.ElementTree as ET

import support
from hvtest import app
from support import GROUPS

CFG = GROUPS + """
[pass]
file = guest
args = mode=pass
groups = quick
[fail]
file = guest
args = mode=fail
[slow]
file = guest
args = mode=sleep sleep=1.0
groups = nodefault
[big1]
file = guest
args = mode=sleep sleep=0.3
smp = 2
groups = nodefault
[big2]
file = guest
args = mode=sleep sleep=0.3
smp = 2
groups = nodefault
[kvmonly]
file = guest
accel = kvm
groups = nodefault
[armonly]
file = guest
arch = arm64
"""


class AppTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = support.tempdir(self)
        self.build = support.fake_build(self.tmp, ["guest"])
        self.cfg = support.write(os.path.join(self.tmp, "t.cfg"), CFG)
        self.base = ["--config", self.cfg, "--build-dir", self.build, "--log-dir",
                     os.path.join(self.tmp, "logs"), "--vmm-binary", f"qemu={support.FAKE}",
                     "--accel", "tcg", "--no-expectations", "--color", "never"]

    def main(self, *args: str) -> tuple[int, str]:
        buf = io.StringIO()
        err = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
            rc = app.main([*self.base, *args])
        return rc, buf.getvalue() + err.getvalue()

    def test_reports_and_exit_status(self) -> None:
        j, t, x = (os.path.join(self.tmp, n) for n in ("r.json", "r.tap", "r.xml"))
        rc, out = self.main("--json", j, "--tap", t, "--junit", x, "pass", "fail")
        self.assertEqual(rc, 1, out)
        self.assertIn("PASS     pass", out)
        self.assertIn("x86/harness.c:42", out)        # failure with file:line
        self.assertIn('expected: "#GP(0)"'.replace('"', ""), out.replace('"', ""))
        doc = support.jload(j)
        self.assertTrue(doc["complete"])
        self.assertEqual([(t_["id"], t_["verdict"]) for t_ in doc["tests"]],
                         [("pass", "PASS"), ("fail", "FAIL")])
        man = doc["manifest"]
        for key in ("suite_commit", "host", "kvm", "vmms", "command_line", "accelerators"):
            self.assertIn(key, man)
        self.assertIn("flags", man["host"]["cpu"])
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "logs", man["run_id"], "manifest.json")))
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "logs", man["run_id"], "fail.log")))
        fail = doc["tests"][1]["cases"][1]["assertions"][1]
        self.assertEqual(fail["diag"]["line"], 42)
        root = ET.parse(x).getroot()
        self.assertEqual(len(root.findall("testsuite")), 2)
        self.assertEqual(len(root.findall(".//failure")), 1)
        tap = support.read(t)
        self.assertTrue(tap.startswith("TAP version 13\n"))
        if shutil.which("prove"):
            p = subprocess.run(["prove", "-e", "cat", t], capture_output=True, text=True)
            self.assertIn("Failed 1/2 subtests", p.stdout + p.stderr)
            self.assertNotIn("Parse errors", p.stdout + p.stderr)

    def test_all_pass_exit_zero(self) -> None:
        rc, out = self.main("-g", "quick")
        self.assertEqual(rc, 0, out)

    def test_usage_errors(self) -> None:
        self.assertEqual(self.main("--nope")[0], 2)
        self.assertEqual(self.main("-g", "undeclared")[0], 2)
        self.assertEqual(self.main("nomatch*")[0], 2)
        self.assertEqual(self.main("--repeat", "0")[0], 2)
        support.write(self.cfg, "[x]\nbogus = 1\n")
        rc, out = self.main()
        self.assertEqual(rc, 2)
        self.assertIn(f"{self.cfg}:2: unknown key 'bogus'", out)

    def test_list_reasons(self) -> None:
        rc, out = self.main("--list", "--arch", "x86_64,arm64", "pass", "kvmonly", "armonly")
        self.assertEqual(rc, 0)
        self.assertIn("accel tcg not allowed", out)
        self.assertIn("arch arm64 not built", out)
        rc, out = self.main("--list", "--vmm", "bochs", "--arch", "all", "armonly")
        self.assertIn("bochs does not support arm64", out)

    def test_skip_and_error_entries(self) -> None:
        j = os.path.join(self.tmp, "r.json")
        rc, _ = self.main("--json", j, "kvmonly")
        self.assertEqual((rc, support.jload(j)["tests"][0]["verdict"]), (0, "SKIP"))
        rc, _ = self.main("--json", j, "--vmm-binary", "qemu=/nonexistent/q", "pass")
        self.assertEqual((rc, support.jload(j)["tests"][0]["verdict"]), (1, "ERROR"))

    def test_case_repeat_shard(self) -> None:
        j = os.path.join(self.tmp, "r.json")
        rc, _ = self.main("--json", j, "--repeat", "2", "--case", "one*", "pass", "fail")
        ids = [t["id"] for t in support.jload(j)["tests"]]
        self.assertEqual(sorted(ids), ["fail#1", "fail#2", "pass#1", "pass#2"])
        self.assertIn("case=one*", support.jload(j)["tests"][0]["cmdline"][-1])
        rc, _ = self.main("--json", j, "--shard", "2/2", "pass", "fail")
        self.assertEqual([t["id"] for t in support.jload(j)["tests"]], ["fail"])

    def test_weighted_tests_do_not_overlap(self) -> None:
        j = os.path.join(self.tmp, "r.json")
        rc, out = self.main("--json", j, "-j", "2", "big1", "big2")
        self.assertEqual(rc, 0, out)
        a, b = sorted(support.jload(j)["tests"], key=lambda t: t["start"])
        self.assertLessEqual(a["end"], b["start"] + 0.01)

    def test_json_is_incremental(self) -> None:
        j = os.path.join(self.tmp, "r.json")
        proc = subprocess.Popen([sys.executable, os.path.join(support.SCRIPTS, "runner.py"), *self.base,
                                 "-j", "1", "--json", j, "pass", "slow"], stdout=subprocess.DEVNULL)
        seen = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            if os.path.exists(j):
                doc = support.jload(j)
                if not doc["complete"] and doc["tests"]:
                    seen = doc
                    break
            time.sleep(0.02)
        proc.wait(timeout=10)
        self.assertIsNotNone(seen)
        assert seen is not None
        self.assertEqual([t["id"] for t in seen["tests"]], ["pass"])
        self.assertTrue(support.jload(j)["complete"])


if __name__ == "__main__":
    unittest.main()
