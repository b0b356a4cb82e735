# SPDX-License-Identifier: GPL-2.0-only
"""The Bochs adapter's boot disk (scripts/hvtest/vmm/bochs.py): ELF32
flattening, the parameter block of x86/boot/diskboot.S, the disk layout and
cache, the launch errors, and how an exit is read (the loader's error line)."""
from __future__ import annotations

import contextlib
import importlib
import io
import os
import struct
import tempfile
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import app
from hvtest.vmm import bochs as B
from hvtest.vmm.base import LaunchError

MIB = 1 << 20
LOADER = b"\xfa" * 510 + b"\x55\xaa" + b"\x90" * 512


def elf32(segments: list[tuple[int, int, bytes, int]], entry: int, *, machine: int = 3,
          cls: int = 1, etype: int = 2, extra_phdrs: int = 0) -> bytes:
    """An ELF32 executable: SEGMENTS are (vaddr, paddr, file bytes, memsz) PT_LOADs."""
    phoff = 52
    nph = len(segments) + extra_phdrs
    off = phoff + nph * 32
    phdrs = b""
    body = b""
    for vaddr, paddr, data, memsz in segments:
        phdrs += struct.pack("<8I", 1, off + len(body), vaddr, paddr, len(data), memsz, 5, 0x1000)
        body += data
    phdrs += struct.pack("<8I", 0x6474e551, 0, 0, 0, 0, 0, 6, 4) * extra_phdrs   # PT_GNU_STACK
    ident = b"\x7fELF" + bytes([cls, 1, 1]) + bytes(9)
    head = struct.pack("<16sHHIIIIIHHHHHH", ident, etype, machine, 1, entry, phoff, 0, 0,
                       52, 32, nph, 40, 0, 0)
    return head + phdrs + body


class FlattenTest(unittest.TestCase):
    def test_segments_from_the_lowest_address(self) -> None:
        # Program headers out of address order, a gap and a .bss.
        blob = elf32([(MIB + 0x2000, MIB + 0x2000, b"DATA", 0x100),
                      (MIB, MIB, b"TEXT", 4)], MIB + 2, extra_phdrs=1)
        k = B.flatten_elf(blob)
        self.assertEqual(k.load, MIB)
        self.assertEqual(k.data, b"TEXT" + bytes(0x2000 - 4) + b"DATA")
        self.assertEqual(k.memsz, 0x2100)
        self.assertEqual(k.entry, MIB + 2)

    def test_entry_is_physical(self) -> None:
        blob = elf32([(0xc0100000, MIB, b"\x90" * 16, 16)], 0xc0100008)
        self.assertEqual(B.flatten_elf(blob).entry, MIB + 8)

    def test_built_guest_shape(self) -> None:
        # What objcopy -O elf32-i386 makes of a guest: text, then data with .bss.
        blob = elf32([(MIB, MIB, b"\x01" * 0x9428, 0x9428),
                      (0x10a000, 0x10a000, b"\x02" * 0x7928, 0x141e0)], 0x10000c, extra_phdrs=1)
        k = B.flatten_elf(blob)
        self.assertEqual(len(k.data), 0x10a000 + 0x7928 - MIB)
        self.assertEqual(k.memsz, 0x10a000 + 0x141e0 - MIB)
        self.assertEqual(k.data[0x9428:0xa000], bytes(0xa000 - 0x9428))

    def check_error(self, blob: bytes, text: str) -> None:
        with self.assertRaises(LaunchError) as cm:
            B.flatten_elf(blob, "guest image g.elf")
        self.assertIn(text, str(cm.exception))
        self.assertIn("g.elf", str(cm.exception))

    def test_not_elf(self) -> None:
        self.check_error(b"#!/bin/sh\necho hello\n" + bytes(64), "not a 32-bit little-endian ELF")
        self.check_error(b"", "not a 32-bit little-endian ELF")

    def test_elf64_is_refused(self) -> None:
        self.check_error(elf32([(MIB, MIB, b"x", 1)], MIB, cls=2), "not a 32-bit little-endian ELF")

    def test_other_machine_or_type(self) -> None:
        self.check_error(elf32([(MIB, MIB, b"x", 1)], MIB, machine=62), "not an i386 executable")
        self.check_error(elf32([(MIB, MIB, b"x", 1)], MIB, etype=1), "not an i386 executable")

    def test_no_load_segment(self) -> None:
        self.check_error(elf32([], MIB, extra_phdrs=1), "no PT_LOAD segment")

    def test_below_1mib(self) -> None:
        self.check_error(elf32([(0x7c00, 0x7c00, b"x", 1)], 0x7c00), "between 1 MiB and 4 GiB")

    def test_entry_outside(self) -> None:
        self.check_error(elf32([(MIB, MIB, b"x", 1)], 2 * MIB), "is in no PT_LOAD segment")

    def test_truncated(self) -> None:
        self.check_error(elf32([(MIB, MIB, b"abcd", 4)], MIB)[:-2], "outside the file")


