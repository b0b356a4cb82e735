# SPDX-License-Identifier: GPL-2.0-only
"""Benchmark figures: bench blocks from TAP into --bench-json records, and
--compare of two bench files (scripts/hvtest/bench.py)."""
from __future__ import annotations

import importlib
import io
import json
import os
import tempfile
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import bench
from hvtest import verdict as V
from hvtest.model import TestResult, Verdict
from hvtest.tap import TapParser
from hvtest.vmm.qemu import _debug_exit_check


def block(name: str, median: int, ns: int) -> str:
    figures = {"clock_khz": 2000000, "samples": 1000, "warmup": 100, "overhead": 40,
               "min": median - 5, "p10": median - 2, "median": median, "p90": median + 3,
               "p99": median + 9, "max": median + 100, "median_ns": ns, "p10_ns": ns - 1,
               "p90_ns": ns + 1, "p99_ns": ns + 4}
    lines = ["      ---", "      bench:", f"        name: {name}", "        clock: tsc"]
    lines += [f"        {k}: {v}" for k, v in figures.items()]
    return "\n".join(lines + ["      ...", ""])


def stream(*benches: tuple[str, int, int]) -> str:
    out = "TAP version 14\n"
    for i, (name, median, ns) in enumerate(benches, 1):
        out += (f"# Subtest: {name}\n    # bench {name}: median {median} ticks\n"
                f"    ok 1 - {name}: 1000 samples, the tsc counter never went backwards (0 did)\n"
                + block(name, median, ns) + f"    1..1\nok {i} - {name}\n")
    return out + f"1..{len(benches)}\n# hvtest-end status=0\n"


def result(text: str, accel: str) -> TestResult:
    p = TapParser()
    for ln in text.splitlines(keepends=True):
        p.feed(ln)
    j = V.judge(p, V.Outcome(timeout=5, log_cap=100), _debug_exit_check)
    r = TestResult(test_id="bench", name="bench", arch="x86_64", vmm="qemu", accel=accel,
                   iteration=0, verdict=j.verdict, cases=j.cases)
    return r


class CollectTest(unittest.TestCase):
    def test_blocks_become_records(self) -> None:
        r = result(stream(("cpuid", 1500, 750), ("pause", 30, 15)), "kvm")
        self.assertEqual(r.verdict, Verdict.PASS)
        recs = bench.collect([r])
        self.assertEqual([x["name"] for x in recs], ["cpuid", "pause"])
        self.assertEqual(recs[0]["median"], 1500)
        self.assertEqual(recs[0]["p99_ns"], 754)
        self.assertEqual((recs[0]["accel"], recs[0]["case"]), ("kvm", "cpuid"))

    def test_failure_yaml_is_not_a_bench(self) -> None:
        text = ("TAP version 14\n# Subtest: a\n    not ok 1 - x\n      ---\n      file: x.c\n"
                "      line: 3\n      ...\n    1..1\nnot ok 1 - a\n1..1\n# hvtest-end status=1\n")
        self.assertEqual(bench.collect([result(text, "tcg")]), [])

    def test_incomplete_block_is_dropped(self) -> None:
        text = stream(("cpuid", 10, 5)).replace("        median: 10\n", "        median: ?\n")
        self.assertEqual(bench.collect([result(text, "tcg")]), [])


class CompareTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="hvtest-bench-")

    def save(self, name: str, text: str, accel: str) -> str:
        path = os.path.join(self.tmp, name)
        bench.write(path, bench.collect([result(text, accel)]), {"host": "test"})
        return path

    def test_ratios(self) -> None:
        a = self.save("tcg.json", stream(("cpuid", 100, 50), ("pause", 10, 5)), "tcg")
        b = self.save("kvm.json", stream(("cpuid", 300, 150), ("invlpg", 7, 3)), "kvm")
        self.assertTrue(bench.is_bench_file(a))
        out = io.StringIO()
        self.assertEqual(bench.compare([a, b], out), 0)
        rows = {ln.split()[1]: ln.split() for ln in out.getvalue().splitlines()
                if ln.startswith("x86_64")}
        self.assertEqual(rows["cpuid"][2:5], ["50", "150", "3.00x"])
        self.assertEqual(rows["pause"][2:5], ["5", "-", "-"])
        self.assertEqual(rows["invlpg"][2:5], ["-", "3", "-"])
        self.assertIn("(tcg)", out.getvalue())

    def test_verdict_report_is_not_a_bench_file(self) -> None:
        path = os.path.join(self.tmp, "run.json")
        with open(path, "w") as f:
            json.dump({"results": []}, f)
        self.assertFalse(bench.is_bench_file(path))
        out = io.StringIO()
        self.assertEqual(bench.compare([path, path], out), 2)
        self.assertIn("not a hvtest-bench-1 file", out.getvalue())

    def test_two_files_only(self) -> None:
        out = io.StringIO()
        self.assertEqual(bench.compare(["a"], out), 2)


if __name__ == "__main__":
    unittest.main()
