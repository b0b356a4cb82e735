// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp: multiprocessor pseries guests. RTAS (LoPAPR 1.1 7.3.9): every CPU
 * started with start-cpu runs; query-cpu-stopped-state says running for a
 * running CPU and -3 for a CPU that does not exist; a CPU stopped with
 * stop-self reads as stopped and starts again. XICS (LoPAPR 14.5.4.2): an
 * H_IPI to each CPU raises an external interrupt (Book III 7.5.6) there and
 * H_XIRR shows XISR 2; an IPI less favoured than the CPPR waits for the
 * CPPR to drop. Storage (Book II 1.7.3, 4.6.2): a store by another
 * CPU to the reservation granule, even of the value already there, makes the
 * store conditional fail; a counter incremented with lwarx/stwcx. on every
 * CPU loses nothing; message passing with lwsync, sync or eieio between the
 * writer's stores and lwsync between the reader's loads never shows the flag
 * without the data (Book II 1.7.1, 4.6.3). The time base is in step across
 * CPUs (Book II 5.2: a value read after another CPU's read is not smaller).
 * H_CEDE (LoPAPR 14.11.3.1) waits until H_PROD (14.11.3.3) from another CPU.
 * H_SIGNAL_SYS_RESET delivers a system reset (Book III 7.5.1) to another
 * CPU.
 */
#include <libtest.h>
#include <smp.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/hcall.h>
#include <powerpc/smp.h>
#include <powerpc/xics.h>

#define CR0_EQ 0x20000000U
#define WAIT_TICKS (10ULL * 512000000)
#define RTAS_PARAM_ERROR (-3)

static unsigned int ids[SMP_MAX_CPUS];

static void record_id(void *data)
{
	unsigned int cpu = smp_processor_id();

	ids[cpu] = cpu;
}

TEST_CASE(bring_up, .min_cpus = 2)
{
	memset(ids, 0xff, sizeof(ids));
	on_cpus(record_id, NULL);
	for (unsigned int i = 0; i < nr_cpus(); i++) {
		report_eq(ids[i], i, "cpu %u ran", i);
	}
}

TEST_CASE(query_state, .min_cpus = 2)
{
	on_cpu(1, record_id, NULL);
	report_eq(cpu_stopped_state(cpu_server(0)), CPU_STATE_RUNNING,
		  "query-cpu-stopped-state of this CPU: running (2)");
	report_eq(cpu_stopped_state(cpu_server(1)), CPU_STATE_RUNNING,
		  "of a started CPU: running (2)");
	report_eq(cpu_stopped_state(0x7777), RTAS_PARAM_ERROR,
		  "of a CPU that does not exist: -3");
}

static void stop_fn(void *data)
{
	cpu_stop_self();
}

TEST_CASE(stop_restart, .min_cpus = 2)
{
	u64 t0;
	int st;

	on_cpu(1, record_id, NULL);
	on_cpu_async(1, stop_fn, NULL);
	t0 = mftb();
	while ((st = cpu_stopped_state(cpu_server(1))) != CPU_STATE_STOPPED &&
	       mftb() - t0 < WAIT_TICKS)
		cpu_relax();
	report_eq(st, CPU_STATE_STOPPED, "after stop-self: stopped (0)");
	report(!cpu_online(1), "the library sees it offline");
	ids[1] = ~0U;
	on_cpu(1, record_id, NULL);
	report_eq(ids[1], 1, "start-cpu runs it again");
	report_eq(cpu_stopped_state(cpu_server(1)), CPU_STATE_RUNNING,
		  "and it reads as running (2)");
}

static volatile unsigned int ipi_count[SMP_MAX_CPUS];
static volatile u32 ipi_xisr[SMP_MAX_CPUS];
static volatile int ipi_ready[SMP_MAX_CPUS];

static void external_handler(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	u32 xirr = xics_accept();

	ipi_xisr[cpu] = XIRR_XISR(xirr);
	if (XIRR_XISR(xirr) == XICS_IPI)
		xics_ipi(cpu_server(cpu), XICS_PRIO_NONE);
	ipi_count[cpu]++;
	xics_eoi(xirr);
}

static void wait_ipi(void *data)
{
	unsigned int cpu = smp_processor_id();
	u64 msr = mfmsr(), t0 = mftb();

	xics_set_cppr(XICS_PRIO_NONE);
	mtmsrd(msr | MSR_EE);
	__atomic_store_n(&ipi_ready[cpu], 1, __ATOMIC_RELEASE);
	while (!ipi_count[cpu] && mftb() - t0 < WAIT_TICKS)
		cpu_relax();
	mtmsrd(msr);
	xics_set_cppr(0);
}

TEST_CASE(ipi, .min_cpus = 2)
{
	exception_handler_t old;

	if (!xics_present())
		return report_skip("no IBM,ppc-xicp node: not XICS");
	old = ppc_set_handler(VEC_EXTERNAL, external_handler);
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++) {
		ipi_count[cpu] = 0;
		ipi_ready[cpu] = 0;
		on_cpu_async(cpu, wait_ipi, NULL);
		while (!__atomic_load_n(&ipi_ready[cpu], __ATOMIC_ACQUIRE))
			cpu_relax();
		report_eq(xics_ipi(cpu_server(cpu), 5), H_SUCCESS,
			  "H_IPI to cpu %u", cpu);
		smp_wait_idle(cpu);
		report_eq(ipi_count[cpu], 1,
			  "cpu %u took one external interrupt", cpu);
		report_eq(ipi_xisr[cpu], XICS_IPI, "cpu %u: XISR 2 (IPI)", cpu);
	}
	ppc_set_handler(VEC_EXTERNAL, old);
}