class ParamBlockTest(unittest.TestCase):
    KERNEL = B.Kernel(load=MIB, data=b"k" * 1000, memsz=5000, entry=MIB + 12)

    def test_layout(self) -> None:
        block = B.param_block(self.KERNEL, b"/boot/t.elf a=1 'b c'")
        self.assertEqual(len(block), 2 * 512)
        self.assertEqual(struct.unpack_from("<5I", block),
                         (0x54425648, MIB, 1000, 5000, MIB + 12))
        self.assertEqual(block[:4], b"HVBT")
        self.assertEqual(block[20:].split(b"\0")[0], b"/boot/t.elf a=1 'b c'")
        self.assertEqual(block[20 + 21:], bytes(len(block) - 41))

    def test_longest_command_line(self) -> None:
        block = B.param_block(self.KERNEL, b"x" * B.CMDLINE_MAX)
        self.assertEqual(block[-1:], b"\0")
        with self.assertRaises(LaunchError) as cm:
            B.param_block(self.KERNEL, b"x" * (B.CMDLINE_MAX + 1))
        self.assertIn("at most 1003", str(cm.exception))

    def test_nul_refused(self) -> None:
        with self.assertRaises(LaunchError):
            B.param_block(self.KERNEL, b"/boot/t.elf a\0b")

    def test_command_line(self) -> None:
        self.assertEqual(B.guest_cmdline("msr", ""), b"/boot/msr.elf")
        self.assertEqual(B.guest_cmdline("msr", "seed=1 case='a b'"),
                         b"/boot/msr.elf seed=1 case='a b'")


class DiskTest(unittest.TestCase):
    def test_layout(self) -> None:
        k = B.Kernel(load=MIB, data=b"K" * 700, memsz=900, entry=MIB)
        disk = B.disk_image(LOADER, k, b"/boot/t.elf")
        self.assertEqual(len(disk) % (16 * 63 * 512), 0)
        self.assertEqual(disk[:1024], LOADER)
        self.assertEqual(disk[1024:1028], b"HVBT")
        self.assertEqual(disk[2048:2748], b"K" * 700)
        self.assertEqual(disk[2748:], bytes(len(disk) - 2748))

    def test_bad_loader(self) -> None:
        k = B.Kernel(load=MIB, data=b"K", memsz=1, entry=MIB)
        for bad in (LOADER[:600], bytes(512)):
            with self.assertRaises(LaunchError):
                B.disk_image(bad, k, b"")


class BuildDiskTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.build = os.path.join(self.tmp.name, "build", "x86_64")
        os.makedirs(self.build)
        self.cache = os.path.join(self.tmp.name, "cache")
        self.image = os.path.join(self.build, "t.elf")
        with open(self.image, "wb") as f:
            f.write(elf32([(MIB, MIB, b"guest", 64)], MIB))

    def put_loader(self, data: bytes = LOADER) -> None:
        with open(os.path.join(self.build, B.LOADER), "wb") as f:
            f.write(data)

    def test_missing_loader(self) -> None:
        with self.assertRaises(LaunchError) as cm:
            B.build_disk(self.image, "t", "", self.cache)
        self.assertIn("diskboot.bin", str(cm.exception))
        self.assertIn("make", str(cm.exception))

    def test_not_elf(self) -> None:
        self.put_loader()
        with open(self.image, "wb") as f:
            f.write(b"not an elf")
        with self.assertRaises(LaunchError) as cm:
            B.build_disk(self.image, "t", "", self.cache)
        self.assertIn(self.image, str(cm.exception))

    def test_missing_image(self) -> None:
        self.put_loader()
        os.unlink(self.image)
        with self.assertRaises(LaunchError):
            B.build_disk(self.image, "t", "", self.cache)

    def test_cached_per_args_and_loader(self) -> None:
        self.put_loader()
        one = B.build_disk(self.image, "t", "a=1", self.cache)
        self.assertEqual(os.path.dirname(one), os.path.join(self.cache, "bochs-disk"))
        self.assertEqual(B.build_disk(self.image, "t", "a=1", self.cache), one)
        two = B.build_disk(self.image, "t", "a=2", self.cache)
        self.assertNotEqual(two, one)
        self.put_loader(LOADER[:512])
        self.assertNotIn(B.build_disk(self.image, "t", "a=1", self.cache), (one, two))
        with open(one, "rb") as f:
            disk = f.read()
        self.assertEqual(disk[1024 + 20:1024 + 36], b"/boot/t.elf a=1\0")
        self.assertEqual(disk[2048:2053], b"guest")
        self.assertTrue(all(n.endswith(".img") for n in os.listdir(os.path.dirname(one))))


class DryRunTest(BuildDiskTest):
    """-n with several arches: each test's bochsrc goes under its arch's directory."""

    def test_two_arches(self) -> None:
        self.put_loader()
        os.makedirs(os.path.join(self.tmp.name, "build", "arm64"))
        cfg = os.path.join(self.tmp.name, "t.cfg")
        with open(cfg, "w") as f:
            f.write("[t]\nfile = t\narch = x86_64 arm64\n")
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            rc = app.main(["--config", cfg, "--build-dir", os.path.dirname(self.build),
                           "--log-dir", os.path.join(self.tmp.name, "logs"), "--vmm", "bochs",
                           "--vmm-binary", "bochs=/bin/true", "--no-expectations",
                           "--arch", "x86_64,arm64", "-n"])
        self.assertEqual(rc, 0, out.getvalue())
        self.assertNotIn("Traceback", out.getvalue())
        self.assertIn("# x86_64/t", out.getvalue())
        self.assertIn("# arm64/t: SKIP: bochs does not support arm64", out.getvalue())


class ExitCheckTest(unittest.TestCase):
    SHUTDOWN = ["00000000000p[UNMAP ] >>PANIC<< Shutdown port: shutdown requested"]

    def check(self, console: bytes, stderr: list[str]) -> str | None:
        with tempfile.NamedTemporaryFile(suffix=".com1", delete=False) as f:
            f.write(console)
        self.addCleanup(os.unlink, f.name)
        reason: str | None = B.exit_check_for(f.name)(None, 1, stderr)
        return reason

    def test_guest_shutdown(self) -> None:
        self.assertIsNone(self.check(b"TAP version 14\n1..0\n", self.SHUTDOWN))

    def test_loader_error(self) -> None:
        self.assertEqual(self.check(b"hvtest diskboot: bad parameter block (magic)\r\n",
                                    self.SHUTDOWN),
                         "hvtest diskboot: bad parameter block (magic)")

    def test_panic(self) -> None:
        stderr = ["Bochs is exiting with the following message:", "[BIOS  ] No bootable device."]
        self.assertEqual(self.check(b"", stderr), "Bochs exited: [BIOS  ] No bootable device.")

    def test_no_console(self) -> None:
        self.assertIsNone(B.exit_check_for("/nonexistent/x.com1")(None, 1, self.SHUTDOWN))


if __name__ == "__main__":
    unittest.main()
