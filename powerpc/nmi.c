// SPDX-License-Identifier: GPL-2.0-only
/*
 * nmi: firmware-assisted non-maskable interrupts of a pseries partition
 * (LoPAPR 1.1, RTAS ibm,nmi-register: once it succeeds, the platform
 * delivers system reset and machine check interrupts at the two real
 * addresses registered, in the first 32 MiB of the real mode area,
 * instead of at 0x100 and 0x200). An address outside that range is a
 * parameter error (-3); a system reset sent with H_SIGNAL_SYS_RESET
 * after registration arrives at the registered entry, with SRR0/SRR1 as
 * the architected interrupt sets them (Power ISA v3.0B Book III 7.5.1),
 * and not at 0x100. Registration cannot be undone: this test has its own
 * guest. A machine check cannot be raised on purpose here (see
 * docs/ppc64le.md).
 */
#include <libtest.h>
#include <smp.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/hcall.h>
#include <powerpc/rtas.h>
#include <powerpc/smp.h>

#define RTAS_PARAMETER_ERROR (-3)
#define FIRST_32M (32U << 20)
#define WAIT_TICKS (10ULL * 512000000)

static volatile unsigned int arch_hits, fwnmi_hits;
static volatile u64 fwnmi_srr1;
static volatile int ready;

static void arch_handler(struct pt_regs *regs)
{
	arch_hits++;
}

static void fwnmi_handler(struct pt_regs *regs)
{
	fwnmi_srr1 = regs->msr;
	fwnmi_hits++;
}

static void wait_sreset(void *data)
{
	u64 t0 = mftb();

	__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
	while (!arch_hits && !fwnmi_hits && mftb() - t0 < WAIT_TICKS)
		cpu_relax();
}

static int nmi_register(u32 sreset, u32 mce)
{
	u32 args[2] = {sreset, mce};

	return rtas_call(rtas_token("ibm,nmi-register"), 2, args, 1, NULL);
}

TEST_CASE(system_reset, .min_cpus = 2)
{
	u32 entry = (u32)(u64)ppc_fwnmi_sreset;
	exception_handler_t old_arch, old_fwnmi;
	long rc;

	if (rtas_token("ibm,nmi-register") == RTAS_UNKNOWN_TOKEN)
		return report_skip("no ibm,nmi-register in /rtas");
	report_eq(rtas_instantiate(), H_SUCCESS,
		  "RTAS area named (KVMPPC_H_UPDATE_DT)");
	report_eq(nmi_register(FIRST_32M, entry), RTAS_PARAMETER_ERROR,
		  "system reset entry at 32 MiB: parameter error");
	report_eq(nmi_register(entry, FIRST_32M), RTAS_PARAMETER_ERROR,
		  "machine check entry at 32 MiB: parameter error");
	if (!report_eq(nmi_register(entry, 0x200), 0, "ibm,nmi-register at %#x",
		       entry))
		return;
	old_arch = ppc_set_handler(VEC_SYSTEM_RESET, arch_handler);
	old_fwnmi = ppc_set_handler(VEC_FWNMI_SRESET, fwnmi_handler);
	on_cpu_async(1, wait_sreset, NULL);
	while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
		cpu_relax();
	rc = hcall(H_SIGNAL_SYS_RESET, cpu_server(1), 0, 0, 0);
	smp_wait_idle(1);
	report_eq(rc, H_SUCCESS, "H_SIGNAL_SYS_RESET to cpu 1");
	report_eq(fwnmi_hits, 1, "cpu 1 entered at the registered address");
	report_eq(arch_hits, 0, "and not at 0x100");
	report_eq(fwnmi_srr1 & (MSR_SF | MSR_ME), MSR_SF | MSR_ME,
		  "SRR1 holds the interrupted MSR's SF and ME");
	ppc_set_handler(VEC_SYSTEM_RESET, old_arch);
	ppc_set_handler(VEC_FWNMI_SRESET, old_fwnmi);
}
