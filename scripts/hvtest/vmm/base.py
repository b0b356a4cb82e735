# SPDX-License-Identifier: GPL-2.0-only
"""What every VMM adapter takes and returns (vmm/__init__.py lists the adapters)."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from typing import Protocol

from ..cfg import Entry
from ..verdict import ExitCheck


class LaunchError(Exception):
    """The test cannot be launched (missing binary, image, firmware): ERROR."""


@dataclass
class LaunchRequest:
    entry: Entry
    arch: str
    accel: str
    binary: str                 # resolved VMM path
    image: str                  # guest binary path
    guest_args: str
    work_dir: str               # per-run scratch directory (logs/<run-id>)
    test_id: str
    cache_dir: str              # persistent cache (build/.cache)
    default_cpu: str | None = None   # --cpu: replaces the per-accel default


@dataclass
class Launch:
    argv: list[str]
    console_file: str | None = None     # console is this file instead of stdout
    env: dict[str, str] | None = None
    exit_check: ExitCheck | None = None
    notes: list[str] = field(default_factory=list)
    cpu_model: str = ""                 # the guest CPU model asked for ("" = VMM default)


class Adapter(Protocol):
    name: str

    def supports(self, arch: str) -> bool: ...

    def binary_name(self, arch: str) -> str: ...

    def prepare(self, req: LaunchRequest) -> Launch: ...

    def version(self, binary: str) -> str: ...

    def default_cpu(self, arch: str, accel: str) -> str | None: ...


def run_version(argv: list[str]) -> str:
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=10, text=True, errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (p.stdout + p.stderr)
