# SPDX-License-Identifier: GPL-2.0-only
"""Per-architecture data for the VMM adapters (tables only, no logic)."""
from __future__ import annotations

from dataclasses import dataclass

MEMORY_MB = 128


@dataclass(frozen=True)
class ArchInfo:
    image: str                  # guest image under build/<arch>/, {file} = cfg `file`
    qemu_binary: str
    qemu_machine: str           # default -machine type
    qemu_cpu: dict[str, str | None]   # accel -> default -cpu (None: VMM default)
    qemu_args: tuple[str, ...]  # fixed extra arguments (exit device, console)
    exit_mode: str              # "debug-exit": code (status<<1)|1; "poweroff": code 0
    firmware: dict[str, str | None]   # cfg firmware -> -bios candidate list key
    memory_mb: int = MEMORY_MB  # -m
    boot_rom: str | None = None  # -bios file built next to the image (build/<arch>/)


ARCH_TABLE: dict[str, ArchInfo] = {
    "x86_64": ArchInfo(
        image="{file}.elf",
        qemu_binary="qemu-system-x86_64",
        qemu_machine="pc",
        qemu_cpu={"tcg": "max", "kvm": "host"},
        qemu_args=("-serial", "stdio",
                   "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4"),
        exit_mode="debug-exit",
        firmware={"qboot": "qboot.rom", "seabios": None},
    ),
    "arm64": ArchInfo(
        image="{file}.img",
        qemu_binary="qemu-system-aarch64",
        qemu_machine="virt",
        qemu_cpu={"tcg": "max", "kvm": "host"},
        qemu_args=("-serial", "stdio"),
        exit_mode="poweroff",        # PSCI SYSTEM_OFF
        firmware={},
    ),
    "ppc64le": ArchInfo(
        image="{file}.elf",
        qemu_binary="qemu-system-ppc64",
        qemu_machine="pseries",
        qemu_cpu={"tcg": None, "kvm": "host"},
        qemu_args=("-serial", "stdio"),   # spapr-vty on pseries
        exit_mode="poweroff",        # RTAS power-off
        firmware={},
        memory_mb=256,               # pseries wants memory in 256 MiB blocks
        # SLOF hands a -kernel ELF no flat device tree: a one-instruction ROM
        # of ours enters it with r3 = QEMU's device tree instead.
        boot_rom="boot_rom.bin",
    ),
    "s390x": ArchInfo(
        image="{file}.elf",
        qemu_binary="qemu-system-s390x",
        qemu_machine="s390-ccw-virtio",
        qemu_cpu={"tcg": "max", "kvm": "host"},
        # SCLP console; a guest left in a disabled wait exits 1, not 0 (QEMU >= 6.0).
        qemu_args=("-serial", "stdio", "-action", "panic=exit-failure"),
        exit_mode="poweroff",
        firmware={},
    ),
}

# Where distributions install firmware blobs named in ArchInfo.firmware.
FIRMWARE_DIRS = ("/usr/share/qemu", "/usr/share/qemu-firmware", "/usr/local/share/qemu",
                 "/usr/share/seabios")

