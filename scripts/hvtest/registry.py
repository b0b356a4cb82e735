# SPDX-License-Identifier: GPL-2.0-only
"""The one list of guest arches, VMMs and accelerators the runner knows
(docs/porting.md maps each arch to its directories).  The cfg schema, the
command line, accelerator detection and the VMM adapters all read it."""
from __future__ import annotations

# Guest arches, in the order runs and reports list them.
ARCHES = ("x86_64", "arm64", "ppc64le", "s390x")

# `uname -m` of a host -> the guest arch KVM can run there.
HOST_MACHINES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64", "arm64": "arm64",
                 "ppc64le": "ppc64le", "s390x": "s390x"}

VMMS = ("qemu", "bochs")

# VMMs that always emulate: their accelerator is reported as tcg.
EMULATORS = ("bochs",)

ACCELS = ("kvm", "tcg")

# --cpu-matrix: the CPU models each arch's default set is verified under
# (docs/cpu-models.md). The first is the accelerator default's stand-in
# (max); under TCG every one of them must start. s390x: QEMU 7.2 TCG
# refuses every named model newer than z900/z800 (features TCG lacks).
CPU_MATRIX = {
    "x86_64": ("max", "qemu64", "Icelake-Server", "EPYC-Milan"),
    "arm64": ("max", "cortex-a57", "neoverse-n1"),
    "ppc64le": ("power9", "power10", "power8"),
    "s390x": ("max", "qemu", "z900"),
}
