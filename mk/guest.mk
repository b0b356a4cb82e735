# mk/guest.mk: build one arch's guest library and test binaries.
# Invoked by the top-level Makefile as: make -f mk/guest.mk ARCH=<arch>
# The arch file mk/arch-$(ARCH).mk sets LIBDIR, TESTDIR, ARCH_CFLAGS,
# ARCH_LDFLAGS and the rule that turns $(O)/%.elf64 into the bootable image.

include config.mak
O := build/$(ARCH)
include mk/arch-$(ARCH).mk

CROSS := $(CROSS_$(ARCH))
CC := $(CROSS)gcc
LD := $(CROSS)ld
AR := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-builtin -fno-stack-protector -fno-pic -fno-pie -fno-common \
	-fno-omit-frame-pointer -fno-strict-aliasing -fno-asynchronous-unwind-tables \
	-Ilib -MMD -MP -DHV_ARCH='"$(ARCH)"' \
	-DHV_ARCH_FAULT_H='<$(LIBDIR)/fault.h>' $(ARCH_CFLAGS)
ASFLAGS := $(CFLAGS) -D__ASSEMBLY__
LIBGCC := $(shell $(CC) -print-libgcc-file-name)

LIB_SRCS := $(wildcard lib/*.c lib/$(LIBDIR)/*.c lib/$(LIBDIR)/*.S) $(ARCH_LIB_SRCS)
LIB_OBJS := $(patsubst %,$(O)/%.o,$(basename $(LIB_SRCS)))
TEST_SRCS := $(wildcard $(TESTDIR)/*.c)
TESTS := $(notdir $(basename $(TEST_SRCS)))
LINKER_SCRIPT := lib/$(LIBDIR)/guest.lds

all: $(TESTS:%=$(O)/%$(IMAGE_SUFFIX))

$(O)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $(ARCH) $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(O)/%.o: %.S
	@mkdir -p $(@D)
	@echo "  AS      $(ARCH) $<"
	@$(CC) $(ASFLAGS) -c -o $@ $<

$(O)/libhv.a: $(LIB_OBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(O)/%.elf64: $(O)/$(TESTDIR)/%.o $(O)/libhv.a $(LINKER_SCRIPT)
	@echo "  LD      $(ARCH) $@"
	@$(LD) -nostdlib -static -T $(LINKER_SCRIPT) $(ARCH_LDFLAGS) -o $@ \
		$< --whole-archive $(O)/libhv.a --no-whole-archive $(ARCH_LIBS) $(LIBGCC)

.SECONDARY:
.PHONY: all

-include $(LIB_OBJS:.o=.d) $(TEST_SRCS:%.c=$(O)/%.d)
