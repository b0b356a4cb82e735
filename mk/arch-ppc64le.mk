# SPDX-License-Identifier: GPL-2.0-only
# mk/arch-ppc64le.mk: ppc64le build settings (QEMU pseries; ELFv2 ABI,
# little-endian). Guests are linked at the address where QEMU's pseries
# machine loads a -kernel ELF (0x400000, the end of its 4 MiB firmware
# area: load addresses are taken modulo 256 MiB and offset by it, so the
# segments carry physical address 0 and virtual address 0x400000), and
# NAME.elf is that ELF. boot_rom.bin is the -bios image (lib/powerpc/
# boot_rom.s, assembled big-endian: the CPU starts big-endian at 0x100
# with r3 = the device tree) that jumps to the kernel; it replaces SLOF,
# which would pass an Open Firmware client interface instead of a
# flattened device tree and takes seconds to start. Our code uses general
# registers only (no FP/VMX/VSX state to save in exception handlers).
# libfdt comes from Debian's libfdt-dev:ppc64el (config.mak:
# LIBFDT_ppc64le, LIBFDT_INC_ppc64le).

ifeq ($(LIBFDT_ppc64le),)
$(error ppc64le needs libfdt: run scripts/install-deps.sh, then ./configure)
endif

LIBDIR := powerpc
TESTDIR := powerpc
ARCH_CFLAGS := -mlittle-endian -mabi=elfv2 -mcpu=power8 -mcmodel=medium \
	-msoft-float -mno-altivec -mno-vsx -mno-string -I$(LIBFDT_INC_ppc64le)
ARCH_LDFLAGS := -z noexecstack -z max-page-size=4096 --no-warn-rwx-segments
ARCH_LIBS := $(LIBFDT_ppc64le)/libfdt.a
ARCH_LIB_SRCS := $(wildcard lib/fdt/*.c)
# Linked into every guest whether or not a symbol refers to them (guests
# link only the library objects they use, mk/guest.mk): entry.S holds
# _start; vectors.S the interrupt stubs, which exceptions.c finds through
# the .vector_stubs section (guest.lds), not through a symbol; smp.c the
# strong SMP hooks of lib/smp.c.
ARCH_LINK_ALWAYS := lib/powerpc/entry.S lib/powerpc/vectors.S lib/powerpc/smp.c
IMAGE_SUFFIX := .elf

$(O)/%.elf: $(O)/%.elf64 $(O)/boot_rom.bin
	@cp $< $@

$(O)/%.bin: lib/powerpc/%.s
	@mkdir -p $(@D)
	@echo "  ROM     $(ARCH) $@"
	@$(CROSS_ppc64le)as -mbig -a64 -o $(O)/$*.o $<
	@$(OBJCOPY) -O binary $(O)/$*.o $@
