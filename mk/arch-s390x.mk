# SPDX-License-Identifier: GPL-2.0-only
# mk/arch-s390x.mk: s390x build settings. Guests are linked as a static
# 64-bit big-endian ELF at 0x10000 (build/s390x/NAME.elf64, for gdb and
# addr2line); NAME.elf, the image QEMU's -kernel loads on s390-ccw-virtio
# (lib/s390x/entry.S), is the same file without debug sections. z900 is
# the base of z/Architecture, so a guest runs on every CPU model (-cpu
# z900 under TCG lacks STFLE and the z10 instructions; a test assembles a
# later instruction inside Z_LATER() once it has checked the facility,
# lib/s390x/processor.h); -mbackchain keeps
# the back chain that arch_print_backtrace() walks; -msoft-float keeps the
# compiler off the floating-point registers, which no handler saves;
# --param=min-pagesize=0 because the lowcore (prefix area) lives at real
# addresses below 4 KiB, which GCC 12 otherwise takes for null-pointer
# dereferences (-Warray-bounds).

LIBDIR := s390x
TESTDIR := s390x
ARCH_CFLAGS := -m64 -march=z900 -mbackchain -msoft-float -mno-packed-stack \
	--param=min-pagesize=0
ARCH_LDFLAGS := -m elf64_s390 -z noexecstack -z max-page-size=4096 --no-warn-rwx-segments
ARCH_LIBS :=
# Linked into every guest whether or not a symbol refers to them (guests
# link only the library objects they use, mk/guest.mk): entry.S holds
# _start; smp.c holds the SMP hooks that override the uniprocessor weak
# defaults of lib/smp.c; facility.c holds the facility lookup of case
# requirements, which overrides the weak default of lib/case.c.
ARCH_LINK_ALWAYS := lib/s390x/entry.S lib/s390x/smp.c lib/s390x/facility.c
IMAGE_SUFFIX := .elf

$(O)/%.elf: $(O)/%.elf64
	@echo "  IMAGE   $(ARCH) $@"
	@$(OBJCOPY) --strip-debug $< $@
