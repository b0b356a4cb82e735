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
