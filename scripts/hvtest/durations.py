# SPDX-License-Identifier: GPL-2.0-only
"""Slowest first: each run remembers how long every test took (logs/durations.json)
and the next run starts the tests it knows to be slow first, so that a long
test does not start last and leave the other job slots idle. Results are
still reported in cfg order; `--order cfg` keeps the cfg order for starting
too. Unknown tests start first: they may be slow."""
from __future__ import annotations

import json
import os
import tempfile
from typing import Iterable

from .model import TestResult, Verdict
from .selection import Planned

FILE = "durations.json"


def key(vmm: str, accel: str, arch: str, name: str) -> str:
    return f"{vmm}/{accel}/{arch}/{name}"


def load(log_dir: str) -> dict[str, float]:
    """The remembered durations; {} when there are none or they cannot be read."""
    try:
        with open(os.path.join(log_dir, FILE)) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))}


def order(items: list[Planned], known: dict[str, float], slots: int) -> list[Planned]:
    """ITEMS to start: what will not run first (it is over at once), then the
    tests without a remembered duration, then the rest: those that take more
    of the SLOTS job slots first (a test that needs every slot waits at the
    head of the queue until all are free, so it goes before the slots fill),
    the slowest first among equals."""
    def rank(p: Planned) -> tuple[int, int, float]:
        if not p.runnable:
            return (0, 0, 0.0)
        d = known.get(key(p.vmm, p.accel, p.arch, p.entry.name))
        if d is None:
            return (1, 0, 0.0)
        return (2, -min(max(1, p.entry.smp), max(1, slots)), -d)
    return sorted(items, key=rank)


def update(log_dir: str, results: Iterable[TestResult]) -> None:
    """Remembers the durations of the tests that ran (not SKIP or ERROR)."""
    known = load(log_dir)
    for r in results:
        if r.verdict in (Verdict.SKIP, Verdict.ERROR) or r.end <= r.start:
            continue
        known[key(r.vmm, r.accel, r.arch, r.name)] = round(r.end - r.start, 3)
    try:
        fd, tmp = tempfile.mkstemp(dir=log_dir, prefix=".durations-")
    except OSError:
        return      # a cache: a run does not fail for it
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(known, f, indent=0, sort_keys=True)
        os.replace(tmp, os.path.join(log_dir, FILE))
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
