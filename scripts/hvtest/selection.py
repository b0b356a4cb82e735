# SPDX-License-Identifier: GPL-2.0-only
"""Which (entry, arch) pairs a run covers, and whether each can run."""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from .cfg import Config, Entry
from .registry import ARCHES


class SelectError(Exception):
    """Usage error (exit status 2)."""


@dataclass
class Planned:
    entry: Entry
    arch: str
    vmm: str
    accel: str
    iteration: int = 1
    test_id: str = ""
    image: str = ""
    binary: str | None = None
    skip: str | None = None       # reported as SKIP without running
    error: str | None = None      # reported as ERROR without running
    notes: list[str] = field(default_factory=list)   # how the run differs from the cfg entry

    @property
    def runnable(self) -> bool:
        return self.skip is None and self.error is None


def built_arches(build_dir: str) -> list[str]:
    return [a for a in ARCHES if os.path.isdir(os.path.join(build_dir, a))]


def parse_arches(spec: str | None, build_dir: str) -> list[str]:
    if spec is None:
        return built_arches(build_dir)
    if spec == "all":
        return list(ARCHES)
    out: list[str] = []
    for a in spec.split(","):
        a = a.strip()
        if a not in ARCHES:
            raise SelectError(f"--arch: unknown arch '{a}' (expected {', '.join(ARCHES)} or all)")
        if a not in out:
            out.append(a)
    return out


def select(cfg: Config, names: list[str], groups: list[str], arches: list[str],
           with_nodefault: bool = False) -> list[tuple[Entry, str]]:
    """Entries chosen by names/globs AND groups, expanded over arches, in cfg order.

    nodefault entries only when named, when their group is asked for, or
    WITH_NODEFAULT (-a)."""
    wanted_groups: list[str] = []
    for g in groups:
        for part in g.split(","):
            part = part.strip()
            if part not in cfg.groups:
                raise SelectError(f"-g: group '{part}' is not declared in {cfg.path}")
            wanted_groups.append(part)
    exact = {n for n in names if cfg.entry(n) is not None}
    for n in names:
        if n not in exact and not any(fnmatch.fnmatchcase(e.name, n) for e in cfg.entries):
            raise SelectError(f"no test in {cfg.path} matches '{n}'")
    chosen: list[Entry] = []
    for e in cfg.entries:
        if names and not (e.name in exact or any(fnmatch.fnmatchcase(e.name, n) for n in names)):
            continue
        if wanted_groups and not any(g in e.groups for g in wanted_groups):
            continue
        if "nodefault" in e.groups and e.name not in exact and "nodefault" not in wanted_groups \
                and not with_nodefault:
            continue
        chosen.append(e)
    return [(e, a) for e in chosen for a in arches if a in e.arch]


def shard(items: list[tuple[Entry, str]], spec: str | None) -> list[tuple[Entry, str]]:
    """--shard K/N (1 <= K <= N): round-robin over the ordered selection."""
    if spec is None:
        return items
    try:
        k_s, n_s = spec.split("/")
        k, n = int(k_s), int(n_s)
    except ValueError:
        raise SelectError(f"--shard: expected K/N, got '{spec}'") from None
    if n < 1 or not 1 <= k <= n:
        raise SelectError(f"--shard: need 1 <= K <= N, got '{spec}'")
    return [it for i, it in enumerate(items) if i % n == k - 1]


def test_id(name: str, arch: str, iteration: int, multi_arch: bool, repeat: int) -> str:
    tid = f"{arch}/{name}" if multi_arch else name
    return f"{tid}#{iteration}" if repeat > 1 else tid
