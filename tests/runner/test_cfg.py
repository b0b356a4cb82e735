# SPDX-License-Identifier: GPL-2.0-only
"""unittests.cfg parsing: every key, defaults, and each error naming file and line."""
from __future__ import annotations

import unittest

import support  # noqa: F401
from hvtest import cfg
from support import GROUPS


def errors(text: str) -> list[str]:
    with unittest.TestCase().assertRaises(cfg.CfgError) as cm:
        cfg.parse_text(text, "t.cfg")
    return cm.exception.errors


class CfgTest(unittest.TestCase):
    def test_full_entry(self) -> None:
        c = cfg.parse_text(GROUPS + "[msr]\nfile = msr2   # comment\narch = x86_64 arm64\n"
                           "groups = quick slow\nsmp = 2\ntimeout = 1.5\ncpu = max,+vmx\n"
                           "accel = tcg\nvmm = qemu\nargs = seed=1 -c efer\n"
                           "extra_params = -m 256 -device 'a b'\nmachine = q35\n", "t.cfg")
        e = c.entries[0]
        self.assertEqual((e.name, e.file, e.arch, e.groups, e.smp, e.timeout),
                         ("msr", "msr2", ("x86_64", "arm64"), ("quick", "slow"), 2, 1.5))
        self.assertEqual((e.cpu, e.accel, e.vmm, e.args, e.machine),
                         ("max,+vmx", ("tcg",), ("qemu",), "seed=1 -c efer", "q35"))
        self.assertEqual(e.extra_params, ("-m", "256", "-device", "a b"))
        self.assertEqual(c.groups["quick"], "quick tests")
        self.assertEqual(e.where, "t.cfg:6")

    def test_defaults(self) -> None:
        e = cfg.parse_text(GROUPS + "[a]\n", "t.cfg").entries[0]
        self.assertEqual(e.file, "a")
        self.assertEqual(e.smp, 1)
        self.assertEqual(e.timeout, cfg.DEFAULT_TIMEOUT)
        self.assertIsNone(e.cpu)
        self.assertEqual(e.accel, ("kvm", "tcg"))

    def test_error_paths_name_file_and_line(self) -> None:
        cases = {
            "[a]\nbogus = 1\n": ("t.cfg:7", "unknown key 'bogus'"),
            "[a]\nsmp = 1\nsmp = 2\n": ("t.cfg:8", "duplicate key 'smp'"),
            "[a]\n[a]\n": ("t.cfg:7", "duplicate section [a]"),
            "[a]\nsmp = 0\n": ("t.cfg:7", "smp: expected an integer >= 1"),
            "[a]\nsmp = two\n": ("t.cfg:7", "smp"),
            "[a]\ntimeout = -1\n": ("t.cfg:7", "timeout"),
            "[a]\narch = x86\n": ("t.cfg:7", "unknown value 'x86'"),
            "[a]\naccel = hvf\n": ("t.cfg:7", "accel"),
            "[a]\nvmm = kvmtool\n": ("t.cfg:7", "vmm"),
            "[a]\ngroups = nosuch\n": ("t.cfg:7", "group 'nosuch' is not declared"),
            "[a]\nfirmware = ovmf\n": ("t.cfg:7", "firmware"),
            "[a]\narch = arm64\nfirmware = qboot\n": ("t.cfg:8", "only valid for x86_64"),
            "[a]\nextra_params = -m 'x\n": ("t.cfg:7", "extra_params"),
            "[a]\ncpu = max host\n": ("t.cfg:7", "cpu"),
            "[a]\nfile = a/b\n": ("t.cfg:7", "file"),
            "[a]\narch = x86_64 x86_64\n": ("t.cfg:7", "listed twice"),
            "[a]\nthis is junk\n": ("t.cfg:7", "syntax error"),
            "[a]\nsmp = 1\n  continued\n": ("t.cfg:8", "indented"),
            "[a b]\n": ("t.cfg:6", "invalid section name"),
            "[a]\ncpu =\n": ("t.cfg:7", "empty value"),
            "[a]\nextra_params = -accel kvm\n": ("t.cfg:7", "switch the accelerator"),
            "[a]\nextra_params = -m 64 -enable-kvm\n": ("t.cfg:7", "switch the accelerator"),
            "[a]\nextra_params = -machine q35,accel=tcg\n": ("t.cfg:7", "switch the accelerator"),
        }
        for body, (where, msg) in cases.items():
            with self.subTest(body=body):
                errs = errors(GROUPS + body)
                self.assertEqual(len(errs), 1, errs)
                self.assertTrue(errs[0].startswith(where + ":"), errs)
                self.assertIn(msg, errs[0])

    def test_groups_section_rules(self) -> None:
        self.assertIn("t.cfg:1: key 'x' outside", errors("x = 1\n")[0])
        self.assertIn("must be the first section", errors("[a]\n[groups]\nq = d\n")[0])
        self.assertIn("duplicate group", errors("[groups]\nq = d\nq = e\n")[0])
        self.assertIn("needs a one-line description", errors("[groups]\nq =\n")[0])
        self.assertIn("not declared", errors("[a]\ngroups = quick\n")[0])

    def test_all_errors_reported(self) -> None:
        self.assertEqual(len(errors(GROUPS + "[a]\nsmp = 0\nfoo = 1\n[b]\ntimeout = x\n")), 3)

    def test_root_cfg_is_valid(self) -> None:
        c = cfg.load(support.os.path.join(support.ROOT, "unittests.cfg"))
        self.assertIn("nodefault", c.groups)
        self.assertIsNotNone(c.entry("selftest"))

    def test_harness_cfg_is_valid(self) -> None:
        c = cfg.load(support.os.path.join(support.ROOT, "tests", "harness", "unittests.cfg"))
        self.assertIsNotNone(c.entry("hang"))

    def test_missing_file(self) -> None:
        with self.assertRaises(cfg.CfgError) as cm:
            cfg.load("/nonexistent/x.cfg")
        self.assertIn("/nonexistent/x.cfg", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
