/*
 * aarch64 exception entry glue: the EL1 vector table and a stack for exceptions.
 *
 * trap_init (called by entry.S before the kernel) points VBAR_EL1 at `vectors` and SP_EL0 at a
 * 16 KiB exception stack (with an unmapped guard page below it). The table has the architecture's 16 entries of 128 bytes, 2 KiB
 * aligned (Arm ARM DDI 0487, D1.10.2 "Exception vectors"): {sync, IRQ, FIQ, SError} taken from
 * the current EL with SP_EL0, from the current EL with SP_ELx, from a lower EL in AArch64 and in
 * AArch32. Every entry switches to SP_EL0 (`msr spsel, #0`), so an exception caused by an
 * overflow of the kernel stack (SP_EL1) into its guard page still has a stack to report on. The
 * interrupted SP is kept through TPIDRRO_EL0 as a scratch register for three instructions.
 *
 * The frame passed to arch_trap__trapEntry(frame, index) is 288 bytes: x0..x30 at 8 * n, then
 * the interrupted sp (+248), ELR_EL1 (+256), SPSR_EL1 (+264), ESR_EL1 (+272), FAR_EL1 (+280);
 * index is the entry number 0-15 (arch/aarch64/trap.ts reads both). If the kernel's handler
 * returns, the registers, ELR and SPSR are restored and `eret` resumes the interrupted code on
 * its own stack.
 *
 * IRQ entries (1, 5, 9, 13) are different: they stay on SP_EL1 (the exception put the CPU there:
 * the running thread's kernel stack) and build a 816-byte IRQ frame on it: the same 288 bytes,
 * then the whole FP/SIMD state, q0..q31 (+288) and FPSR (+800), FPCR (+808), because the kernel's
 * C may use any SIMD register and AAPCS64 lets a callee clobber all but the low halves of
 * v8-v15. They call arch_trap__irqEntry(frame, index). The kernel may switch threads inside it
 * (preemption): the frame stays on the interrupted thread's stack and is restored, with `eret`,
 * when that thread is switched back in and the call returns. PSTATE.I is set by the exception
 * and restored from SPSR by the eret, so IRQ handlers never nest.
 */

