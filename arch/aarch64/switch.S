/*
 * aarch64 context switch glue: tsk_context_switch and tsk_context_init (transpiler/runtime/tsk_rt.h).
 *
 * tsk_context_switch(save_sp_at = x0, new_sp = x1) saves the AAPCS64 callee-saved registers
 * (x19-x28, the frame pointer x29, the link register x30, and d8-d15, the low halves of v8-v15)
 * in a 160-byte frame on the current stack, stores sp at the raw address save_sp_at (virtual =
 * physical: tsk_phys is 0), switches to new_sp, restores the frame found there and returns to
 * its x30. The rest of the FP/SIMD state is the scheduler's (fpuSave/fpuRestore). Interrupts are
 * as the caller left them: the scheduler switches with IRQs masked.
 *
 * tsk_context_init(stack_top = x0, 16-byte aligned) builds the frame a first switch-in restores:
 * zero registers and x30 = thread_trampoline, and returns its stack pointer. thread_trampoline
 * clears x29/x30 (ends frame walks) and calls kernel_sched_thread__threadEntry
 * (kernel/sched/thread.ts), which must never return.
 */

#define FRAME 160

        .text

        .globl  tsk_context_switch
        .type   tsk_context_switch, @function
tsk_context_switch:
        sub     sp, sp, #FRAME
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        stp     d8, d9, [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        mov     x9, sp
        str     x9, [x0]
        mov     sp, x1
        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        ldp     d8, d9, [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        add     sp, sp, #FRAME
        ret
        .size   tsk_context_switch, . - tsk_context_switch

        .globl  tsk_context_init
        .type   tsk_context_init, @function
tsk_context_init:
        sub     x0, x0, #FRAME
        mov     x9, #0
1:      str     xzr, [x0, x9]
        add     x9, x9, #8
        cmp     x9, #FRAME
        b.lo    1b
        adr     x10, thread_trampoline
        str     x10, [x0, #88]          /* x30 */
        ret
        .size   tsk_context_init, . - tsk_context_init

thread_trampoline:
        mov     x29, xzr
        mov     x30, xzr
        bl      kernel_sched_thread__threadEntry
        brk     #0

        .section .note.GNU-stack, "", @progbits
