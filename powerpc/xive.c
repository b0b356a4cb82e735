// SPDX-License-Identifier: GPL-2.0-only
/*
 * xive: the XIVE interrupt controller in exploitation mode, negotiated by
 * ibm,client-architecture-support (LoPAPR option vector 5 byte 23), and
 * an IPI delivered through it. Hypercalls H_INT_GET_SOURCE_INFO,
 * H_INT_SET_SOURCE_CONFIG, H_INT_GET_SOURCE_CONFIG, H_INT_SET_QUEUE_CONFIG,
 * H_INT_GET_QUEUE_INFO, H_INT_ESB (LoPAPR "XIVE Exploitation"
 * hypervisor calls; QEMU docs/specs/ppc-spapr-xive). They answer
 * H_Function until exploitation mode is negotiated; after it an IPI
 * source (ibm,xive-lisn-ranges) is routed to this CPU at a priority not
 * reserved by ibm,plat-res-int-priorities with an event queue, enabled
 * by an ESB "set PQ 00" load and triggered by a store to its trigger
 * page. The CPU takes an external interrupt (Power ISA v3.0B Book III
 * 7.5.6) with MSR[EE] = 1 and the OS CPPR above the priority; the
 * acknowledge load of the thread interrupt management area's OS ring
 * returns NSR[EO] and the priority as CPPR, and the event queue holds the
 * source number with the generation bit set; the same for an IPI of its
 * own sent to each secondary CPU.
 */
#include <libtest.h>
#include <smp.h>
#include <alloc.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/hcall.h>
#include <powerpc/radix_mmu.h>
#include <powerpc/smp.h>

#define H_INT_GET_SOURCE_INFO 0x3a8
#define H_INT_SET_SOURCE_CONFIG 0x3ac
#define H_INT_GET_SOURCE_CONFIG 0x3b0
#define H_INT_GET_QUEUE_INFO 0x3b4
#define H_INT_SET_QUEUE_CONFIG 0x3b8
#define H_INT_ESB 0x3c8
#define H_P4 (-57)
#define H_P5 (-58)

#define SRC_SET_EISN BIT(1) /* flags bit 62 */
#define ESB_SET_PQ_00 0xc00
#define ESB_SET_PQ_01 0xd00
#define TM_OS_CPPR 0x11 /* QW1 (OS) + CPPR */
#define TM_ACK_OS 0x810
#define NSR_EO 0x80
#define PRIO 5
#define QUEUE_SHIFT 12

static u64 tima_os;
static u32 ipi_lisn;
static volatile u32 *queue;
static volatile unsigned int taken;
static volatile u16 ack;
/* ipi_each_cpu: per CPU, its IPI number, queue and what it took. */
static u32 cpu_lisn[SMP_MAX_CPUS];
static volatile u32 *cpu_queue[SMP_MAX_CPUS];
static volatile unsigned int cpu_taken[SMP_MAX_CPUS];
static volatile u16 cpu_ack[SMP_MAX_CPUS];
static volatile int cpu_ready[SMP_MAX_CPUS];

/*
 * From the device tree after negotiation: the OS page of the thread
 * interrupt management area (reg entry 1) and the first IPI number.
 */
static bool xive_dt(const void *fdt, u64 *os_page, u32 *lisn)
{
	int node =
		fdt ? fdt_node_offset_by_compatible(fdt, -1, "ibm,power-ivpe")
		    : -1;
	const u64 *reg;
	const u32 *ranges;
	int len;

	if (node < 0)
		return false;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 32)
		return false;
	*os_page = __builtin_bswap64(reg[2]);
	ranges = fdt_getprop(fdt, node, "ibm,xive-lisn-ranges", &len);
	if (!ranges || len < 8)
		return false;
	*lisn = __builtin_bswap32(ranges[0]);
	return true;
}

/* The first priority ibm,plat-res-int-priorities (root node) reserves. */
static int reserved_priority(const void *fdt, int node, u32 *v)
{
	int len;
	const u32 *p =
		fdt_getprop(fdt, node, "ibm,plat-res-int-priorities", &len);

	if (!p || len < 4)
		return -1;
	*v = __builtin_bswap32(p[0]);
	return 0;
}

static void mmio_store8(u64 addr, u8 v)
{
	asm volatile("stb %0, 0(%1)" : : "r"(v), "b"(addr) : "memory");
}

