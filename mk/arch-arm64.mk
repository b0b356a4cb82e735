# SPDX-License-Identifier: GPL-2.0-only
# mk/arch-arm64.mk: arm64 build settings. Guests are linked as a static
# position-independent ELF at address 0 (build/arm64/NAME.elf64, for gdb and
# addr2line) that relocates itself at entry, and converted to a flat Linux
# arm64 Image (NAME.img; Documentation/arch/arm64/booting.rst) that a loader
# may place at any 2 MiB-aligned address. libfdt comes from Debian's
# libfdt-dev:arm64 (config.mak: LIBFDT_arm64, LIBFDT_INC_arm64).

ifeq ($(LIBFDT_arm64),)
$(error arm64 needs libfdt: run scripts/install-deps.sh, then ./configure)
endif

LIBDIR := arm64
TESTDIR := arm
ARCH_CFLAGS := -march=armv8-a -mgeneral-regs-only -mstrict-align \
	-mcmodel=small -mbranch-protection=none -mno-outline-atomics -I$(LIBFDT_INC_arm64)
ARCH_LDFLAGS := -pie --no-dynamic-linker -z notext -z noexecstack \
	-z max-page-size=4096 -z norelro --no-warn-rwx-segments
ARCH_LIBS := $(LIBFDT_arm64)/libfdt.a
ARCH_LIB_SRCS := $(wildcard lib/fdt/*.c)
# Linked into every guest whether or not a symbol refers to them (guests
# link only the library objects they use, mk/guest.mk): entry.S holds the
# Image header and _start; smp.c holds the SMP hooks that override the
# uniprocessor weak defaults of lib/smp.c.
ARCH_LINK_ALWAYS := lib/arm64/entry.S lib/arm64/smp.c lib/arm64/features.c
IMAGE_SUFFIX := .img

$(O)/%.img: $(O)/%.elf64
	@echo "  IMAGE   $(ARCH) $@"
	@$(OBJCOPY) -O binary $< $@
