// SPDX-License-Identifier: GPL-2.0-only
/*
 * apic.c: local APIC access in both modes (see apic.h). xAPIC registers
 * are 32-bit loads and stores at IA32_APIC_BASE + offset, uncached by the
 * boot page tables (SDM vol. 3A 11.4.1); x2APIC registers are MSRs
 * (11.12.1.2), where ICR is one 64-bit MSR (11.12.9) and there is no
 * delivery status to poll.
 */
#include <libtest.h>
#include <smp.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/tsc.h>
#include <x86/exceptions.h>

#define ICR_IDLE_US 100000

static u8 mode[MAX_CPUS]; /* enum apic_mode, 0 (DISABLED) until found */
static bool mode_known[MAX_CPUS];
static unsigned int spurious[MAX_CPUS];

static volatile u32 *mmio(u32 reg)
{
	return (volatile u32 *)(APIC_DEFAULT_BASE + reg);
}

static enum apic_mode read_mode(void)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);

	if (!(base & APIC_BASE_EN))
		return APIC_MODE_DISABLED;
	return (base & APIC_BASE_EXTD) ? APIC_MODE_X2APIC : APIC_MODE_XAPIC;
}

enum apic_mode apic_mode(void)
{
	unsigned int cpu = smp_id();

	if (!mode_known[cpu]) {
		mode[cpu] = read_mode();
		mode_known[cpu] = true;
	}
	return mode[cpu];
}

static void write_base(u64 flags)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);

	wrmsr(MSR_IA32_APIC_BASE,
	      (base & ~(APIC_BASE_EN | APIC_BASE_EXTD)) | flags);
}

bool apic_set_mode(enum apic_mode m)
{
	enum apic_mode cur = apic_mode();

	/* CPUID.1:ECX.x2APIC does not depend on the APIC being enabled. */
	if (m == APIC_MODE_X2APIC && !cpu_has(X86_FEATURE_X2APIC))
		return false;
	if (cur == m)
		return true;
	if (cur == APIC_MODE_X2APIC || m == APIC_MODE_DISABLED)
		write_base(0);
	if (m != APIC_MODE_DISABLED)
		write_base(APIC_BASE_EN);
	if (m == APIC_MODE_X2APIC)
		write_base(APIC_BASE_EN | APIC_BASE_EXTD);
	mode[smp_id()] = m;
	return true;
}

u32 apic_read(u32 reg)
{
	if (apic_mode() == APIC_MODE_X2APIC)
		return rdmsr(APIC_MSR(reg));
	return *mmio(reg);
}

void apic_write(u32 reg, u32 val)
{
	if (apic_mode() == APIC_MODE_X2APIC)
		wrmsr(APIC_MSR(reg), val);
	else
		*mmio(reg) = val;
}

u32 apic_id(void)
{
	u32 id = apic_read(APIC_ID);

	return apic_mode() == APIC_MODE_X2APIC ? id : id >> 24;
}

/*
 * The Self shorthand is valid with fixed delivery only (SDM vol. 3A 11.6.1,
 * valid ICR combinations): an NMI to oneself names one's own APIC ID.
 */
bool apic_self_nmi(void)
{
	return apic_icr_write(apic_id(), APIC_DM_NMI);
}

bool apic_icr_write(u32 dest, u32 low)
{
	u64 end;

	if (apic_mode() == APIC_MODE_X2APIC) {
		wrmsr(APIC_MSR(APIC_ICR), ((u64)dest << 32) | low);
		return true;
	}
	*mmio(APIC_ICR2) = dest << 24;
	*mmio(APIC_ICR) = low;
	end = rdtsc() + us_to_tsc(ICR_IDLE_US);
	while (*mmio(APIC_ICR) & APIC_DELIVERY_PENDING)
		if (rdtsc() > end)
			return false;
	return true;
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

bool apic_vec_bit(u32 base, unsigned int vec)
{
	return apic_read(base + (vec / 32) * 0x10) & (1U << (vec % 32));
}

int apic_highest(u32 base)
{
	for (int i = 7; i >= 0; i--) {
		u32 v = apic_read(base + i * 0x10);

		if (v)
			return i * 32 + 31 - __builtin_clz(v);
	}
	return -1;
}

/* A spurious interrupt sets no ISR bit, so it takes no EOI (11.9). */
static void spurious_handler(struct ex_regs *regs)
{
	__atomic_fetch_add(&spurious[smp_id()], 1, __ATOMIC_RELAXED);
}

unsigned int apic_spurious_count(unsigned int cpu)
{
	return __atomic_load_n(&spurious[cpu], __ATOMIC_RELAXED);
}

void apic_init_cpu(void)
{
	unsigned int cpu = smp_id();

	x86_set_handler(APIC_SPURIOUS_VECTOR, spurious_handler);
	mode_known[cpu] = false;
	if (apic_mode() == APIC_MODE_DISABLED)
		apic_set_mode(APIC_MODE_XAPIC);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
	apic_write(APIC_TPR, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	apic_write(APIC_LVT_ERROR, APIC_LVT_MASKED);
	if (cpu) {
		apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
		apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
	}
}

bool apic_mode_from_args(enum apic_mode *mode)
{
	const char *m = arg_get("mode");

	if (m && strcmp(m, "x2apic") && strcmp(m, "xapic")) {
		report(false, "option mode=%s is xapic or x2apic", m);
		return false;
	}
	*mode = m && !strcmp(m, "x2apic") ? APIC_MODE_X2APIC : APIC_MODE_XAPIC;
	if (!cpu_has(X86_FEATURE_APIC)) {
		report_skip("no local APIC (CPUID.1:EDX.APIC)");
		return false;
	}
	if (*mode == APIC_MODE_X2APIC && !cpu_has(X86_FEATURE_X2APIC)) {
		report_skip("x2APIC not enumerated (CPUID.1:ECX.x2APIC)");
		return false;
	}
	return true;
}

void apic_enter_mode(void *mode)
{
	apic_set_mode(*(enum apic_mode *)mode);
	apic_init_cpu();
}

void apic_mode_all_cpus(enum apic_mode mode, bool start_all)
{
	apic_enter_mode(&mode);
	for (unsigned int c = 1; c < nr_cpus(); c++)
		if (start_all || cpu_online(c))
			on_cpu(c, apic_enter_mode, &mode);
}