#define INCREMENTS 20000

static u32 counter __attribute__((aligned(128)));

static void add_many(void *data)
{
	for (int i = 0; i < INCREMENTS; i++) {
		u32 tmp;

		asm volatile("1: lwarx %0, 0, %1\n\taddi %0, %0, 1\n\t"
			     "stwcx. %0, 0, %1\n\tbne- 1b"
			     : "=&b"(tmp)
			     : "r"(&counter)
			     : "memory", "cr0");
	}
}

TEST_CASE(contended_counter, .min_cpus = 2)
{
	counter = 0;
	on_cpus(add_many, NULL);
	report_eq(counter, nr_cpus() * INCREMENTS,
		  "%u CPUs x %d lwarx/stwcx. increments", nr_cpus(),
		  INCREMENTS);
}

static struct {
	u32 word __attribute__((aligned(128)));
	int go __attribute__((aligned(128)));
	int done;
} resv;

static void store_other(void *data)
{
	while (!__atomic_load_n(&resv.go, __ATOMIC_ACQUIRE))
		cpu_relax();
	__atomic_store_n(&resv.word, *(u32 *)data, __ATOMIC_RELAXED);
	__atomic_store_n(&resv.done, 1, __ATOMIC_RELEASE);
}

static u32 reserve_and_wait(u32 other)
{
	u64 old, cr;

	resv.word = 100;
	resv.go = 0;
	resv.done = 0;
	on_cpu_async(1, store_other, &other);
	asm volatile("lwarx %0, 0, %1"
		     : "=r"(old)
		     : "r"(&resv.word)
		     : "memory");
	__atomic_store_n(&resv.go, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&resv.done, __ATOMIC_ACQUIRE))
		cpu_relax();
	asm volatile("stwcx. %1, 0, %2\n\tmfcr %0"
		     : "=r"(cr)
		     : "r"(300ULL), "r"(&resv.word)
		     : "memory", "cr0");
	smp_wait_idle(1);
	return (u32)cr;
}

TEST_CASE(reservation_lost, .min_cpus = 2)
{
	u32 cr = reserve_and_wait(200);

	report_eq(cr & CR0_EQ, 0,
		  "stwcx. fails after another CPU stored a new value");
	report_eq(resv.word, 200, "the new value stays");
	cr = reserve_and_wait(100);
	report_eq(cr & CR0_EQ, 0,
		  "stwcx. fails after another CPU stored the same value");
	report_eq(resv.word, 100, "the same value stays, not stwcx.'s");
}

