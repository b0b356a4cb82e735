# SPDX-License-Identifier: GPL-2.0-only
"""Bochs adapter (x86_64 only): GRUB rescue ISO + generated bochsrc.

The guest ELF is booted by GRUB (multiboot) from a cached ISO; the console
is COM1 written to a file that the runner follows; the guest stops Bochs by
writing `Shutdown` to port 0x8900 (Bochs reports it as a panic and exits 1).
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile

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
_SAFE_WORD = re.compile(r"[A-Za-z0-9_.,=:+/@%-]+\Z")


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


def _grub_word(w: str) -> str:
    if _SAFE_WORD.match(w):
        return w
    if "'" in w:
        raise LaunchError(f"guest argument {w!r} cannot be passed through GRUB (contains ')")
    return f"'{w}'"


def grub_cfg(file: str, args: str) -> str:
    words = " ".join(_grub_word(w) for w in args.split())
    return ("serial --unit=0 --speed=115200\n"
            "terminal_input serial\nterminal_output serial\n"
            "set timeout=0\n"
            # GRUB 2 passes only the words after the path; the guest library
            # skips a leading path word (QEMU -kernel puts one there).
            f"multiboot /boot/{file}.elf /boot/{file}.elf {words}\n"
            "boot\n")


def build_iso(image: str, file: str, args: str, cache_dir: str) -> str:
    """Return a cached GRUB rescue ISO for (image contents version, args)."""
    try:
        st = os.stat(image)
    except OSError as exc:
        raise LaunchError(f"guest image {image}: {exc.strerror}") from None
    cfg = grub_cfg(file, args)
    key = hashlib.sha256(f"{os.path.abspath(image)}|{st.st_mtime_ns}|{st.st_size}|{cfg}"
                         .encode()).hexdigest()[:16]
    iso_dir = os.path.join(cache_dir, "bochs-iso")
    iso = os.path.join(iso_dir, f"{file}-{key}.iso")
    if os.path.isfile(iso):
        return iso
    mkrescue = shutil.which("grub-mkrescue")
    if mkrescue is None:
        raise LaunchError("grub-mkrescue not found (install grub-common, grub-pc-bin, xorriso, mtools)")
    os.makedirs(iso_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=iso_dir) as tmp:
        root = os.path.join(tmp, "root")
        os.makedirs(os.path.join(root, "boot", "grub"))
        shutil.copyfile(image, os.path.join(root, "boot", f"{file}.elf"))
        with open(os.path.join(root, "boot", "grub", "grub.cfg"), "w") as f:
            f.write(cfg)
        out = os.path.join(tmp, "out.iso")
        p = subprocess.run([mkrescue, "--install-modules=multiboot serial normal configfile boot",
                            "--fonts=", "--locales=", "--themes=", "-o", out, root],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace")
        if p.returncode != 0 or not os.path.isfile(out):
            raise LaunchError(f"grub-mkrescue failed ({p.returncode}): {p.stderr.strip()[-500:]}")
        os.replace(out, iso)
    return iso


def bochsrc(iso: str, console: str, model: str, smp: int) -> str:
    rom = _first(ROM_CANDIDATES, "Bochs BIOS")
    vga = _first(VGAROM_CANDIDATES, "VGA BIOS")
    count = f", count={smp}" if smp > 1 else ""
    return (f"megs: {MEMORY_MB}\n"
            f"romimage: file={rom}\n"
            f"vgaromimage: file={vga}\n"
            f"cpu: model={model}{count}, reset_on_triple_fault=0, ignore_bad_msrs=0\n"
            f"ata0-master: type=cdrom, path=\"{iso}\", status=inserted\n"
            "boot: cdrom\n"
            f"com1: enabled=1, mode=file, dev=\"{console}\"\n"
            "display_library: term\n"
            "speaker: enabled=0\nsound: driver=dummy\n"
            "log: -\n"
            "panic: action=fatal\nerror: action=report\ninfo: action=ignore\ndebug: action=ignore\n")


def _exit_check(status: int | None, code: int, stderr: list[str]) -> str | None:
    if any(SHUTDOWN_MSG in line for line in stderr):
        return None
    for i, line in enumerate(stderr):
        if "Bochs is exiting with the following message" in line and i + 1 < len(stderr):
            return f"Bochs exited: {stderr[i + 1].strip()}"
    return f"Bochs exited with status {code} without the shutdown port"


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
        iso = build_iso(req.image, e.file, req.guest_args, req.cache_dir)
        base = os.path.join(req.work_dir, req.test_id.replace("/", "_"))
        console = base + ".com1"
        rc = base + ".bochsrc"
        cmds = base + ".bochs-cmds"
        model = cpu_model(e.cpu or req.default_cpu)
        with open(rc, "w") as f:
            f.write(bochsrc(iso, console, model, e.smp))
        with open(cmds, "w") as f:
            f.write("c\n")
        open(console, "wb").close()
        env = dict(os.environ)
        env["TERM"] = "dumb"
        notes = [f"bochs cpu model {model} (cfg cpu={e.cpu or 'default'})", f"iso {iso}"]
        return Launch(argv=[req.binary, "-q", "-f", rc, "-rc", cmds], console_file=console,
                      env=env, exit_check=_exit_check, notes=notes, cpu_model=model)

    def version(self, binary: str) -> str:
        out = run_version([binary, "--help"])
        m = re.search(r"Bochs x86 Emulator\s+(\S+)", out)
        return m.group(1) if m else "unknown"


ADAPTER = BochsAdapter()
