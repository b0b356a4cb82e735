# SPDX-License-Identifier: GPL-2.0-only
"""Bochs adapter (x86_64 only): a boot disk image + generated bochsrc.

The guest ELF is booted by our loader (x86/boot/diskboot.S, built as
build/x86_64/diskboot.bin), the MBR of a flat disk image written here and
cached: the loader, a parameter block, then the guest's PT_LOAD segments
flattened from the lowest physical address. The loader enters the guest as
a multiboot (0.6.96) loader would. The console is COM1 written to a file
that the runner follows; the guest stops Bochs by writing `Shutdown` to
port 0x8900 (Bochs reports it as a panic and exits 1), and so does the
loader after a one-line message on COM1 when it cannot boot.
"""
from __future__ import annotations

import hashlib
import os
import re
import struct
import tempfile
from dataclasses import dataclass

from ..verdict import ExitCheck
from .base import Launch, LaunchError, LaunchRequest, run_version
from .arches import MEMORY_MB

ROM_CANDIDATES = ("/usr/share/bochs/BIOS-bochs-latest",)
VGAROM_CANDIDATES = ("/usr/share/vgabios/vgabios.bin", "/usr/share/bochs/VGABIOS-lgpl-latest")

# Bochs 2.7 CPU models (bochs --help cpu).
MODELS = frozenset("""bx_generic pentium pentium_mmx amd_k6_2_chomper p2_klamath p3_katmai
p4_willamette core_duo_t2400_yonah atom_n270 p4_prescott_celeron_336 athlon64_clawhammer
athlon64_venice turion64_tyler phenom_8650_toliman core2_penryn_t9600 corei5_lynnfield_750
corei5_arrandale_m520 corei7_sandy_bridge_2600k zambezi trinity_apu ryzen
corei7_ivy_bridge_3770k corei7_haswell_4770 broadwell_ult corei7_skylake_x corei3_cnl
corei7_icelake_u tigerlake""".split())
DEFAULT_MODEL = "corei7_skylake_x"    # 64-bit Intel model with VMX
SVM_MODEL = "ryzen"
SHUTDOWN_MSG = "Shutdown port: shutdown requested"
LOADER_MSG = b"hvtest diskboot: "        # its error line on COM1 (x86/boot/diskboot.S)


def _first(paths: tuple[str, ...], what: str) -> str:
    for p in paths:
        if os.path.isfile(p):
            return p
    raise LaunchError(f"{what} not found (looked in {', '.join(paths)}); install bochsbios/vgabios")


def cpu_model(cpu: str | None) -> str:
    """Map the cfg `cpu` value to a Bochs model (QEMU-style names are mapped)."""
    if not cpu:
        return DEFAULT_MODEL
    base, *features = cpu.split(",")
    if base in MODELS:
        return base
    if "+svm" in features or "svm=on" in features:
        return SVM_MODEL
    return DEFAULT_MODEL


SECTOR = 512
LOADER = "diskboot.bin"             # next to the guest image (mk/arch-x86_64.mk)
# The parameter block that follows the loader (x86/boot/diskboot.S, P_*):
# magic, load address, bytes on disk, bytes in memory, entry point, then
# the command line, NUL-terminated, to the block's end.
PARAM_MAGIC = 0x54425648            # "HVBT"
PARAM_SECTORS = 2
PARAM_HEADER = struct.Struct("<5I")
CMDLINE_MAX = PARAM_SECTORS * SECTOR - PARAM_HEADER.size - 1
LOW_LIMIT = 1 << 20                 # the loader places the guest above 1 MiB
# The disk's geometry, given in the bochsrc: 16 heads, 63 sectors per track
# and as many cylinders as the image holds. Bochs 2.7 infers the same from
# the size (logging an error line), rounding the cylinders down: an image
# under one cylinder does not boot. So the image is padded to whole
# cylinders.
HEADS = 16
SPT = 63
CYLINDER = HEADS * SPT * SECTOR

# ELF32 (System V ABI; Intel386 supplement): the header fields read here.
_ELF_IDENT = b"\x7fELF\x01\x01"      # ELFCLASS32, ELFDATA2LSB
_ELF_HEADER = struct.Struct("<16sHHIIIIIHHHHHH")
_PHDR = struct.Struct("<8I")
_ET_EXEC = 2
_EM_386 = 3
_PT_LOAD = 1


@dataclass(frozen=True)
class Kernel:
    """A guest flattened for the loader: DATA goes to LOAD, MEMSZ bytes in all."""
    load: int
    data: bytes
    memsz: int
    entry: int