#define ROUNDS 200

static volatile u64 tb_seen;
static int turn;
static unsigned int tb_behind;

static void tb_partner(void *data)
{
	for (int i = 0; i < ROUNDS; i++) {
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != 2 * i + 1)
			cpu_relax();
		tb_behind += mftb() < tb_seen;
		tb_seen = mftb();
		__atomic_store_n(&turn, 2 * i + 2, __ATOMIC_RELEASE);
	}
}

TEST_CASE(timebase_in_step, .min_cpus = 2)
{
	unsigned int behind = 0;

	turn = 0;
	tb_behind = 0;
	on_cpu_async(1, tb_partner, NULL);
	for (int i = 0; i < ROUNDS; i++) {
		tb_seen = mftb();
		__atomic_store_n(&turn, 2 * i + 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != 2 * i + 2)
			cpu_relax();
		behind += mftb() < tb_seen;
	}
	smp_wait_idle(1);
	report_eq(tb_behind, 0, "cpu 1 never reads a time base below cpu 0's");
	report_eq(behind, 0, "cpu 0 never reads one below cpu 1's");
}

#define MP_ROUNDS 100000

static struct {
	u64 data __attribute__((aligned(128)));
	u64 flag __attribute__((aligned(128)));
} mp;

#define MP_WRITER(fn, barrier)                                       \
	static void fn(void *arg)                                    \
	{                                                            \
		for (u64 i = 1; i <= MP_ROUNDS; i++) {               \
			asm volatile("std %1, %0\n\t" barrier "\n\t" \
				     "std %1, %2"                    \
				     : "=m"(mp.data)                 \
				     : "r"(i), "m"(mp.flag)          \
				     : "memory");                    \
		}                                                    \
	}

MP_WRITER(mp_lwsync, "lwsync")
MP_WRITER(mp_sync, "sync")
MP_WRITER(mp_eieio, "eieio")

static const struct mp_row {
	const char *name;
	smp_fn_t writer;
} mp_rows[] = {
	{"lwsync", mp_lwsync},
	{"sync", mp_sync},
	{"eieio", mp_eieio},
};

/* Book II 1.7.1 and 4.6.3: flag seen => data seen. */
TEST_VARIANTS(message_passing, mp_rows, .min_cpus = 2)
{
	u64 f = 0, d, stale = 0, seen = 0, t0 = mftb();

	mp.data = 0;
	mp.flag = 0;
	on_cpu_async(1, variant->writer, NULL);
	while (f < MP_ROUNDS && mftb() - t0 < WAIT_TICKS) {
		asm volatile("ld %0, %2\n\tlwsync\n\tld %1, %3"
			     : "=&r"(f), "=r"(d)
			     : "m"(mp.flag), "m"(mp.data)
			     : "memory");
		stale += d < f;
		seen++;
	}
	smp_wait_idle(1);
	report_eq(f, MP_ROUNDS, "the reader saw the last flag");
	report_eq(stale, 0, "%s: no flag without its data (%llu reads)",
		  variant->name, (unsigned long long)seen);
}

static volatile int cede_done;
static volatile long cede_rc;

static void cede_fn(void *arg)
{
	u64 msr = mfmsr();

	mtspr(SPR_DEC, 0x7fffffffULL);
	xics_set_cppr(0);
	cede_rc = hcall(H_CEDE, 0, 0, 0, 0);
	mtmsrd(msr);
	__atomic_store_n(&cede_done, 1, __ATOMIC_RELEASE);
}

/* A decrementer running out while a CPU waits in H_CEDE is not lost. */
static void dec_rearm(struct pt_regs *regs)
{
	mtspr(SPR_DEC, 0x7fffffffULL);
}

