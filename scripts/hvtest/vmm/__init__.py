"""VMM adapters: turn (entry, arch, accel) into a command line.

Each adapter module exposes ADAPTER, an object with `name`, `supports(arch)`,
`binary_name(arch)`, `prepare(LaunchRequest) -> Launch` and `version(path)`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Callable, Protocol

from ..cfg import Entry

# (end-marker status or None, VMM exit code, VMM stderr lines) -> crash reason or None
ExitCheck = Callable[[int | None, int, list[str]], "str | None"]


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


class Adapter(Protocol):
    name: str

    def supports(self, arch: str) -> bool: ...

    def binary_name(self, arch: str) -> str: ...

    def prepare(self, req: LaunchRequest) -> Launch: ...

    def version(self, binary: str) -> str: ...


def get(name: str) -> Adapter:
    if name == "qemu":
        from .qemu import ADAPTER as q
        return q
    if name == "bochs":
        from .bochs import ADAPTER as b
        return b
    raise KeyError(name)


def image_path(build_dir: str, arch: str, file: str) -> str:
    from .arches import ARCH_TABLE
    return os.path.join(build_dir, arch, ARCH_TABLE[arch].image.format(file=file))


def env_var(vmm: str, arch: str | None = None) -> str:
    """The binary override variable: HVTEST_QEMU_ARM64 per arch, HVTEST_QEMU for any."""
    return f"HVTEST_{vmm.upper()}" + (f"_{arch.upper()}" if arch else "")


def env_override_error(vmm: str, arches: list[str]) -> str | None:
    """Why the plain HVTEST_<VMM> cannot be used for `arches` (the selected ones), or None.

    One binary cannot boot guests of two arches, so the plain variable is
    honoured only when exactly one selected arch runs under this VMM.
    """
    plain = env_var(vmm)
    if not os.environ.get(plain):
        return None
    ad = get(vmm)
    usable = [a for a in arches if ad.supports(a)]
    if len(usable) <= 1:
        return None
    per_arch = ", ".join(f"{env_var(vmm, a)}=PATH" for a in usable)
    return (f"{plain} names one binary but {len(usable)} arches are selected "
            f"({', '.join(usable)}): set {per_arch} instead, or select one arch with --arch")


def resolve_binary(vmm: str, arch: str, overrides: dict[str, str]) -> tuple[str | None, str]:
    """(path or None, name) for the VMM binary.

    First match wins: --vmm-binary BINARY-NAME=, --vmm-binary VMM=,
    HVTEST_<VMM>_<ARCH>, HVTEST_<VMM> (env_override_error() keeps it to one
    arch), then the binary name on PATH.
    """
    ad = get(vmm)
    name = ad.binary_name(arch)
    want = (overrides.get(name) or overrides.get(vmm) or os.environ.get(env_var(vmm, arch))
            or os.environ.get(env_var(vmm)) or name)
    if os.sep in want:
        return (want if os.access(want, os.X_OK) and os.path.isfile(want) else None), want
    return shutil.which(want), want


def run_version(argv: list[str]) -> str:
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=10, text=True, errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (p.stdout + p.stderr)
