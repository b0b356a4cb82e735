/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * segmentation.h: what the files of the segmentation test share
 * (segmentation.c describes the test): the fixture that installs the
 * scratch GDT/LDT and the all-user page tables, and seg_run(), which starts
 * a code snippet at a given CS and stops at ring_land or at its first
 * exception.
 */
#ifndef HV_X86_SEGMENTATION_H
#define HV_X86_SEGMENTATION_H

#include <libtest.h>
#include <x86/desc.h>
#include <x86/fault.h>
#include <x86/msr.h>
#include <x86/processor.h>
#include <x86/ring.h>
#include <x86/segdesc.h>

/* IA-32e mode, CS.L = 1 at CPL0/CPL3, or compatibility mode (CS.L = 0). */
enum seg_mode { SEG_K64, SEG_U64, SEG_K32, SEG_U32 };

/* Scratch GDT/LDT and page tables mapping everything user (usermode.h). */
extern const struct test_fixture seg_env;

/*
 * Starts CODE in MODE with RDI and RSI on the fixture's stack for that CPL
 * (interrupts off); returns where it stopped.
 */
struct ring_stop seg_run(enum seg_mode mode, const void *code, u64 rdi,
			 u64 rsi);
/* The stack tops seg_run() uses at CPL0 and CPL3. */
u64 seg_kernel_stack(void);
u64 seg_user_stack(void);

/* The CPL a stop's frame shows (the RPL of the saved CS). */
static inline unsigned int stop_cpl(const struct ring_stop *s)
{
	return s->regs.cs & 3;
}

#define NONCANON 0x8000000000000000ULL
#define NONCANON_HI 0x0000800000000000ULL /* first past 47 bits */

#endif
