// SPDX-License-Identifier: GPL-2.0-only
/*
 * radix_mmu.c: the radix tree MMU object (radix_mmu.h). The
 * client-architecture-support argument (LoPAPR B.6.2.3): a list of
 * (mask, PVR) pairs of 32-bit big-endian words ended by one with PVR
 * bits outside its mask, then the option vector count less one and each
 * vector as a length-less-one byte followed by bytes 1..N. We name our
 * own PVR only (no compatibility mode), set option vector 1 byte 3 bit 0
 * (ISA 3.00) and in vector 5 byte 23 bits 0:1 = 0b01 (XIVE
 * exploitation) when asked, byte 24 bits 0:1 = 0b01 (radix) and byte 26
 * bit 1 (GTSE: the partition may use tlbie). QEMU writes a 4-byte header
 * and the updated device tree into the buffer it is given. Process table
 * entry (Book III 5.7, doubleword 0): RTS1 bits 1:2, RPDB bits 4:55,
 * RTS2 bits 56:58, RPDS bits 59:63; a page directory entry: V, NLB bits
 * 4:55, NLS bits 59:63; tlbie/tlbiel (Book III 5.9.3) RB = EPN || IS ||
 * AP, RS = PID || LPID.
 */
#include <libtest.h>
#include <alloc.h>
#include <string.h>
#include <fdt/devicetree.h>
#include <powerpc/hcall.h>
#include <powerpc/processor.h>
#include <powerpc/setup.h>
#include <powerpc/radix_mmu.h>

#define KVMPPC_H_CAS 0xf002
#define H_REGISTER_PROC_TBL 0x37c
#define PROC_TBL_MODIFY 0x10
#define PROC_TBL_REGISTER 0x08
#define PROC_TBL_RADIX 0x04
#define PROC_TBL_GTSE 0x01

#define OV5_LEN 26
#define OV5_XIVE_EXPLOIT 0x40 /* byte 23 bits 0:1 = 0b01 */
#define OV5_MMU_RADIX 0x40 /* byte 24 bits 0:1 = 0b01 */
#define OV5_GTSE 0x40 /* byte 26 bit 1 */
#define OV1_ISA_300 0x80 /* byte 3 bit 0 */

#define CAS_BUF_ORDER 6 /* 256 KiB for the updated device tree */
#define RTS_52 (52 - 31)
#define ROOT_BITS 13
#define LEVEL_BITS 9
#define PDE_NLB_MASK 0x0fffffffffffff00ULL
#define PID_SPR 48
/*
 * tlbiel/tlbie RB = r4, RS = r5, RIC = 0, PRS = 1, R = 1 (X form, XO
 * 274 and 306), encoded here for assemblers without the ISA 3.0 operands.
 */
#define TLBIEL_R4_R5 "0x7ca32224"
#define TLBIE_R4_R5 "0x7ca32264"

static struct cas_result cas;
static bool cas_done, active;
static long register_status = H_FUNCTION;
static u64 *proc_tbl, *root;

struct cas_vec {
	u32 pvr[4];
	u8 count;
	u8 ov1_len;
	u8 ov1[3];
	u8 ov2_len, ov2;
	u8 ov3_len, ov3;
	u8 ov4_len, ov4;
	u8 ov5_len;
	u8 ov5[OV5_LEN];
} __attribute__((packed));

/*
 * Byte IDX of the (index, value) list or of the option vector PROP (its
 * byte 0 is the length byte).
 */
static int ov5_byte(const void *fdt, const char *prop, bool pairs, int idx)
{
	int node = fdt_path_offset(fdt, "/chosen"), len;
	const u8 *p = node < 0 ? NULL : fdt_getprop(fdt, node, prop, &len);

	if (!p)
		return -1;
	if (!pairs)
		return idx < len ? p[idx] : -1;
	for (int i = 0; i + 1 < len; i += 2)
		if (p[i] == idx)
			return p[i + 1];
	return -1;
}

const struct cas_result *radix_cas(bool want_xive)
{
	static struct cas_vec vec __aligned(16);
	u8 *buf;

	if (cas_done)
		return &cas;
	cas_done = true;
	cas.radix_offered =
		ov5_byte(dt_fdt(), "ibm,arch-vec-5-platform-support", true,
			 24) > 0;
	cas.xive_offered = ov5_byte(dt_fdt(), "ibm,arch-vec-5-platform-support",
				    true, 23) > 0;
	if (!cas.radix_offered) {
		cas.status = H_FUNCTION;
		return &cas;
	}
	memset(&vec, 0, sizeof(vec));
	vec.pvr[0] = __builtin_bswap32(0xffffffff);
	vec.pvr[1] = __builtin_bswap32((u32)mfspr(SPR_PVR));
	vec.pvr[2] = __builtin_bswap32(0);
	vec.pvr[3] = __builtin_bswap32(0xffffffff);
	vec.count = 5 - 1;
	vec.ov1_len = 3 - 1;
	vec.ov1[2] = OV1_ISA_300;
	vec.ov5_len = OV5_LEN - 1;
	vec.ov5[23 - 1] = want_xive && cas.xive_offered ? OV5_XIVE_EXPLOIT : 0;
	vec.ov5[24 - 1] = OV5_MMU_RADIX;
	vec.ov5[26 - 1] = OV5_GTSE;
	buf = alloc_pages(CAS_BUF_ORDER);
	cas.status = hcall(KVMPPC_H_CAS, (u64)&vec, (u64)buf,
			   PAGE_SIZE << CAS_BUF_ORDER, 0);
	/* libfdt wants the blob 8-byte aligned: move it over the header. */
	memmove(buf, buf + 4, (PAGE_SIZE << CAS_BUF_ORDER) - 4);
	if (cas.status == H_SUCCESS && !fdt_check_header(buf)) {
		int mmu = ov5_byte(buf, "ibm,architecture-vec-5", false, 24);
		int xive = ov5_byte(buf, "ibm,architecture-vec-5", false, 23);

		cas.radix = mmu > 0 && (mmu & OV5_MMU_RADIX);
		cas.xive = xive > 0 && (xive & OV5_XIVE_EXPLOIT);
		cas.fdt = buf;
	} else {
		free_pages(buf, CAS_BUF_ORDER);
	}
	return &cas;
}