def flatten_elf(blob: bytes, what: str = "guest image") -> Kernel:
    """The PT_LOAD segments of an ELF32 i386 executable as one block from the lowest one."""
    if len(blob) < _ELF_HEADER.size or not blob.startswith(_ELF_IDENT):
        raise LaunchError(f"{what} is not a 32-bit little-endian ELF file")
    (_, e_type, e_machine, _, e_entry, e_phoff, _, _, _, e_phentsize, e_phnum,
     _, _, _) = _ELF_HEADER.unpack_from(blob)
    if e_type != _ET_EXEC or e_machine != _EM_386:
        raise LaunchError(f"{what} is not an i386 executable ELF (type {e_type}, machine {e_machine})")
    if e_phentsize != _PHDR.size or e_phoff + e_phnum * _PHDR.size > len(blob):
        raise LaunchError(f"{what}: bad program header table")
    segs = []
    for i in range(e_phnum):
        p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, _, _ = \
            _PHDR.unpack_from(blob, e_phoff + i * _PHDR.size)
        if p_type != _PT_LOAD or p_memsz == 0:
            continue
        if p_filesz > p_memsz or p_offset + p_filesz > len(blob):
            raise LaunchError(f"{what}: PT_LOAD segment {i} lies outside the file")
        if p_paddr < LOW_LIMIT or p_paddr + p_memsz > 1 << 32:
            raise LaunchError(f"{what}: PT_LOAD segment {i} at {p_paddr:#x} is not "
                              "between 1 MiB and 4 GiB")
        segs.append((p_offset, p_vaddr, p_paddr, p_filesz, p_memsz))
    if not segs:
        raise LaunchError(f"{what} has no PT_LOAD segment")
    base = min(s[2] for s in segs)
    data = bytearray(max(s[2] + s[3] for s in segs) - base)
    for off, _, paddr, filesz, _ in segs:
        data[paddr - base:paddr - base + filesz] = blob[off:off + filesz]
    entry = next((e_entry - vaddr + paddr for _, vaddr, paddr, _, memsz in segs
                  if vaddr <= e_entry < vaddr + memsz), None)
    if entry is None:
        raise LaunchError(f"{what}: entry point {e_entry:#x} is in no PT_LOAD segment")
    return Kernel(base, bytes(data), max(s[2] + s[4] for s in segs) - base, entry)


def param_block(kernel: Kernel, cmdline: bytes) -> bytes:
    """The loader's parameter block (PARAM_SECTORS sectors)."""
    if b"\0" in cmdline:
        raise LaunchError("guest command line contains a NUL byte")
    if len(cmdline) > CMDLINE_MAX:
        raise LaunchError(f"guest command line is {len(cmdline)} bytes; "
                          f"the Bochs boot loader takes at most {CMDLINE_MAX}")
    head = PARAM_HEADER.pack(PARAM_MAGIC, kernel.load, len(kernel.data), kernel.memsz, kernel.entry)
    return (head + cmdline).ljust(PARAM_SECTORS * SECTOR, b"\0")


