# SPDX-License-Identifier: GPL-2.0-only
"""Benchmark figures: the guests' `bench:` YAML blocks (lib/bench.h,
docs/performance.md) collected into a JSON file (--bench-json FILE), and
two such files compared (--compare A.json B.json prints B/A ratios).
"""
from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

from .model import TestResult

FORMAT = "hvtest-bench-1"
# Figures of a bench block, as integers (counter ticks, or ns for *_ns).
FIGURES = ("clock_khz", "samples", "warmup", "overhead", "min", "p10", "median",
           "p90", "p99", "max", "median_ns", "p10_ns", "p90_ns", "p99_ns")


def _record(r: TestResult, case: str, diag: dict[str, str]) -> dict[str, Any] | None:
    if "bench" not in diag or "name" not in diag:
        return None
    rec: dict[str, Any] = {"test": r.name, "case": case, "arch": r.arch, "vmm": r.vmm,
                           "accel": r.accel, "cpu_model": r.cpu_model,
                           "name": diag["name"], "clock": diag.get("clock", "")}
    for key in FIGURES:
        value = diag.get(key, "")
        if not value.isdigit():
            return None
        rec[key] = int(value)
    return rec


def collect(results: Iterable[TestResult]) -> list[dict[str, Any]]:
    """Every bench block of RESULTS, in run order."""
    out: list[dict[str, Any]] = []
    for r in results:
        for c in r.cases:
            for a in c.assertions:
                rec = _record(r, c.name, a.diag)
                if rec is not None:
                    out.append(rec)
    return out


def document(records: list[dict[str, Any]], manifest: dict[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT, "manifest": manifest, "benchmarks": records}


def write(path: str, records: list[dict[str, Any]], manifest: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document(records, manifest), f, indent=1)
        f.write("\n")


def is_bench_file(path: str) -> bool:
    """True for a --bench-json file (the --compare of verdict reports takes the others)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file (--bench-json)")
    records = doc.get("benchmarks")
    if not isinstance(records, list):
        raise ValueError(f"{path}: no benchmarks list")
    return [r for r in records if isinstance(r, dict)]


def _key(rec: dict[str, Any]) -> tuple[str, str]:
    return (str(rec.get("arch", "")), str(rec.get("name", "")))


def _label(path: str, records: list[dict[str, Any]]) -> str:
    accels = sorted({str(r.get("accel", "")) for r in records})
    return f"{path} ({'/'.join(accels) or '?'})"


def _ratio(a: int, b: int) -> str:
    return f"{b / a:.2f}x" if a else "-"


def compare(paths: list[str], out: TextIO) -> int:
    """Median ns of each benchmark in two files and their ratio (second / first)."""
    if len(paths) != 2:
        print("hvtest: --compare of bench files takes exactly two", file=out)
        return 2
    try:
        a_recs, b_recs = load(paths[0]), load(paths[1])
    except (OSError, ValueError) as exc:
        print(f"hvtest: {exc}", file=out)
        return 2
    a = {_key(r): r for r in a_recs}
    b = {_key(r): r for r in b_recs}
    print(f"A: {_label(paths[0], a_recs)}", file=out)
    print(f"B: {_label(paths[1], b_recs)}", file=out)
    head = f"{'arch':<8} {'benchmark':<24} {'A median ns':>12} {'B median ns':>12} {'B/A':>8}" \
           f" {'A p99 ns':>10} {'B p99 ns':>10}"
    print(head, file=out)
    print("-" * len(head), file=out)
    for key in sorted(set(a) | set(b)):
        ra, rb = a.get(key), b.get(key)
        am = int(ra["median_ns"]) if ra else None
        bm = int(rb["median_ns"]) if rb else None
        ratio = _ratio(am, bm) if am is not None and bm is not None else "-"
        cells = [str(v) if v is not None else "-" for v in (am, bm)]
        p99 = [str(int(r["p99_ns"])) if r else "-" for r in (ra, rb)]
        print(f"{key[0]:<8} {key[1]:<24} {cells[0]:>12} {cells[1]:>12} {ratio:>8}"
              f" {p99[0]:>10} {p99[1]:>10}", file=out)
    return 0
