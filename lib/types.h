/* SPDX-License-Identifier: GPL-2.0-only */
/* types.h: fixed-width integer names and small helpers shared by all guest code. */
#ifndef HV_TYPES_H
#define HV_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef u64 phys_addr_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1ULL << (n))
#define GENMASK(hi, lo) ((~0ULL >> (63 - (hi))) & ~((1ULL << (lo)) - 1))
#define ALIGN_UP(x, a) (((x) + (a)-1) & ~((typeof(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((typeof(x))(a)-1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* &A, &B, ... for one to four arguments (an arch's CPU_FEATURES() list). */
#define ADDRESSES_OF(...)                                                  \
	ADDRESSES_PICK(__VA_ARGS__, ADDRESSES_4, ADDRESSES_3, ADDRESSES_2, \
		       ADDRESSES_1)                                        \
	(__VA_ARGS__)
#define ADDRESSES_PICK(a, b, c, d, pick, ...) pick
#define ADDRESSES_1(a) &(a)
#define ADDRESSES_2(a, b) &(a), &(b)
#define ADDRESSES_3(a, b, c) &(a), &(b), &(c)
#define ADDRESSES_4(a, b, c, d) &(a), &(b), &(c), &(d)

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12

#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __aligned(n) __attribute__((aligned(n)))
#define __used __attribute__((used))

#endif