TEST_CASE(cede_prod, .min_cpus = 2)
{
	exception_handler_t old = ppc_set_handler(VEC_DECREMENTER, dec_rearm);
	u64 t0;
	long rc;

	cede_done = 0;
	cede_rc = -1;
	on_cpu_async(1, cede_fn, NULL);
	t0 = mftb();
	while (mftb() - t0 < 10 * 512000ULL)
		cpu_relax();
	report_eq(cede_done, 0, "cpu 1 waits in H_CEDE (10 ms)");
	rc = hcall(H_PROD, cpu_server(1), 0, 0, 0);
	report_eq(rc, H_SUCCESS, "H_PROD of cpu 1: H_Success");
	t0 = mftb();
	while (!__atomic_load_n(&cede_done, __ATOMIC_ACQUIRE) &&
	       mftb() - t0 < WAIT_TICKS)
		cpu_relax();
	report_eq(cede_done, 1, "H_PROD ends its H_CEDE");
	report_eq(cede_rc, H_SUCCESS, "H_CEDE returns H_Success");
	smp_wait_idle(1);
	ppc_set_handler(VEC_DECREMENTER, old);
}

static volatile unsigned int sreset_hits[SMP_MAX_CPUS];
static volatile int sreset_ready;

static void sreset_handler(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();

	sreset_hits[cpu]++;
}

static void wait_sreset(void *data)
{
	unsigned int cpu = smp_processor_id();
	u64 t0 = mftb();

	__atomic_store_n(&sreset_ready, 1, __ATOMIC_RELEASE);
	while (!sreset_hits[cpu] && mftb() - t0 < WAIT_TICKS)
		cpu_relax();
}

/*
 * PAPR H_SIGNAL_SYS_RESET (hcall 0x380), the NMI of a partition: a system
 * reset interrupt (Power ISA v3.0B Book III 7.5.1) on the target, which
 * resumes after it; a target that does not exist is H_Parameter.
 */
TEST_CASE(system_reset, .min_cpus = 2)
{
	exception_handler_t old;
	long rc;

	old = ppc_set_handler(VEC_SYSTEM_RESET, sreset_handler);
	sreset_hits[1] = 0;
	sreset_ready = 0;
	on_cpu_async(1, wait_sreset, NULL);
	while (!__atomic_load_n(&sreset_ready, __ATOMIC_ACQUIRE))
		cpu_relax();
	rc = hcall(H_SIGNAL_SYS_RESET, cpu_server(1), 0, 0, 0);
	smp_wait_idle(1);
	report_eq(rc, H_SUCCESS, "H_SIGNAL_SYS_RESET to cpu 1");
	report_eq(sreset_hits[1], 1, "cpu 1 took one system reset interrupt");
	report_eq(hcall(H_SIGNAL_SYS_RESET, 0x7777, 0, 0, 0), H_PARAMETER,
		  "to a CPU that does not exist: H_Parameter");
	ppc_set_handler(VEC_SYSTEM_RESET, old);
}

/*
 * LoPAPR 14.5.4.2 (XICS): an interrupt is presented only when its
 * priority is more favoured (lower) than the CPPR; lowering the CPPR's
 * favour below it lets the pending IPI in.
 */
TEST_CASE(ipi_priority)
{
	exception_handler_t old;
	u64 msr = mfmsr(), t0;
	unsigned int masked;

	if (!xics_present())
		return report_skip("no IBM,ppc-xicp node: not XICS");
	old = ppc_set_handler(VEC_EXTERNAL, external_handler);
	ipi_count[0] = 0;
	xics_set_cppr(3);
	mtmsrd(msr | MSR_EE);
	xics_ipi(cpu_server(0), 5);
	t0 = mftb();
	while (mftb() - t0 < 512000ULL)
		cpu_relax();
	masked = ipi_count[0];
	xics_set_cppr(XICS_PRIO_NONE);
	t0 = mftb();
	while (!ipi_count[0] && mftb() - t0 < WAIT_TICKS)
		cpu_relax();
	mtmsrd(msr);
	xics_set_cppr(0);
	ppc_set_handler(VEC_EXTERNAL, old);
	report_eq(masked, 0,
		  "IPI priority 5 with CPPR 3: not presented (1 ms)");
	report_eq(ipi_count[0], 1, "CPPR 0xff: presented once");
	report_eq(ipi_xisr[0], XICS_IPI, "XISR 2");
}
