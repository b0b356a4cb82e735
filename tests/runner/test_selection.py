# SPDX-License-Identifier: GPL-2.0-only
"""Test selection: names and globs, groups, nodefault, arches, --repeat and --shard."""
from __future__ import annotations

import unittest

from hvtest import cfg, selection
from support import GROUPS

CFG = cfg.parse_text(GROUPS + "[a]\ngroups = quick\n[b]\ngroups = slow\n[c]\ngroups = nodefault\n"
                     "[d]\narch = arm64\n[e]\n[f]\n[g]\n", "t.cfg")


def names(pairs: list[tuple[cfg.Entry, str]]) -> list[str]:
    return [f"{e.name}@{a}" if a != "x86_64" else e.name for e, a in pairs]


class SelectionTest(unittest.TestCase):
    def test_default_excludes_nodefault(self) -> None:
        self.assertEqual(names(selection.select(CFG, [], [], ["x86_64"])), ["a", "b", "e", "f", "g"])

    def test_nodefault_by_exact_name_or_group(self) -> None:
        self.assertEqual(names(selection.select(CFG, ["c"], [], ["x86_64"])), ["c"])
        self.assertEqual(names(selection.select(CFG, ["?"], [], ["x86_64"])), ["a", "b", "e", "f", "g"])
        self.assertEqual(names(selection.select(CFG, [], ["nodefault"], ["x86_64"])), ["c"])

    def test_groups_and_names_combine(self) -> None:
        self.assertEqual(names(selection.select(CFG, [], ["quick,slow"], ["x86_64"])), ["a", "b"])
        self.assertEqual(names(selection.select(CFG, ["b*"], ["quick", "slow"], ["x86_64"])), ["b"])

    def test_arches(self) -> None:
        self.assertEqual(names(selection.select(CFG, ["d", "a"], [], ["x86_64", "arm64"])),
                         ["a", "a@arm64", "d@arm64"])

    def test_errors(self) -> None:
        with self.assertRaises(selection.SelectError):
            selection.select(CFG, [], ["nosuch"], ["x86_64"])
        with self.assertRaises(selection.SelectError):
            selection.select(CFG, ["zz*"], [], ["x86_64"])
        with self.assertRaises(selection.SelectError):
            selection.parse_arches("x86", "/nonexistent")
        for bad in ("0/2", "3/2", "x", "1/0", "a/b"):
            with self.assertRaises(selection.SelectError):
                selection.shard([], bad)

    def test_shards_partition(self) -> None:
        items = selection.select(CFG, [], [], ["x86_64", "arm64"])
        for n in (1, 2, 3, 7):
            parts = [selection.shard(items, f"{k}/{n}") for k in range(1, n + 1)]
            flat = [x for p in parts for x in p]
            self.assertEqual(len(flat), len(items))
            self.assertEqual(sorted(map(id, flat)), sorted(map(id, items)))
            self.assertEqual(parts, [selection.shard(items, f"{k}/{n}") for k in range(1, n + 1)])

    def test_test_id(self) -> None:
        self.assertEqual(selection.test_id("msr", "x86_64", 2, False, 3), "msr#2")
        self.assertEqual(selection.test_id("msr", "arm64", 1, True, 1), "arm64/msr")


if __name__ == "__main__":
    unittest.main()