/* The MMIO is big-endian: load it byte-reversed in little-endian mode. */
static u16 mmio_load16(u64 addr)
{
	u16 v;

	asm volatile("lhbrx %0, 0, %1" : "=r"(v) : "b"(addr) : "memory");
	return v;
}

static u64 esb_load(u32 lisn, u64 offset)
{
	u64 rets[4] = {0};

	hcall_rets(H_INT_ESB, rets, 0, lisn, offset, 0);
	return rets[0];
}

static void external_handler(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	u16 a = mmio_load16(tima_os + TM_ACK_OS);

	if (cpu == 0) {
		ack = a;
		taken++;
		esb_load(ipi_lisn, 0);
	} else {
		cpu_ack[cpu] = a;
		cpu_taken[cpu]++;
		esb_load(cpu_lisn[cpu], 0);
	}
	mmio_store8(tima_os + TM_OS_CPPR, 0xff);
}

TEST_CASE(hcalls_before_cas)
{
	u64 rets[4];

	report_eq(hcall_rets(H_INT_GET_SOURCE_INFO, rets, 0, 0, 0, 0),
		  H_FUNCTION, "H_INT_GET_SOURCE_INFO before negotiation");
}

/* Triggers the IPI and waits up to WAIT ticks for the interrupt. */
static void trigger_and_wait(u64 trigger_page, u64 wait)
{
	u64 msr = mfmsr(), t0;

	mmio_store8(tima_os + TM_OS_CPPR, 0xff);
	mtmsrd(msr | MSR_EE);
	*(volatile u64 *)trigger_page = 0;
	t0 = mftb();
	while (!taken && mftb() - t0 < wait)
		cpu_relax();
	mtmsrd(msr);
	mmio_store8(tima_os + TM_OS_CPPR, 0);
}

#define WAIT_SHORT 5120000ULL /* 10 ms at 512 MHz */
#define WAIT_LONG 1024000000ULL

TEST_CASE(ipi_self)
{
	const struct cas_result *r = radix_cas(true);
	exception_handler_t old;
	u64 rets[4] = {0}, server = cpu_server(0), trigger;
	long rc;

	if (!r->xive_offered)
		return report_skip(
			"no XIVE in ibm,arch-vec-5-platform-support");
	report_eq(r->status, H_SUCCESS, "client-architecture-support");
	if (!report(r->xive, "ibm,architecture-vec-5 byte 23 selects XIVE"))
		return;
	if (!report(xive_dt(r->fdt, &tima_os, &ipi_lisn),
		    "the device tree has an ibm,power-ivpe node"))
		return;
	rc = hcall_rets(H_INT_GET_SOURCE_INFO, rets, 0, ipi_lisn, 0, 0);
	report_eq(rc, H_SUCCESS, "H_INT_GET_SOURCE_INFO of IPI %u", ipi_lisn);
	trigger = rets[2] ? rets[2] : rets[1];
	report(trigger && rets[3] >= 12, "a trigger page, ESB shift %llu",
	       (unsigned long long)rets[3]);
	queue = alloc_page();
	rc = hcall5(H_INT_SET_QUEUE_CONFIG, 0, server, PRIO, (u64)queue,
		    QUEUE_SHIFT);
	report_eq(rc, H_SUCCESS, "H_INT_SET_QUEUE_CONFIG, priority %d", PRIO);
	rc = hcall5(H_INT_SET_SOURCE_CONFIG, SRC_SET_EISN, ipi_lisn, server,
		    PRIO, ipi_lisn);
	report_eq(rc, H_SUCCESS, "H_INT_SET_SOURCE_CONFIG to this CPU");
	rc = hcall_rets(H_INT_GET_SOURCE_CONFIG, rets, 0, ipi_lisn, 0, 0);
	report_eq(rc, H_SUCCESS, "H_INT_GET_SOURCE_CONFIG");
	report_eq(rets[0], server, "target server");
	report_eq(rets[1], PRIO, "priority");
	report_eq(rets[2], ipi_lisn, "EISN");
	if (!trigger)
		return;
	old = ppc_set_handler(VEC_EXTERNAL, external_handler);
	taken = 0;
	esb_load(ipi_lisn, ESB_SET_PQ_01);
	trigger_and_wait(trigger, WAIT_SHORT);
	report_eq(taken, 0, "no interrupt while the source is off (PQ 01)");
	esb_load(ipi_lisn, ESB_SET_PQ_00);
	trigger_and_wait(trigger, WAIT_LONG);
	ppc_set_handler(VEC_EXTERNAL, old);
	report_eq(taken, 1, "PQ 00: one external interrupt");
	report_eq(ack >> 8, NSR_EO, "acknowledge: NSR[EO]");
	report_eq(ack & 0xff, PRIO, "acknowledge: CPPR = the priority");
	report_eq(__builtin_bswap32(queue[0]), BIT(31) | ipi_lisn,
		  "event queue: generation 1, the IPI's EISN");
}

