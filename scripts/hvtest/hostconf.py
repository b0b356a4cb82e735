# SPDX-License-Identifier: GPL-2.0-only
"""Host configuration: what a verdict is true of (docs/results.md).

One per (vmm, accel, arch) of a run: the VMM and its version, the
accelerator and guest arch, and, because a KVM verdict depends on the host,
the host CPU (vendor, family, model, stepping, name, microcode), kernel
release and KVM vendor module.  Its facts are what expectation gates and
@verified-on baselines are evaluated against.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from . import manifest
from .accel import host_arch


@dataclass(frozen=True)
class HostConfig:
    vmm: str
    vmm_version: str
    accel: str
    arch: str
    host_arch: str
    kernel: str
    vendor: str
    cpu_model: str
    family: str
    model: str
    stepping: str
    microcode: str
    kvm_module: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.vmm, self.accel, self.arch)

    @property
    def host_dependent(self) -> bool:
        """KVM verdicts depend on the host CPU, kernel and module; TCG and Bochs on the VMM."""
        return self.accel == "kvm"

    def facts(self) -> dict[str, list[str]]:
        return {"vmm": [self.vmm_version], "kernel": [self.kernel], "vendor": [self.vendor],
                "cpu-model": [self.cpu_model], "family": [self.family], "model": [self.model],
                "stepping": [self.stepping], "microcode": [self.microcode],
                "kvm-module": [m for m in self.kvm_module.split(", ") if m]}

    def gates(self) -> str:
        """The gates that pin an item to this configuration (for drafts and @verified-on)."""
        out = [f"vmm=={self.vmm_version}"] if self.vmm_version[:1].isdigit() else []
        if self.host_dependent:
            out = [f"vendor={self.vendor}", f"family={self.family}", f"model={self.model}",
                   f"kernel={self.kernel}", f"kvm-module={self.kvm_module}", *out]
        return ", ".join(out)

    def describe(self) -> str:
        what = f"{self.vmm} {self.vmm_version}, {self.accel}, {self.arch} guest"
        if not self.host_dependent:
            return what
        return (f"{what} on {self.vendor} family {self.family} model {self.model} "
                f"stepping {self.stepping} ({self.cpu_model}), microcode {self.microcode or '?'}, "
                f"kernel {self.kernel}, {self.kvm_module}")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def collect(vmm: str, vmm_version: str, accel: str, arch: str) -> HostConfig:
    cpu = manifest.cpu_info()
    return HostConfig(vmm=vmm, vmm_version=vmm_version, accel=accel, arch=arch,
                      host_arch=host_arch(), kernel=os.uname().release, vendor=cpu["vendor"],
                      cpu_model=cpu["model"], family=cpu["family"], model=cpu["model_number"],
                      stepping=cpu["stepping"], microcode=cpu["microcode"],
                      kvm_module=manifest.vendor_module(manifest.kvm_modules()))
