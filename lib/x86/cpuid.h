/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpuid.h: CPUID feature flags as (leaf, subleaf, register, bit) (Intel SDM
 * vol. 2A CPUID tables 3-8 to 3-20; AMD APM vol. 3 appendix E), and the
 * x86 form of a case's feature requirement (libtest.h): .features =
 * CPU_FEATURES(X86_FEATURE_SMAP, X86_FEATURE_NX).
 */
#ifndef HV_X86_CPUID_H
#define HV_X86_CPUID_H

#include <types.h>

enum cpuid_reg { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX };

struct x86_feature {
	u32 leaf;
	u8 subleaf;
	u8 reg;
	u8 bit;
	const char *name;
};

#define X86_FEATURE(leaf, sub, reg, bit, name) \
	((struct x86_feature){leaf, sub, CPUID_##reg, bit, name})

/* Up to four features a case needs (see lib/x86/cpu.c for the SKIP text). */
struct arch_features {
	const struct x86_feature *list[4];
};

#define CPU_FEATURES(...) \
	(&(const struct arch_features){{ADDRESSES_OF(__VA_ARGS__)}})

#define X86_FEATURE_TSC X86_FEATURE(1, 0, EDX, 4, "tsc")
#define X86_FEATURE_MSR X86_FEATURE(1, 0, EDX, 5, "msr")
#define X86_FEATURE_APIC X86_FEATURE(1, 0, EDX, 9, "apic")
#define X86_FEATURE_SEP X86_FEATURE(1, 0, EDX, 11, "sep")
#define X86_FEATURE_MTRR X86_FEATURE(1, 0, EDX, 12, "mtrr")
#define X86_FEATURE_PGE X86_FEATURE(1, 0, EDX, 13, "pge")
#define X86_FEATURE_PAT X86_FEATURE(1, 0, EDX, 16, "pat")
#define X86_FEATURE_MONITOR X86_FEATURE(1, 0, ECX, 3, "monitor")
#define X86_FEATURE_VMX X86_FEATURE(1, 0, ECX, 5, "vmx")
#define X86_FEATURE_CX16 X86_FEATURE(1, 0, ECX, 13, "cx16")
#define X86_FEATURE_PCID X86_FEATURE(1, 0, ECX, 17, "pcid")
#define X86_FEATURE_X2APIC X86_FEATURE(1, 0, ECX, 21, "x2apic")
#define X86_FEATURE_MOVBE X86_FEATURE(1, 0, ECX, 22, "movbe")
#define X86_FEATURE_TSC_DEADLINE X86_FEATURE(1, 0, ECX, 24, "tsc-deadline")
#define X86_FEATURE_XSAVE X86_FEATURE(1, 0, ECX, 26, "xsave")
#define X86_FEATURE_RDRAND X86_FEATURE(1, 0, ECX, 30, "rdrand")
#define X86_FEATURE_HYPERVISOR X86_FEATURE(1, 0, ECX, 31, "hypervisor")
#define X86_FEATURE_FSGSBASE X86_FEATURE(7, 0, EBX, 0, "fsgsbase")
#define X86_FEATURE_TSC_ADJUST X86_FEATURE(7, 0, EBX, 1, "tsc_adjust")
#define X86_FEATURE_SMEP X86_FEATURE(7, 0, EBX, 7, "smep")
#define X86_FEATURE_INVPCID X86_FEATURE(7, 0, EBX, 10, "invpcid")
#define X86_FEATURE_RTM X86_FEATURE(7, 0, EBX, 11, "rtm")
#define X86_FEATURE_RDSEED X86_FEATURE(7, 0, EBX, 18, "rdseed")
#define X86_FEATURE_SMAP X86_FEATURE(7, 0, EBX, 20, "smap")
#define X86_FEATURE_UMIP X86_FEATURE(7, 0, ECX, 2, "umip")
#define X86_FEATURE_PKU X86_FEATURE(7, 0, ECX, 3, "pku")
#define X86_FEATURE_LA57 X86_FEATURE(7, 0, ECX, 16, "la57")
#define X86_FEATURE_RDPID X86_FEATURE(7, 0, ECX, 22, "rdpid")
#define X86_FEATURE_BUS_LOCK_DETECT \
	X86_FEATURE(7, 0, ECX, 24, "bus-lock-detect")
#define X86_FEATURE_SPEC_CTRL X86_FEATURE(7, 0, EDX, 26, "spec-ctrl")
#define X86_FEATURE_STIBP X86_FEATURE(7, 0, EDX, 27, "stibp")
#define X86_FEATURE_ARCH_CAPABILITIES \
	X86_FEATURE(7, 0, EDX, 29, "arch-capabilities")
#define X86_FEATURE_SSBD X86_FEATURE(7, 0, EDX, 31, "ssbd")
#define X86_FEATURE_SVM X86_FEATURE(0x80000001, 0, ECX, 2, "svm")
#define X86_FEATURE_TCE X86_FEATURE(0x80000001, 0, ECX, 17, "tce")
#define X86_FEATURE_SYSCALL X86_FEATURE(0x80000001, 0, EDX, 11, "syscall")
#define X86_FEATURE_NX X86_FEATURE(0x80000001, 0, EDX, 20, "nx")
#define X86_FEATURE_FFXSR X86_FEATURE(0x80000001, 0, EDX, 25, "fxsr_opt")
#define X86_FEATURE_GBPAGES X86_FEATURE(0x80000001, 0, EDX, 26, "pdpe1gb")
#define X86_FEATURE_RDTSCP X86_FEATURE(0x80000001, 0, EDX, 27, "rdtscp")
#define X86_FEATURE_LM X86_FEATURE(0x80000001, 0, EDX, 29, "lm")
#define X86_FEATURE_PCLMULQDQ X86_FEATURE(1, 0, ECX, 1, "pclmulqdq")
#define X86_FEATURE_FMA X86_FEATURE(1, 0, ECX, 12, "fma")
#define X86_FEATURE_SSE4_2 X86_FEATURE(1, 0, ECX, 20, "sse4.2")
#define X86_FEATURE_POPCNT X86_FEATURE(1, 0, ECX, 23, "popcnt")
#define X86_FEATURE_AES X86_FEATURE(1, 0, ECX, 25, "aes")
#define X86_FEATURE_AVX X86_FEATURE(1, 0, ECX, 28, "avx")
#define X86_FEATURE_RDRAND X86_FEATURE(1, 0, ECX, 30, "rdrand")
#define X86_FEATURE_BMI1 X86_FEATURE(7, 0, EBX, 3, "bmi1")
#define X86_FEATURE_AVX2 X86_FEATURE(7, 0, EBX, 5, "avx2")
#define X86_FEATURE_BMI2 X86_FEATURE(7, 0, EBX, 8, "bmi2")
#define X86_FEATURE_AVX512F X86_FEATURE(7, 0, EBX, 16, "avx512f")
#define X86_FEATURE_RDSEED X86_FEATURE(7, 0, EBX, 18, "rdseed")
#define X86_FEATURE_ADX X86_FEATURE(7, 0, EBX, 19, "adx")
#define X86_FEATURE_CLFLUSHOPT X86_FEATURE(7, 0, EBX, 23, "clflushopt")
#define X86_FEATURE_CLWB X86_FEATURE(7, 0, EBX, 24, "clwb")
#define X86_FEATURE_SHA X86_FEATURE(7, 0, EBX, 29, "sha-ni")
#define X86_FEATURE_XSAVEOPT X86_FEATURE(0xd, 1, EAX, 0, "xsaveopt")
#define X86_FEATURE_XSAVEC X86_FEATURE(0xd, 1, EAX, 1, "xsavec")
#define X86_FEATURE_XGETBV1 X86_FEATURE(0xd, 1, EAX, 2, "xgetbv1")
#define X86_FEATURE_XSAVES X86_FEATURE(0xd, 1, EAX, 3, "xsaves")
#define X86_FEATURE_LAHF_LM X86_FEATURE(0x80000001, 0, ECX, 0, "lahf-lm")
#define X86_FEATURE_ABM X86_FEATURE(0x80000001, 0, ECX, 5, "abm")
#define X86_FEATURE_TOPOEXT X86_FEATURE(0x80000001, 0, ECX, 22, "topoext")
#define X86_FEATURE_CLZERO X86_FEATURE(0x80000008, 0, EBX, 0, "clzero")
#define X86_FEATURE_AMD_IBPB X86_FEATURE(0x80000008, 0, EBX, 12, "ibpb")
#define X86_FEATURE_AMD_IBRS X86_FEATURE(0x80000008, 0, EBX, 14, "ibrs")
#define X86_FEATURE_AMD_STIBP X86_FEATURE(0x80000008, 0, EBX, 15, "amd-stibp")
#define X86_FEATURE_AMD_SSBD X86_FEATURE(0x80000008, 0, EBX, 24, "amd-ssbd")
#define X86_FEATURE_NPT X86_FEATURE(0x8000000a, 0, EDX, 0, "npt")
#define X86_FEATURE_LBRV X86_FEATURE(0x8000000a, 0, EDX, 1, "lbrv")
#define X86_FEATURE_SVML X86_FEATURE(0x8000000a, 0, EDX, 2, "svm-lock")
#define X86_FEATURE_NRIPS X86_FEATURE(0x8000000a, 0, EDX, 3, "nrip-save")
#define X86_FEATURE_TSCRATEMSR X86_FEATURE(0x8000000a, 0, EDX, 4, "tsc-scale")
#define X86_FEATURE_VMCBCLEAN X86_FEATURE(0x8000000a, 0, EDX, 5, "vmcb-clean")
#define X86_FEATURE_FLUSHBYASID \
	X86_FEATURE(0x8000000a, 0, EDX, 6, "flushbyasid")
#define X86_FEATURE_DECODEASSISTS \
	X86_FEATURE(0x8000000a, 0, EDX, 7, "decodeassists")
#define X86_FEATURE_PAUSEFILTER \
	X86_FEATURE(0x8000000a, 0, EDX, 10, "pause-filter")
#define X86_FEATURE_PFTHRESHOLD \
	X86_FEATURE(0x8000000a, 0, EDX, 12, "pfthreshold")
#define X86_FEATURE_VGIF X86_FEATURE(0x8000000a, 0, EDX, 16, "vgif")
#define X86_FEATURE_AUTOIBRS X86_FEATURE(0x80000021, 0, EAX, 8, "auto-ibrs")

#endif
