/*
 * x86_64 exception entry glue: the IDT, the TSS with a fault stack, and one stub per vector.
 *
 * trap_init (called by entry.S before the kernel) fills IDT gates 0-31 (Intel SDM vol.3 §6.14.1,
 * 64-bit interrupt gates: selector 0x08, type 0xE, DPL 0, present), loads the IDT, fills the
 * 64-bit TSS descriptor of the GDT (selector 0x18; §8.2.3) and loads the task register. Vectors
 * 8 (#DF), 12 (#SS) and 14 (#PF) switch to IST1, a 16 KiB stack of their own (§6.14.5), so an
 * overflow of the kernel stack into its guard page is reported instead of becoming a triple
 * fault; IST1 has an unmapped guard page of its own. Vectors 32-255 are interrupts (LAPIC timer,
 * IPIs, spurious: arch/x86_64/apic.ts): their gates use no IST, so the frame is saved on the
 * interrupted thread's own kernel stack, and the kernel may switch threads inside the handler;
 * the frame is restored (iretq) when that thread runs again. Around the call the x87/SSE state
 * is saved with fxsave64 (512 bytes, 16-aligned, below the aligned frame) because the kernel's C
 * may use SSE registers; it is restored before the general registers.
 *
 * Each stub pushes a zero error code when the CPU pushes none (every vector but 8, 10-14, 17,
 * 21, 29, 30), then the vector number; the common path saves the 15 general registers and calls
 * arch_trap__trapEntry(frame, vector) with frame = the saved %rsp (the call itself is made on a
 * 16-byte aligned stack). The frame, from low to high address: r15 r14 r13 r12 r11 r10 r9 r8 rbp rdi rsi rdx rcx rbx rax, vector, error code, then the
 * CPU's rip cs rflags rsp ss (arch/x86_64/trap.ts reads it by these offsets). If the kernel's
 * handler returns, the registers are restored and iretq resumes the interrupted code.
 */

#define KERNEL_CS   0x08
#define TSS_SEL     0x18
#define GATE_TYPE   0x8e            /* present, DPL 0, 64-bit interrupt gate */
#define FAULT_STACK_SIZE (16 * 1024)

        .text
        .code64

/* Stubs: 32 bytes apart, so trap_init can compute each address; one per vector 0-255. */
        .p2align 5
trap_stubs:
        .set    vec, 0
        .rept   256
        .p2align 5
        .if (vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        pushq   $vec
        .else
        pushq   $0
        pushq   $vec
        .endif
        jmp     trap_common
        .set    vec, vec + 1
        .endr

trap_common:
        pushq   %rax
        pushq   %rbx
        pushq   %rcx
        pushq   %rdx
        pushq   %rsi
        pushq   %rdi
        pushq   %rbp
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        cld
        movq    %rsp, %rdi
        movl    15 * 8(%rsp), %esi      /* the vector */
        movq    %rsp, %rbx              /* callee-saved: the frame */
        andq    $-16, %rsp
        subq    $512, %rsp              /* the interrupted code's x87/SSE state: the kernel's C */
        fxsave64 (%rsp)                 /* may use SSE registers (no -mno-sse) */
        xorl    %ebp, %ebp              /* ends frame-pointer walks at the trap */
        call    arch_trap__trapEntry
        fxrstor64 (%rsp)
        movq    %rbx, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %r11
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rbp
        popq    %rdi
        popq    %rsi
        popq    %rdx
        popq    %rcx
        popq    %rbx
        popq    %rax
        addq    $16, %rsp               /* vector, error code */
        iretq

/* trap_init: IDT gates 0-255, lidt, TSS descriptor, ltr. Clobbers rax, rcx, rdx, rdi, r8. */
        .globl  trap_init
        .type   trap_init, @function
trap_init:
        leaq    idt(%rip), %rdi
        leaq    trap_stubs(%rip), %rax
        xorl    %ecx, %ecx
1:      /* low quad: offset[15:0] | sel << 16 | ist << 32 | type << 40 | offset[31:16] << 48 */
        movq    %rax, %rdx
        andq    $0xffff, %rdx
        orq     $(KERNEL_CS << 16), %rdx
        movq    $GATE_TYPE, %r8
        shlq    $40, %r8
        orq     %r8, %rdx
        cmpl    $8, %ecx
        je      2f
        cmpl    $12, %ecx
        je      2f
        cmpl    $14, %ecx
        jne     3f
2:      movq    $1, %r8                 /* IST1 */
        shlq    $32, %r8
        orq     %r8, %rdx
3:      movq    %rax, %r8
        shrq    $16, %r8
        andq    $0xffff, %r8
        shlq    $48, %r8
        orq     %r8, %rdx
        movq    %rdx, (%rdi)
        movq    %rax, %rdx
        shrq    $32, %rdx               /* high quad: offset[63:32] */
        movq    %rdx, 8(%rdi)
        addq    $16, %rdi
        addq    $32, %rax
        incl    %ecx
        cmpl    $256, %ecx
        jne     1b
        lidt    idt_ptr(%rip)

        /* TSS: IST1 = top of the fault stack (offset 36 of the 64-bit TSS). */
        leaq    tss(%rip), %rdi
        leaq    fault_stack_top(%rip), %rax
        movq    %rax, 36(%rdi)
        movw    $104, 102(%rdi)         /* I/O map base = limit: no I/O bitmap */
        /* GDT entry 3 (TSS_SEL): limit 103, base = tss, type 0x89 (available 64-bit TSS, P). */
        leaq    gdt_tss(%rip), %r8
        movq    %rdi, %rax
        andq    $0xffffff, %rax
        shlq    $16, %rax
        orq     $103, %rax
        movq    $0x89, %rdx
        shlq    $40, %rdx
        orq     %rdx, %rax
        movq    %rdi, %rdx
        shrq    $24, %rdx
        andq    $0xff, %rdx
        shlq    $56, %rdx
        orq     %rdx, %rax
        movq    %rax, (%r8)
        movq    %rdi, %rdx
        shrq    $32, %rdx
        movq    %rdx, 8(%r8)
        movw    $TSS_SEL, %ax
        ltr     %ax
        ret
        .size   trap_init, . - trap_init

        .section .rodata
        .p2align 3
        .globl  idt_ptr
idt_ptr:
        .word   256 * 16 - 1
        .quad   idt

        .section .bss
        .p2align 12
idt:
        .skip   256 * 16
        .p2align 4
tss:
        .skip   104

/* The IST1 stack, with its own unmapped guard page below it (kernel/mem/kernel_space.ts). */
        .section .bss.stack, "aw", @nobits
        .p2align 12
        .globl  exc_stack_guard, exc_stack
exc_stack_guard:
        .skip   4096
exc_stack:
        .skip   FAULT_STACK_SIZE
fault_stack_top:

        .section .note.GNU-stack, "", @progbits
