# SPDX-License-Identifier: GPL-2.0-only
"""Accelerator choice: KVM when usable for the guest arch on this host, else TCG."""
from __future__ import annotations

import fcntl
import os
import platform
from dataclasses import dataclass

from .registry import EMULATORS, HOST_MACHINES

KVM_GET_API_VERSION = 0xAE00
KVM_CREATE_VM = 0xAE01
KVM_API_VERSION = 12


def host_arch() -> str:
    m = platform.machine()
    return HOST_MACHINES.get(m, m)


@dataclass(frozen=True)
class KvmProbe:
    usable: bool
    why: str


_probe_cache: KvmProbe | None = None


def probe_kvm(dev: str = "/dev/kvm") -> KvmProbe:
    """Open /dev/kvm, check the API version and create (and drop) a VM."""
    global _probe_cache
    if _probe_cache is not None and dev == "/dev/kvm":
        return _probe_cache
    try:
        fd = os.open(dev, os.O_RDWR | os.O_CLOEXEC)
    except OSError as exc:
        res = KvmProbe(False, f"cannot open {dev}: {exc.strerror}")
    else:
        try:
            api = fcntl.ioctl(fd, KVM_GET_API_VERSION)
            if api != KVM_API_VERSION:
                res = KvmProbe(False, f"{dev}: KVM API version {api}, need {KVM_API_VERSION}")
            else:
                vm = fcntl.ioctl(fd, KVM_CREATE_VM, 0)
                os.close(vm)
                res = KvmProbe(True, f"{dev}: API {api}, VM created")
        except OSError as exc:
            res = KvmProbe(False, f"{dev}: ioctl failed: {exc.strerror}")
        finally:
            os.close(fd)
    if dev == "/dev/kvm":
        _probe_cache = res
    return res


@dataclass(frozen=True)
class AccelChoice:
    accel: str            # "kvm" or "tcg"
    why: str
    error: str | None = None   # set when --accel kvm was forced but KVM is unusable


def choose(requested: str, guest_arch: str, vmm: str, probe: KvmProbe | None = None) -> AccelChoice:
    """requested is kvm, tcg or auto."""
    if vmm in EMULATORS:
        return AccelChoice("tcg", f"{vmm} is a software emulator (counts as tcg)")
    if requested == "tcg":
        return AccelChoice("tcg", "requested with --accel tcg")
    harch = host_arch()
    if guest_arch != harch:
        why = f"guest arch {guest_arch} differs from host arch {harch}"
        if requested == "kvm":
            return AccelChoice("kvm", why, error=f"--accel kvm: {why}")
        return AccelChoice("tcg", why)
    p = probe if probe is not None else probe_kvm()
    if p.usable:
        return AccelChoice("kvm", p.why + (f"; guest arch {guest_arch} = host" if requested == "auto" else "; requested"))
    if requested == "kvm":
        return AccelChoice("kvm", p.why, error=f"--accel kvm: KVM unusable ({p.why})")
    return AccelChoice("tcg", f"KVM unusable: {p.why}")


def main() -> int:
    """`python3 -m hvtest.accel`: exit 0 when KVM is usable for host-arch guests."""
    p = probe_kvm()
    print(f"{host_arch()}: KVM {'usable' if p.usable else 'not usable'} ({p.why})")
    return 0 if p.usable else 1


if __name__ == "__main__":
    raise SystemExit(main())
