# SPDX-License-Identifier: GPL-2.0-only
"""scripts/boot-profile.py: phases from host marks and the guest's profile
line, and the COM1 file of a Bochs command line."""
from __future__ import annotations

import importlib.util
import os
import tempfile
import unittest
from types import ModuleType

import support


def load_script(name: str) -> ModuleType:
    path = os.path.join(support.SCRIPTS, name)
    spec = importlib.util.spec_from_file_location(name.replace("-", "_")[:-3], path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class PhasesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.bp = load_script("boot-profile.py")

    def test_guest_and_host_phases(self) -> None:
        marks = {"tap": 0.5, "end": 1.5, "exit": 1.6}
        fields = {"tsc_khz": "1000", "long_mode_cycles": "2000", "bss_cycles": "3000",
                  "lib_init_cycles": "5000", "smp_bringup_cycles": "0", "cases_cycles": "900000"}
        out = self.bp.phases(marks, fields)
        self.assertAlmostEqual(out["long_mode"], 2.0)
        self.assertAlmostEqual(out["cases"], 900.0)
        self.assertAlmostEqual(out["vmm+firmware"], 500.0 - 10.0)
        self.assertAlmostEqual(out["exit"], 100.0)
        self.assertAlmostEqual(out["wall"], 1600.0)

    def test_old_guest_gives_host_columns(self) -> None:
        out = self.bp.phases({"tap": 0.25, "exit": 2.0}, {})
        self.assertEqual(sorted(out), ["vmm+firmware", "wall"])
        self.assertAlmostEqual(out["vmm+firmware"], 250.0)

    def test_bochs_console_file(self) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".bochsrc", delete=False) as f:
            f.write('megs: 128\ncom1: enabled=1, mode=file, dev="/tmp/x.com1"\n')
        try:
            self.assertEqual(self.bp.console_file(["bochs", "-q", "-f", f.name]), "/tmp/x.com1")
        finally:
            os.unlink(f.name)
        self.assertIsNone(self.bp.console_file(["qemu-system-x86_64", "-kernel", "k"]))


if __name__ == "__main__":
    unittest.main()
