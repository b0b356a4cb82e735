/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * emulator.h: what the files of the emulator test share (emulator.c
 * describes the test): the headers every table needs and the operand
 * values of the rows.
 */
#ifndef HV_X86_EMULATOR_EMULATOR_H
#define HV_X86_EMULATOR_EMULATOR_H

#include <libtest.h>
#include <x86/processor.h>
#include <x86/emulate_table.h>

/*
 * 16 bytes of operand buffer: a distinct byte everywhere, so a write of
 * the wrong width or at the wrong offset shows.
 */
#define M0 0x1122334455667788ULL
#define M1 0x99aabbccddeeff00ULL
#define RB 0xa1a2a3a4a5a6a7a8ULL
#define NONCANON 0x8000000000000000ULL

#endif
