# SPDX-License-Identifier: GPL-2.0-only
"""QEMU adapter (all arches; arch data in arches.py)."""
from __future__ import annotations

import os
import re

from .base import Launch, LaunchError, LaunchRequest, run_version
from .arches import ARCH_TABLE, FIRMWARE_DIRS
from .. import cpumodel


def _find_firmware(name: str) -> str | None:
    for d in FIRMWARE_DIRS:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return None


def _debug_exit_check(status: int | None, code: int, stderr: list[str]) -> str | None:
    if code == 0:
        return "VMM exit status 0: guest reset or triple fault (-no-reboot), not the exit device"
    if status is None:
        return None
    want = (status << 1) | 1
    if code != want:
        return (f"VMM exit status {code} does not match end marker status={status} "
                f"(expected {want})")
    return None


def _poweroff_check(status: int | None, code: int, stderr: list[str]) -> str | None:
    if code != 0:
        return f"VMM exit status {code} (expected 0 after power-off)"
    return None


class QemuAdapter:
    name = "qemu"

    def supports(self, arch: str) -> bool:
        return arch in ARCH_TABLE

    def binary_name(self, arch: str) -> str:
        return ARCH_TABLE[arch].qemu_binary

    def default_cpu(self, arch: str, accel: str) -> str | None:
        return ARCH_TABLE[arch].qemu_cpu.get(accel)

    def prepare(self, req: LaunchRequest) -> Launch:
        info = ARCH_TABLE[req.arch]
        e = req.entry
        machine = e.machine or info.qemu_machine
        argv = [req.binary, "-machine", f"{machine},accel={req.accel}"]
        cpu = e.cpu or req.default_cpu or self.default_cpu(req.arch, req.accel)
        if cpu:
            argv += ["-cpu", cpu]
        argv += ["-smp", str(e.smp), "-m", str(info.memory_mb),
                 "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"]
        argv += list(info.qemu_args)
        if info.firmware:
            fw = info.firmware.get(e.firmware or "qboot")
            if fw is not None:
                path = _find_firmware(fw)
                if path is None:
                    raise LaunchError(f"firmware {fw} not found in {', '.join(FIRMWARE_DIRS)}")
                argv += ["-bios", path]
        if info.boot_rom:
            rom = os.path.join(os.path.dirname(req.image), info.boot_rom)
            if not os.path.isfile(rom):
                raise LaunchError(f"boot ROM {rom} not found (run make)")
            argv += ["-bios", rom]
        guest_args = req.guest_args
        if req.arch == "x86_64" and cpumodel.REQUEST in guest_args.split():
            try:
                guest_args = cpumodel.expand_guest_args(
                    guest_args, req.binary, self.version(req.binary), req.accel,
                    cpu or "", req.cache_dir)
            except cpumodel.ModelError as err:
                raise LaunchError(str(err)) from err
        argv += ["-kernel", req.image, "-append", guest_args]
        argv += list(e.extra_params)
        check = _debug_exit_check if info.exit_mode == "debug-exit" else _poweroff_check
        return Launch(argv=argv, exit_check=check, cpu_model=cpu or "")

    def version(self, binary: str) -> str:
        out = run_version([binary, "--version"])
        m = re.search(r"version\s+(\S+)", out)
        return m.group(1).rstrip(",") if m else out.strip().splitlines()[0] if out.strip() else "unknown"


ADAPTER = QemuAdapter()
