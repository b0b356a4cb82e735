/* SPDX-License-Identifier: GPL-2.0-only */
# boot_rom.s: the pseries firmware image (QEMU -bios) of hvtest guests.
# QEMU loads it at real address 0 and starts CPU 0 at 0x100 (the system
# reset vector, Power ISA v3.0 Book III 7.5.1) big-endian, in real mode,
# with r3 = the flattened device tree; the -kernel ELF is at 0x400000.
# We branch there with r3 intact (Book I 2.4 "b", AA=1: absolute).
# Assembled big-endian (mk/arch-ppc64le.mk); plain assembler, no cpp.
	.text
	.org 0x100
	ba 0x400000
