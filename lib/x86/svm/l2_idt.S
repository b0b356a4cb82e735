/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * l2_idt.S: the entry points of L2's own IDT (svm.h svm_l2_idt()). Each
 * of the 256 is 16 bytes; it pushes an error code of 0 where the CPU
 * pushes none (AMD APM vol. 2 8.2: #DF, #TS, #NP, #SS, #GP, #PF, #AC,
 * #CP, #VC, #SX push one), then its vector. The common part records the
 * vector, error code and return RIP of the event in l2_idt_seen and
 * returns with IRETQ (APM vol. 2 8.9.3 long-mode interrupt stack frame).
 */
	.text
	.balign 16
	.globl l2_idt_entries
l2_idt_entries:
	vec = 0
	.rept 256
	.balign 16
	.if vec != 8 && (vec < 10 || vec > 14) && vec != 17 && vec != 21 && vec != 29 && vec != 30
	push $0
	.endif
	push $vec
	jmp l2_idt_common
	vec = vec + 1
	.endr

/* struct l2_event { u64 hits, vector, error_code, rip; } l2_idt_seen. */
l2_idt_common:
	push %rax
	incq l2_idt_seen(%rip)
	mov 8(%rsp), %rax
	mov %rax, l2_idt_seen+8(%rip)
	mov 16(%rsp), %rax
	mov %rax, l2_idt_seen+16(%rip)
	mov 24(%rsp), %rax
	mov %rax, l2_idt_seen+24(%rip)
	pop %rax
	add $16, %rsp
	iretq
