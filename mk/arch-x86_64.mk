# SPDX-License-Identifier: GPL-2.0-only
# mk/arch-x86_64.mk: x86_64 build settings. Guests are linked as 64-bit ELF
# (build/x86_64/NAME.elf64, for gdb and addr2line) and converted to ELF32
# (NAME.elf), the only format QEMU's multiboot loader takes. Under Bochs
# the runner writes NAME.elf's segments to a disk image behind diskboot.bin,
# our boot loader (x86/boot/diskboot.S: a flat binary linked at 0x7c00,
# where the BIOS loads the MBR; x86/boot/ has no .c file, so it is no
# test).

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

$(O)/%.elf: $(O)/%.elf64 $(O)/diskboot.bin
	@$(OBJCOPY) -O elf32-i386 $< $@

$(O)/%.bin: x86/boot/%.S
	@mkdir -p $(O)/x86/boot
	@echo "  BOOT    $(ARCH) $@"
	@$(CC) -m32 -nostdinc -c -o $(O)/x86/boot/$*.o $<
	@$(LD) -m elf_i386 -N -e start -Ttext=0x7c00 --oformat binary \
		-o $@ $(O)/x86/boot/$*.o
