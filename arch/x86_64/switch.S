/*
 * x86_64 context switch glue: tsk_context_switch and tsk_context_init (transpiler/runtime/tsk_rt.h).
 *
 * tsk_context_switch(save_sp_at = %rdi, new_sp = %rsi) pushes the SysV callee-saved registers
 * (rbp, rbx, r12-r15) on the current stack, stores %rsp at the raw address save_sp_at (raw
 * addresses are virtual = physical: tsk_phys is 0), switches to new_sp, pops the same six
 * registers that a previous switch (or tsk_context_init) left there and returns on the new
 * stack. The caller-saved registers are the compiler's business; FPU/SSE state is the
 * scheduler's (fpuSave/fpuRestore), as SysV has no callee-saved vector registers. Interrupts are
 * as the caller left them: the scheduler switches with interrupts off.
 *
 * tsk_context_init(stack_top = %rdi, 16-byte aligned) builds the frame a first switch-in pops:
 * six zero registers and the return address thread_trampoline, and returns its stack pointer.
 * thread_trampoline aligns the stack, clears %rbp (ends frame-pointer walks) and calls
 * kernel_sched_thread__threadEntry (kernel/sched/thread.ts), which must never return.
 */

        .text
        .code64

        .globl  tsk_context_switch
        .type   tsk_context_switch, @function
tsk_context_switch:
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, (%rdi)
        movq    %rsi, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
        .size   tsk_context_switch, . - tsk_context_switch

        .globl  tsk_context_init
        .type   tsk_context_init, @function
tsk_context_init:
        leaq    -64(%rdi), %rax         /* 6 registers, the return address, 8 bytes of pad */
        movq    $0, 0(%rax)             /* r15 */
        movq    $0, 8(%rax)             /* r14 */
        movq    $0, 16(%rax)            /* r13 */
        movq    $0, 24(%rax)            /* r12 */
        movq    $0, 32(%rax)            /* rbx */
        movq    $0, 40(%rax)            /* rbp */
        leaq    thread_trampoline(%rip), %rcx
        movq    %rcx, 48(%rax)          /* return address */
        movq    $0, 56(%rax)
        ret
        .size   tsk_context_init, . - tsk_context_init

thread_trampoline:
        xorl    %ebp, %ebp
        andq    $-16, %rsp
        call    kernel_sched_thread__threadEntry
        ud2

        .section .note.GNU-stack, "", @progbits
