# SPDX-License-Identifier: GPL-2.0-only
"""--cpu-matrix: the selection once per CPU model, then one verdict matrix.

Each model is a complete run of its own (header, results, expectations
judged with that model as the configuration's guest CPU, run directory)
whose JSON report goes into the matrix directory as <arch>-<model>.json;
the matrix printed at the end is the --compare view of those reports with
each model's wall time and verdict counts (docs/cpu-models.md).
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, replace
from typing import Callable, TextIO

from . import triage
from .cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, Options
from .registry import CPU_MATRIX


# Report options a matrix cannot honour as one file per run.
_SINGLE_RUN_REPORTS = ("tap", "junit", "json", "write_expectations")


class MatrixError(Exception):
    """A --cpu-matrix request that cannot run (bad model list, bad options)."""


@dataclass
class ModelRun:
    arch: str
    model: str
    json_path: str
    status: int
    seconds: float


def model_list(text: str, arches: list[str]) -> dict[str, tuple[str, ...]]:
    """The models per arch: TEXT empty means CPU_MATRIX; else space-separated
    models (QEMU's -cpu syntax, commas included) for the one arch selected."""
    if not text.strip():
        return {a: CPU_MATRIX[a] for a in arches}
    if len(arches) != 1:
        raise MatrixError("--cpu-matrix MODELS: select exactly one arch with --arch "
                          "(each arch has its own models)")
    models = tuple(dict.fromkeys(text.split()))
    return {arches[0]: models}


def check_options(args: Options) -> None:
    if args.cpu is not None:
        raise MatrixError("--cpu-matrix runs every model of the matrix: drop --cpu")
    for name in _SINGLE_RUN_REPORTS:
        if getattr(args, name):
            flag = "--" + name.replace("_", "-")
            raise MatrixError(f"{flag} with --cpu-matrix: each model's JSON report is "
                              "written to the matrix directory; run one model with "
                              f"--cpu MODEL {flag} FILE for the others")


def _file_name(arch: str, model: str) -> str:
    return f"{arch}-{re.sub(r'[^A-Za-z0-9_.+-]', '_', model)}.json"


def run(args: Options, arches: list[str], matrix_dir: str,
        run_one: Callable[[Options], int], out: TextIO) -> tuple[int, list[ModelRun]]:
    """Runs every (arch, model) with RUN_ONE, then prints the matrix. Exit
    status: the worst of the runs (2 over 1 over 0); 130 when interrupted."""
    check_options(args)
    per_arch = model_list(args.cpu_matrix or "", arches)
    os.makedirs(matrix_dir, exist_ok=True)
    runs: list[ModelRun] = []
    total = sum(len(m) for m in per_arch.values())
    interrupted = False
    for arch, models in per_arch.items():
        for model in models:
            path = os.path.join(matrix_dir, _file_name(arch, model))
            print(f"== cpu-matrix {len(runs) + 1}/{total}: {arch} -cpu {model}", file=out, flush=True)
            t0 = time.monotonic()
            status = run_one(replace(args, arch=arch, cpu=model, json=path, cpu_matrix=None,
                                     html=None))
            runs.append(ModelRun(arch, model, path, status, time.monotonic() - t0))
            if status == EXIT_INTERRUPTED:
                interrupted = True
                break
        if interrupted:
            break
    print_matrix(runs, out)
    if interrupted:
        return EXIT_INTERRUPTED, runs
    return max((EXIT_USAGE if r.status == EXIT_USAGE else min(r.status, EXIT_UNEXPECTED)
                for r in runs), default=EXIT_OK), runs


def _counts(path: str) -> str:
    try:
        doc = triage.load(path)
    except triage.CompareError as exc:
        return f"no report ({exc})"
    s = doc.get("summary") or {}
    counts = s.get("counts") or {}
    text = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
    return f"{s.get('tests', 0)} tests: {text or 'none'}; unexpected {s.get('unexpected', 0)}"


def print_matrix(runs: list[ModelRun], out: TextIO) -> None:
    """Per arch: one line per model (wall time, counts), then the rows whose
    verdicts differ between models (the --compare view)."""
    print("\nCPU model matrix", file=out)
    for arch in dict.fromkeys(r.arch for r in runs):
        mine = [r for r in runs if r.arch == arch]
        print(f"{arch}:", file=out)
        for i, r in enumerate(mine, 1):
            print(f"  [{i}] {r.model:<20} {r.seconds:7.1f} s  {_counts(r.json_path)}", file=out)
        docs = []
        for r in mine:
            try:
                docs.append(triage.load(r.json_path))
            except triage.CompareError:
                docs.append({"tests": []})
        rows = triage.table(docs)
        differ = [(k, vs) for k, vs in rows if len(set(vs)) > 1]
        if len(mine) < 2:
            continue
        if not differ:
            print(f"  no verdict differs between the models ({len(rows)} tests and cases)", file=out)
            continue
        w = max(len(k) for k, _ in differ)
        cw = max(8, *(len(v) for _, vs in differ for v in vs))
        print("  " + f"{'test/case':<{w}}  " + "  ".join(f"[{i}]".ljust(cw) for i in range(1, len(mine) + 1)),
              file=out)
        for k, vs in differ:
            print("  " + f"{k:<{w}}  " + "  ".join(v.ljust(cw) for v in vs), file=out)
        print(f"  {len(differ)} of {len(rows)} tests and cases differ between the models", file=out)
    print(f"reports: {os.path.dirname(runs[0].json_path) if runs else '-'}", file=out)