/* LoPAPR 14.5.3: H_Pn names the invalid parameter n. */
TEST_CASE(hcall_errors)
{
	const struct cas_result *r = radix_cas(true);
	u64 rets[4], server = cpu_server(0);
	u32 reserved;

	if (!r->xive)
		return report_skip("XIVE exploitation mode not negotiated");
	report_eq(hcall_rets(H_INT_GET_SOURCE_INFO, rets, 0, 0xffffff, 0, 0),
		  H_P2, "H_INT_GET_SOURCE_INFO of LISN 0xffffff");
	report_eq(hcall5(H_INT_SET_QUEUE_CONFIG, 0, server, PRIO, (u64)queue,
			 QUEUE_SHIFT + 1),
		  H_P5, "H_INT_SET_QUEUE_CONFIG with queue size 2^13");
	if (!reserved_priority(r->fdt, 0, &reserved))
		report_eq(hcall5(H_INT_SET_QUEUE_CONFIG, 0, server, reserved,
				 (u64)queue, QUEUE_SHIFT),
			  H_P3, "H_INT_SET_QUEUE_CONFIG, reserved priority %u",
			  reserved);
}

static void wait_ipi(void *data)
{
	unsigned int cpu = smp_processor_id();
	u64 msr = mfmsr(), t0 = mftb();

	mmio_store8(tima_os + TM_OS_CPPR, 0xff);
	mtmsrd(msr | MSR_EE);
	__atomic_store_n(&cpu_ready[cpu], 1, __ATOMIC_RELEASE);
	while (!cpu_taken[cpu] && mftb() - t0 < WAIT_LONG)
		cpu_relax();
	mtmsrd(msr);
	mmio_store8(tima_os + TM_OS_CPPR, 0);
}

/* An IPI of its own to each secondary CPU, through its event queue. */
TEST_CASE(ipi_each_cpu, .min_cpus = 2)
{
	const struct cas_result *r = radix_cas(true);
	exception_handler_t old;
	u64 rets[4];
	u32 base;

	if (!r->xive || !xive_dt(r->fdt, &tima_os, &base))
		return report_skip("XIVE exploitation mode not negotiated");
	old = ppc_set_handler(VEC_EXTERNAL, external_handler);
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++) {
		u64 server = cpu_server(cpu), trigger;

		cpu_lisn[cpu] = base + cpu;
		cpu_queue[cpu] = alloc_page();
		hcall_rets(H_INT_GET_SOURCE_INFO, rets, 0, cpu_lisn[cpu], 0, 0);
		trigger = rets[2] ? rets[2] : rets[1];
		report_eq(hcall5(H_INT_SET_QUEUE_CONFIG, 0, server, PRIO,
				 (u64)cpu_queue[cpu], QUEUE_SHIFT),
			  H_SUCCESS, "cpu %u: H_INT_SET_QUEUE_CONFIG", cpu);
		report_eq(hcall5(H_INT_SET_SOURCE_CONFIG, SRC_SET_EISN,
				 cpu_lisn[cpu], server, PRIO, cpu_lisn[cpu]),
			  H_SUCCESS, "cpu %u: H_INT_SET_SOURCE_CONFIG of %u",
			  cpu, cpu_lisn[cpu]);
		esb_load(cpu_lisn[cpu], ESB_SET_PQ_00);
		on_cpu_async(cpu, wait_ipi, NULL);
		while (!__atomic_load_n(&cpu_ready[cpu], __ATOMIC_ACQUIRE))
			cpu_relax();
		*(volatile u64 *)trigger = 0;
		smp_wait_idle(cpu);
		report_eq(cpu_taken[cpu], 1,
			  "cpu %u took one external interrupt", cpu);
		report_eq(cpu_ack[cpu], (NSR_EO << 8) | PRIO,
			  "cpu %u: acknowledge NSR[EO], CPPR %d", cpu, PRIO);
		report_eq(__builtin_bswap32(cpu_queue[cpu][0]),
			  BIT(31) | cpu_lisn[cpu],
			  "cpu %u: its event queue holds its EISN", cpu);
	}
	ppc_set_handler(VEC_EXTERNAL, old);
}
