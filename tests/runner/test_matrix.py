# SPDX-License-Identifier: GPL-2.0-only
"""--cpu-matrix: model lists, refused options, the run loop and the printed matrix."""
from __future__ import annotations

import io
import json
import os
import tempfile
import unittest
from dataclasses import replace

import support
from hvtest import cli, matrix
from hvtest.registry import CPU_MATRIX


def options(*argv: str) -> cli.Options:
    return cli.parse(list(argv), support.ROOT)


def doc(verdicts: dict[str, str]) -> dict[str, object]:
    tests = [{"id": n, "name": n, "arch": "x86_64", "verdict": v, "cases": []} for n, v in verdicts.items()]
    counts: dict[str, int] = {}
    for v in verdicts.values():
        counts[v] = counts.get(v, 0) + 1
    return {"format": "hvtest-results", "tests": tests,
            "summary": {"tests": len(tests), "counts": counts,
                        "unexpected": sum(1 for v in verdicts.values() if v == "FAIL")}}


class MatrixTest(unittest.TestCase):
    def test_default_models_per_arch(self) -> None:
        self.assertEqual(matrix.model_list("", ["x86_64", "s390x"]),
                         {"x86_64": CPU_MATRIX["x86_64"], "s390x": CPU_MATRIX["s390x"]})

    def test_explicit_models_need_one_arch(self) -> None:
        self.assertEqual(matrix.model_list("max qemu64,+svm max", ["x86_64"]),
                         {"x86_64": ("max", "qemu64,+svm")})
        with self.assertRaisesRegex(matrix.MatrixError, "exactly one arch"):
            matrix.model_list("max", ["x86_64", "arm64"])

    def test_refused_options(self) -> None:
        for argv, text in ((("--cpu-matrix", "--cpu", "max"), "drop --cpu"),
                           (("--cpu-matrix", "--json", "r.json"), "--json with --cpu-matrix")):
            with self.subTest(argv=argv), self.assertRaisesRegex(matrix.MatrixError, text):
                matrix.check_options(options(*argv))

    def test_runs_each_model_and_prints_differences(self) -> None:
        per_model = {"max": {"msr": "PASS", "smap": "PASS"},
                     "qemu64": {"msr": "FAIL", "smap": "SKIP"}}
        seen: list[tuple[str | None, str | None]] = []

        def run_one(o: cli.Options) -> int:
            seen.append((o.arch, o.cpu))
            assert o.json is not None and o.cpu is not None
            with open(o.json, "w") as f:
                json.dump(doc(per_model[o.cpu]), f)
            return 1 if "FAIL" in per_model[o.cpu].values() else 0

        with tempfile.TemporaryDirectory() as d:
            out = io.StringIO()
            args = replace(options("--cpu-matrix", "max qemu64"), arch="x86_64")
            status, runs = matrix.run(args, ["x86_64"], d, run_one, out)
            self.assertEqual(status, 1)
            self.assertEqual(seen, [("x86_64", "max"), ("x86_64", "qemu64")])
            self.assertEqual([os.path.basename(r.json_path) for r in runs],
                             ["x86_64-max.json", "x86_64-qemu64.json"])
        text = out.getvalue()
        self.assertIn("[2] qemu64", text)
        self.assertIn("1 FAIL, 1 SKIP; unexpected 1", text)
        self.assertRegex(text, r"x86_64/msr +PASS +FAIL")
        self.assertIn("2 of 2 tests and cases differ", text)

    def test_interrupt_stops_the_matrix(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            status, runs = matrix.run(replace(options("--cpu-matrix"), arch="x86_64"), ["x86_64"], d,
                                      lambda o: 130, io.StringIO())
        self.assertEqual((status, len(runs)), (130, 1))

    def test_model_names_become_file_names(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            _, runs = matrix.run(replace(options("--cpu-matrix", "qemu64,+svm,vendor=GenuineIntel"),
                                         arch="x86_64"), ["x86_64"], d, lambda o: 0, io.StringIO())
        self.assertEqual(os.path.basename(runs[0].json_path), "x86_64-qemu64_+svm_vendor_GenuineIntel.json")


if __name__ == "__main__":
    unittest.main()
