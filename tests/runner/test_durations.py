# SPDX-License-Identifier: GPL-2.0-only
"""Slowest first (scripts/hvtest/durations.py): what a run remembers of its
tests' durations, and the start order the next run takes from it."""
from __future__ import annotations

import contextlib
import io
import json
import os
import unittest

import support
from hvtest import app, cfg, durations
from hvtest.model import TestResult, Verdict
from hvtest.selection import Planned
from support import GROUPS

CFG = cfg.parse_text(GROUPS + "[fast]\n[slow]\n[new]\n[skipped]\n[wide]\nsmp = 2\n", "t.cfg")


def planned(name: str, skip: str | None = None) -> Planned:
    entry = CFG.entry(name)
    assert entry is not None
    return Planned(entry=entry, arch="x86_64", vmm="qemu", accel="tcg", test_id=name, skip=skip)


def result(name: str, verdict: Verdict, seconds: float) -> TestResult:
    return TestResult(test_id=name, name=name, arch="x86_64", vmm="qemu", accel="tcg",
                      iteration=1, verdict=verdict, start=100.0, end=100.0 + seconds)


class OrderTest(unittest.TestCase):
    known = {durations.key("qemu", "tcg", "x86_64", "fast"): 0.2,
             durations.key("qemu", "tcg", "x86_64", "slow"): 9.0,
             durations.key("qemu", "tcg", "x86_64", "wide"): 1.0}

    def test_skips_then_unknown_then_widest_then_slowest(self) -> None:
        items = [planned("fast"), planned("slow"), planned("wide"), planned("new"),
                 planned("skipped", "no")]
        got = [p.entry.name for p in durations.order(items, self.known, 2)]
        self.assertEqual(got, ["skipped", "new", "wide", "slow", "fast"])

    def test_one_slot_is_slowest_first(self) -> None:
        items = [planned("fast"), planned("slow"), planned("wide")]
        got = [p.entry.name for p in durations.order(items, self.known, 1)]
        self.assertEqual(got, ["slow", "wide", "fast"])

    def test_nothing_known_keeps_the_cfg_order(self) -> None:
        items = [planned("fast"), planned("slow"), planned("new")]
        self.assertEqual(durations.order(items, {}, 2), items)


class StoreTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = support.tempdir(self)

    def test_missing_or_damaged_is_empty(self) -> None:
        self.assertEqual(durations.load(self.dir), {})
        support.write(os.path.join(self.dir, durations.FILE), "{not json")
        self.assertEqual(durations.load(self.dir), {})
        support.write(os.path.join(self.dir, durations.FILE), "[1, 2]")
        self.assertEqual(durations.load(self.dir), {})

    def test_update_keeps_what_ran_and_merges(self) -> None:
        durations.update(self.dir, [result("fast", Verdict.PASS, 0.25),
                                    result("skipped", Verdict.SKIP, 0.0),
                                    result("slow", Verdict.TIMEOUT, 20.0)])
        durations.update(self.dir, [result("fast", Verdict.FAIL, 0.5),
                                    result("new", Verdict.ERROR, 1.0)])
        self.assertEqual(durations.load(self.dir),
                         {"qemu/tcg/x86_64/fast": 0.5, "qemu/tcg/x86_64/slow": 20.0})
        self.assertEqual([n for n in os.listdir(self.dir) if n != durations.FILE], [])


class RunTest(unittest.TestCase):
    def test_a_run_remembers_and_the_next_one_reads(self) -> None:
        tmp = support.tempdir(self)
        build = support.fake_build(tmp, ["guest"])
        cfgfile = support.write(os.path.join(tmp, "t.cfg"),
                                GROUPS + "[one]\nfile = guest\nargs = mode=pass\n"
                                "[two]\nfile = guest\nargs = mode=pass\n")
        logs = os.path.join(tmp, "logs")
        base = ["--config", cfgfile, "--build-dir", build, "--log-dir", logs,
                "--vmm-binary", f"qemu={support.FAKE}", "--accel", "tcg",
                "--no-expectations", "--color", "never"]
        for order in ("slowest", "cfg"):
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                self.assertEqual(app.main([*base, "--order", order]), 0)
        with open(os.path.join(logs, durations.FILE)) as f:
            self.assertEqual(sorted(json.load(f)), ["qemu/tcg/x86_64/one", "qemu/tcg/x86_64/two"])


if __name__ == "__main__":
    unittest.main()