static u64 *table(unsigned int bits)
{
	unsigned int bytes = 8U << bits;

	return bytes > PAGE_SIZE ? alloc_pages(bits + 3 - PAGE_SHIFT)
				 : alloc_page();
}

/* The entry of EA at the level whose index starts at bit SHIFT. */
static u64 *slot(u64 *tbl, u64 ea, unsigned int shift, unsigned int bits)
{
	return &tbl[(ea >> shift) & ((1ULL << bits) - 1)];
}

/* The next level below *PDE, made (with BITS index bits) when missing. */
static u64 *next_level(u64 *pde, unsigned int bits)
{
	u64 e = __builtin_bswap64(*pde);
	u64 *t;

	if ((e & RPTE_V) && !(e & RPTE_L))
		return (u64 *)(e & PDE_NLB_MASK);
	t = table(bits);
	*pde = __builtin_bswap64(RPTE_V | (u64)t | bits);
	return t;
}

static u64 *leaf(u64 ea, u64 size)
{
	u64 *l2 = next_level(slot(root, ea, 39, ROOT_BITS), LEVEL_BITS);
	u64 *l3, *l4;

	if (size == SZ_1G)
		return slot(l2, ea, 30, LEVEL_BITS);
	l3 = next_level(slot(l2, ea, 30, LEVEL_BITS), LEVEL_BITS);
	if (size == SZ_2M)
		return slot(l3, ea, 21, LEVEL_BITS);
	if (size == SZ_64K)
		return slot(next_level(slot(l3, ea, 21, LEVEL_BITS), 5), ea, 16,
			    5);
	l4 = next_level(slot(l3, ea, 21, LEVEL_BITS), LEVEL_BITS);
	return slot(l4, ea, 12, LEVEL_BITS);
}

void radix_map(u64 ea, u64 ra, u64 size, u64 flags)
{
	u64 *pte = leaf(ea, size);

	*pte = __builtin_bswap64(RPTE_V | RPTE_L |
				 (ra & RPTE_RPN_MASK & ~(size - 1)) | flags);
	asm volatile("ptesync" ::: "memory");
}

void radix_unmap(u64 ea, u64 size)
{
	*leaf(ea, size) = 0;
	asm volatile("ptesync" ::: "memory");
}

u64 radix_read_pte(u64 ea, u64 size)
{
	return __builtin_bswap64(*leaf(ea, size));
}

void radix_tlbiel_page(u64 ea)
{
	register u64 rb asm("r4") = ea & ~(SZ_4K - 1);
	register u64 rs asm("r5") = 0;

	asm volatile("ptesync\n\t.long " TLBIEL_R4_R5 "\n\tptesync"
		     :
		     : "r"(rb), "r"(rs)
		     : "memory");
}

void radix_tlbie_page(u64 ea)
{
	register u64 rb asm("r4") = ea & ~(SZ_4K - 1);
	register u64 rs asm("r5") = 0;

	asm volatile("ptesync\n\t.long " TLBIE_R4_R5 "\n\t"
		     "eieio\n\ttlbsync\n\tptesync"
		     :
		     : "r"(rb), "r"(rs)
		     : "memory");
}

bool radix_mmu_setup(const char **why)
{
	const struct cas_result *r;
	u64 end;

	if (active)
		return true;
	r = radix_cas(false);
	if (!r->radix_offered) {
		*why = "the platform offers no radix MMU "
		       "(ibm,arch-vec-5-platform-support byte 24)";
		return false;
	}
	if (r->status != H_SUCCESS || !r->radix) {
		*why = "client-architecture-support did not select radix";
		return false;
	}
	proc_tbl = alloc_page();
	root = table(ROOT_BITS);
	end = ALIGN_UP(boot_info.ram_end, SZ_2M);
	for (u64 a = 0; a < end; a += SZ_2M)
		radix_map(a, a, SZ_2M,
			  RPTE_R | RPTE_C | RPTE_READ | RPTE_RW | RPTE_EXEC);
	proc_tbl[0] = __builtin_bswap64(((u64)(RTS_52 >> 3) << 61) | (u64)root |
					((u64)(RTS_52 & 7) << 5) | ROOT_BITS);
	asm volatile("ptesync" ::: "memory");
	mtspr(PID_SPR, 0);
	register_status = hcall(H_REGISTER_PROC_TBL,
				PROC_TBL_MODIFY | PROC_TBL_REGISTER |
					PROC_TBL_RADIX | PROC_TBL_GTSE,
				(u64)proc_tbl, 0, 0);
	if (register_status != H_SUCCESS) {
		*why = "H_REGISTER_PROC_TBL failed";
		return false;
	}
	active = true;
	return true;
}

bool radix_mmu_active(void)
{
	return active;
}

long radix_register_status(void)
{
	return register_status;
}