def disk_image(loader: bytes, kernel: Kernel, cmdline: bytes) -> bytes:
    """Loader, parameter block and guest, in whole cylinders."""
    if len(loader) % SECTOR or loader[510:512] != b"\x55\xaa":
        raise LaunchError(f"{LOADER} is not a boot loader of whole sectors with an MBR signature")
    disk = loader + param_block(kernel, cmdline) + kernel.data
    return disk.ljust(-(-len(disk) // CYLINDER) * CYLINDER, b"\0")


def guest_cmdline(file: str, args: str) -> bytes:
    """The multiboot command line: a path word first (the guest skips it), then ARGS."""
    return (f"/boot/{file}.elf" + (f" {args}" if args else "")).encode()


def build_disk(image: str, file: str, args: str, cache_dir: str) -> str:
    """Return a cached boot disk image for (image contents version, args, loader)."""
    loader_path = os.path.join(os.path.dirname(image), LOADER)
    try:
        with open(loader_path, "rb") as f:
            loader = f.read()
    except OSError as exc:
        raise LaunchError(f"Bochs boot loader {loader_path}: {exc.strerror} (`make` builds it)") from None
    try:
        st = os.stat(image)
    except OSError as exc:
        raise LaunchError(f"guest image {image}: {exc.strerror}") from None
    cmdline = guest_cmdline(file, args)
    key = hashlib.sha256(f"{os.path.abspath(image)}|{st.st_mtime_ns}|{st.st_size}|".encode()
                         + cmdline + b"|" + loader).hexdigest()[:16]
    disk_dir = os.path.join(cache_dir, "bochs-disk")
    disk = os.path.join(disk_dir, f"{file}-{key}.img")
    if os.path.isfile(disk):
        return disk
    with open(image, "rb") as f:
        kernel = flatten_elf(f.read(), f"guest image {image}")
    data = disk_image(loader, kernel, cmdline)
    os.makedirs(disk_dir, exist_ok=True)
    # Runs in parallel threads may write the same image: each its own file.
    fd, tmp = tempfile.mkstemp(dir=disk_dir, suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, disk)
    except BaseException:
        os.unlink(tmp)
        raise
    return disk


def bochsrc(disk: str, cylinders: int, console: str, model: str, smp: int) -> str:
    rom = _first(ROM_CANDIDATES, "Bochs BIOS")
    vga = _first(VGAROM_CANDIDATES, "VGA BIOS")
    count = f", count={smp}" if smp > 1 else ""
    return (f"megs: {MEMORY_MB}\n"
            f"romimage: file={rom}\n"
            f"vgaromimage: file={vga}\n"
            f"cpu: model={model}{count}, reset_on_triple_fault=0, ignore_bad_msrs=0\n"
            # volatile: the cached image is opened read-only and not locked
            # (several runs share it); writes would go to a temporary redo
            # log beside it, which Bochs unlinks at once.
            f"ata0-master: type=disk, mode=volatile, path=\"{disk}\", "
            f"cylinders={cylinders}, heads={HEADS}, spt={SPT}\n"
            "boot: disk\n"
            f"com1: enabled=1, mode=file, dev=\"{console}\"\n"
            "display_library: term\n"
            "speaker: enabled=0\nsound: driver=dummy\n"
            "log: -\n"
            "panic: action=fatal\nerror: action=report\ninfo: action=ignore\ndebug: action=ignore\n")


def loader_error(console: str) -> str | None:
    """The boot loader's error line when it is the console's first line."""
    try:
        with open(console, "rb") as f:
            first = f.read(256).split(b"\n", 1)[0].rstrip(b"\r")
    except OSError:
        return None
    return first.decode(errors="replace") if first.startswith(LOADER_MSG) else None


def exit_check_for(console: str) -> ExitCheck:
    """How Bochs exited: a panic, the loader's error, or None (the guest's shutdown)."""
    def check(status: int | None, code: int, stderr: list[str]) -> str | None:
        if any(SHUTDOWN_MSG in line for line in stderr):
            return loader_error(console)
        for i, line in enumerate(stderr):
            if "Bochs is exiting with the following message" in line and i + 1 < len(stderr):
                return f"Bochs exited: {stderr[i + 1].strip()}"
        return f"Bochs exited with status {code} without the shutdown port"
    return check


class BochsAdapter:
    name = "bochs"

    def default_cpu(self, arch: str, accel: str) -> str | None:
        return DEFAULT_MODEL

    def supports(self, arch: str) -> bool:
        return arch == "x86_64"

    def binary_name(self, arch: str) -> str:
        return "bochs"

    def prepare(self, req: LaunchRequest) -> Launch:
        e = req.entry
        if e.extra_params:
            raise LaunchError("extra_params are QEMU arguments; not supported with bochs")
        disk = build_disk(req.image, e.file, req.guest_args, req.cache_dir)
        base = os.path.join(req.work_dir, req.test_id.replace("/", "_"))
        console = base + ".com1"
        rc = base + ".bochsrc"
        cmds = base + ".bochs-cmds"
        model = cpu_model(e.cpu or req.default_cpu)
        with open(rc, "w") as f:
            f.write(bochsrc(disk, os.path.getsize(disk) // CYLINDER, console, model, e.smp))
        with open(cmds, "w") as f:
            f.write("c\n")
        open(console, "wb").close()
        env = dict(os.environ)
        env["TERM"] = "dumb"
        notes = [f"bochs cpu model {model} (cfg cpu={e.cpu or 'default'})", f"disk {disk}"]
        return Launch(argv=[req.binary, "-q", "-f", rc, "-rc", cmds], console_file=console,
                      env=env, exit_check=exit_check_for(console), notes=notes, cpu_model=model)

    def version(self, binary: str) -> str:
        out = run_version([binary, "--help"])
        m = re.search(r"Bochs x86 Emulator\s+(\S+)", out)
        return m.group(1) if m else "unknown"


ADAPTER = BochsAdapter()
