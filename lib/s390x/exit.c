// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit.c: exit(status) stops the VM: SIGP STOP to every other CPU, then to
 * this one (sigp.h). QEMU requests a guest shutdown when the last running
 * CPU stops and exits with status 0 (target/s390x/sigp.c,
 * do_stop_interrupt). The status itself reaches the runner through the end
 * marker only. Should this CPU still run a second later, it loads a
 * disabled-wait PSW whose address is 0xdead0000 + status, which QEMU
 * reports as a guest panic (exit status 1 with -action panic=exit-failure).
 */
#include <libtest.h>
#include <smp.h>
#include <s390x/processor.h>
#include <s390x/sigp.h>

#define STOP_TIMEOUT_USEC 1000000ULL
#define DISABLED_WAIT_EXIT 0xdead0000ULL

void exit(int status)
{
	unsigned int self = smp_processor_id();
	u64 deadline;

	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		if (cpu != self)
			sigp_retry(cpu, SIGP_STOP, 0);
	sigp(stap(), SIGP_STOP, 0, NULL);
	deadline = stck() + STOP_TIMEOUT_USEC * TOD_PER_USEC;
	while (stck() < deadline)
		cpu_relax();
	disabled_wait(DISABLED_WAIT_EXIT | (u8)status);
}
