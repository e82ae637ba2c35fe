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
 * its own stack. IRQ handling comes with issue 5.
 */

#define FRAME_SIZE  288
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

        .p2align 11
        .globl  vectors
vectors:
        ventry  0
        ventry  1
        ventry  2
        ventry  3
        ventry  4
        ventry  5
        ventry  6
        ventry  7
        ventry  8
        ventry  9
        ventry  10
        ventry  11
        ventry  12
        ventry  13
        ventry  14
        ventry  15

trap_common:
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        stp     x8, x9, [sp, #64]
        stp     x10, x11, [sp, #80]
        stp     x12, x13, [sp, #96]
        stp     x14, x15, [sp, #112]
        stp     x16, x17, [sp, #128]
        stp     x18, x19, [sp, #144]
        stp     x20, x21, [sp, #160]
        stp     x22, x23, [sp, #176]
        stp     x24, x25, [sp, #192]
        stp     x26, x27, [sp, #208]
        stp     x28, x29, [sp, #224]
        str     x30, [sp, #240]
        mrs     x2, elr_el1
        mrs     x3, spsr_el1
        stp     x2, x3, [sp, #256]
        mrs     x2, esr_el1
        mrs     x3, far_el1
        stp     x2, x3, [sp, #272]
        mov     x0, sp
        mov     x29, xzr                /* ends frame-pointer walks at the trap */
        mov     x30, xzr
        bl      arch_trap__trapEntry
        ldp     x2, x3, [sp, #256]
        msr     elr_el1, x2
        msr     spsr_el1, x3
        ldp     x2, x3, [sp, #16]
        ldp     x4, x5, [sp, #32]
        ldp     x6, x7, [sp, #48]
        ldp     x8, x9, [sp, #64]
        ldp     x10, x11, [sp, #80]
        ldp     x12, x13, [sp, #96]
        ldp     x14, x15, [sp, #112]
        ldp     x16, x17, [sp, #128]
        ldp     x18, x19, [sp, #144]
        ldp     x20, x21, [sp, #160]
        ldp     x22, x23, [sp, #176]
        ldp     x24, x25, [sp, #192]
        ldp     x26, x27, [sp, #208]
        ldp     x28, x29, [sp, #224]
        ldr     x30, [sp, #240]
        ldp     x0, x1, [sp, #0]
        add     sp, sp, #FRAME_SIZE
        msr     spsel, #1
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
