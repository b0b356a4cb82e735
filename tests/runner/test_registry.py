# SPDX-License-Identifier: GPL-2.0-only
"""The registry is the one list of arches and VMMs: every table keyed by them agrees."""
from __future__ import annotations

import importlib
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import cfg, cli, registry, vmm
from hvtest.vmm.arches import ARCH_TABLE


class RegistryTest(unittest.TestCase):
    def test_tables_agree(self) -> None:
        self.assertEqual(tuple(vmm.ADAPTERS), registry.VMMS)
        self.assertEqual(tuple(ARCH_TABLE), registry.ARCHES)
        self.assertEqual(cfg.Entry(name="t", where="x", file="t").arch, registry.ARCHES)
        self.assertEqual(set(registry.HOST_MACHINES.values()), set(registry.ARCHES))
        for name in registry.VMMS:
            self.assertEqual(vmm.get(name).name, name)

    def test_cli_choices_come_from_the_registry(self) -> None:
        p = cli.parser("/nonexistent")
        choices = {a.dest: a.choices for a in p._actions if a.choices}
        self.assertEqual(tuple(choices["vmm"]), registry.VMMS)
        self.assertEqual(tuple(choices["accel"]), ("auto", *registry.ACCELS))


if __name__ == "__main__":
    unittest.main()
