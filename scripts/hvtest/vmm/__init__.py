# SPDX-License-Identifier: GPL-2.0-only
"""VMM adapters: turn (entry, arch, accel) into a command line.

Each adapter module exposes ADAPTER (vmm/base.py: Adapter): `name`,
`supports(arch)`, `binary_name(arch)`, `prepare(LaunchRequest) -> Launch`
and `version(path)`; ADAPTERS below has one per registry.VMMS.
"""
from __future__ import annotations

import os
import shutil

from .arches import ARCH_TABLE
from .base import Adapter, Launch, LaunchError, LaunchRequest
from .bochs import ADAPTER as BOCHS
from .qemu import ADAPTER as QEMU

__all__ = ["Adapter", "Launch", "LaunchError", "LaunchRequest", "get", "image_path",
           "env_var", "env_override_error", "resolve_binary"]

ADAPTERS: dict[str, Adapter] = {"qemu": QEMU, "bochs": BOCHS}


def get(name: str) -> Adapter:
    return ADAPTERS[name]


def image_path(build_dir: str, arch: str, file: str) -> str:
    return os.path.join(build_dir, arch, ARCH_TABLE[arch].image.format(file=file))


def env_var(vmm: str, arch: str | None = None) -> str:
    """The binary override variable: HVTEST_QEMU_ARM64 per arch, HVTEST_QEMU for any."""
    return f"HVTEST_{vmm.upper()}" + (f"_{arch.upper()}" if arch else "")


# kvm-unit-tests' name for the plain QEMU override (docs/kvm-unit-tests.md).
KUT_ENV = {"qemu": "QEMU"}


def plain_env(vmm: str) -> tuple[str, str] | None:
    """(variable, value) of the one-binary override for VMM: HVTEST_<VMM>, else QEMU=."""
    for var in (env_var(vmm), KUT_ENV.get(vmm)):
        if var and os.environ.get(var):
            return var, os.environ[var]
    return None


def env_override_error(vmm: str, arches: list[str]) -> str | None:
    """Why the plain HVTEST_<VMM> cannot be used for `arches` (the selected ones), or None.

    One binary cannot boot guests of two arches, so the plain variable is
    honoured only when exactly one selected arch runs under this VMM.
    """
    found = plain_env(vmm)
    if found is None:
        return None
    plain = found[0]
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
    HVTEST_<VMM>_<ARCH>, HVTEST_<VMM> or QEMU= (env_override_error() keeps
    those to one arch), then the binary name on PATH.
    """
    ad = get(vmm)
    name = ad.binary_name(arch)
    plain = plain_env(vmm)
    want = (overrides.get(name) or overrides.get(vmm) or os.environ.get(env_var(vmm, arch))
            or (plain[1] if plain else None) or name)
    if os.sep in want:
        return (want if os.access(want, os.X_OK) and os.path.isfile(want) else None), want
    return shutil.which(want), want
