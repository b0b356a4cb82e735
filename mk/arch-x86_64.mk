# SPDX-License-Identifier: GPL-2.0-only
# mk/arch-x86_64.mk: x86_64 build settings. Guests are linked as 64-bit ELF
# (build/x86_64/NAME.elf64, for gdb and addr2line) and converted to ELF32
# (NAME.elf), the only format QEMU's multiboot loader takes; GRUB boots the
# same file under Bochs.

LIBDIR := x86
TESTDIR := x86
ARCH_CFLAGS := -m64 -march=x86-64 -mno-red-zone -mno-sse -mno-mmx -mno-sse2 \
	-mno-80387 -mcmodel=small
ARCH_LDFLAGS := -m elf_x86_64 -z noexecstack -z max-page-size=4096 --no-warn-rwx-segments
ARCH_LIBS :=
# Linked into every guest whether or not a symbol refers to them (guests
# link only the library objects they use, mk/guest.mk): entry.S holds the
# multiboot header and _start; smp.c holds the SMP hooks that override
# the uniprocessor weak defaults of lib/smp.c, which no symbol pulls in.
ARCH_LINK_ALWAYS := lib/x86/entry.S lib/x86/smp.c
IMAGE_SUFFIX := .elf

$(O)/%.elf: $(O)/%.elf64
	@$(OBJCOPY) -O elf32-i386 $< $@