#define FRAME_SIZE  288
#define IRQ_FRAME_SIZE 816
#define EXC_STACK_SIZE (16 * 1024)

        .text

        .macro  ventry index
        .p2align 7
        msr     tpidrro_el0, x0
        mov     x0, sp
        msr     spsel, #0
        sub     sp, sp, #FRAME_SIZE
        str     x0, [sp, #248]
        mrs     x0, tpidrro_el0
        stp     x0, x1, [sp, #0]
        mov     x1, #\index
        b       trap_common
        .endm

        /* IRQ: the frame goes on the current stack (SP_EL1). */
        .macro  ventry_irq index
        .p2align 7
        sub     sp, sp, #IRQ_FRAME_SIZE
        stp     x0, x1, [sp, #0]
        mov     x1, #\index
        b       irq_common
        .endm

        .p2align 11
        .globl  vectors
vectors:
        ventry  0
        ventry_irq 1
        ventry  2
        ventry  3
        ventry  4
        ventry_irq 5
        ventry  6
        ventry  7
        ventry  8
        ventry_irq 9
        ventry  10
        ventry  11
        ventry  12
        ventry_irq 13
        ventry  14
        ventry  15

/* The frame's x2..x29 at 8 * n: `\op` is stp to save them, ldp to restore them. */
        .macro  frame_x2_x29 op
        \op     x2, x3, [sp, #16]
        \op     x4, x5, [sp, #32]
        \op     x6, x7, [sp, #48]
        \op     x8, x9, [sp, #64]
        \op     x10, x11, [sp, #80]
        \op     x12, x13, [sp, #96]
        \op     x14, x15, [sp, #112]
        \op     x16, x17, [sp, #128]
        \op     x18, x19, [sp, #144]
        \op     x20, x21, [sp, #160]
        \op     x22, x23, [sp, #176]
        \op     x24, x25, [sp, #192]
        \op     x26, x27, [sp, #208]
        \op     x28, x29, [sp, #224]
        .endm

/* ELR, SPSR, ESR, FAR into the frame (+256..+280). Clobbers x2, x3 (already saved). */
        .macro  save_exception_regs
        mrs     x2, elr_el1
        mrs     x3, spsr_el1
        stp     x2, x3, [sp, #256]
        mrs     x2, esr_el1
        mrs     x3, far_el1
        stp     x2, x3, [sp, #272]
        .endm

/* The kernel's handler, with the frame in x0, the entry index still in x1 and x29 = x30 = 0,
   which ends frame-pointer walks at the trap. */
        .macro  call_handler handler
        mov     x0, sp
        mov     x29, xzr
        mov     x30, xzr
        bl      \handler
        .endm

/* ELR, SPSR and x0..x30 back from the frame, then pop its `size` bytes. */
        .macro  restore_frame size
        ldp     x2, x3, [sp, #256]
        msr     elr_el1, x2
        msr     spsr_el1, x3
        frame_x2_x29 ldp
        ldr     x30, [sp, #240]
        ldp     x0, x1, [sp, #0]
        add     sp, sp, #\size
        .endm

/* q0..q31 at x2 + 16 * n: `\op` is stp to save them, ldp to restore them. */
        .macro  frame_q0_q31 op
        \op     q0, q1, [x2, #0]
        \op     q2, q3, [x2, #32]
        \op     q4, q5, [x2, #64]
        \op     q6, q7, [x2, #96]
        \op     q8, q9, [x2, #128]
        \op     q10, q11, [x2, #160]
        \op     q12, q13, [x2, #192]
        \op     q14, q15, [x2, #224]
        \op     q16, q17, [x2, #256]
        \op     q18, q19, [x2, #288]
        \op     q20, q21, [x2, #320]
        \op     q22, q23, [x2, #352]
        \op     q24, q25, [x2, #384]
        \op     q26, q27, [x2, #416]
        \op     q28, q29, [x2, #448]
        \op     q30, q31, [x2, #480]
        .endm

trap_common:
        frame_x2_x29 stp
        str     x30, [sp, #240]
        save_exception_regs
        call_handler arch_trap__trapEntry
        restore_frame FRAME_SIZE
        msr     spsel, #1
        eret

irq_common:
        frame_x2_x29 stp
        add     x2, sp, #IRQ_FRAME_SIZE
        stp     x30, x2, [sp, #240]     /* x30, the interrupted sp */
        save_exception_regs
        add     x2, sp, #FRAME_SIZE
        frame_q0_q31 stp
        mrs     x3, fpsr
        mrs     x4, fpcr
        str     x3, [x2, #512]
        str     x4, [x2, #520]
        call_handler arch_trap__irqEntry
        add     x2, sp, #FRAME_SIZE
        frame_q0_q31 ldp
        ldr     x3, [x2, #512]
        ldr     x4, [x2, #520]
        msr     fpsr, x3
        msr     fpcr, x4
        restore_frame IRQ_FRAME_SIZE
        eret

/* trap_init: VBAR_EL1 = vectors, SP_EL0 = exception stack top. Clobbers x9. */
        .globl  trap_init
        .type   trap_init, @function
trap_init:
        ldr     x9, =vectors
        msr     vbar_el1, x9
        ldr     x9, =exc_stack_top
        msr     sp_el0, x9
        isb
        ret
        .size   trap_init, . - trap_init
        .ltorg

/* The exception stack, with its own unmapped guard page below it (kernel/mem/kernel_space.ts). */
        .section .bss.stack, "aw", @nobits
        .p2align 12
        .globl  exc_stack_guard, exc_stack
exc_stack_guard:
        .skip   4096
exc_stack:
        .skip   EXC_STACK_SIZE
exc_stack_top:

        .section .note.GNU-stack, "", @progbits
