/*
 * aarch64 boot glue: from the QEMU `-M virt` (or Linux-Image-style) entry state to
 * kernel_main__kernelMain at EL1 with a stack, FP/SIMD enabled and .bss cleared.
 *
 * The boot CPU enters `_start` with the MMU and caches off, interrupts masked, at EL1 (QEMU
 * default) or EL2 (`-M virt,virtualization=on`, or firmware that leaves EL2). Secondary CPUs stay
 * powered off until the kernel starts them with PSCI CPU_ON, so only one CPU runs this code.
 * At EL2 we drop to EL1 by an exception return, as the Arm ARM (DDI 0487, chapter D1, "The
 * AArch64 System Level Programmers' Model") defines it: HCR_EL2.RW = 1 makes EL1 AArch64,
 * CNTHCTL_EL2 grants EL1 the physical counter and timer, CPTR_EL2 stops FP traps, SPSR_EL2 =
 * EL1h with DAIF masked, ELR_EL2 = the EL1 continuation, then `eret`. EL3 is not supported.
 *
 * Boot argument: a Linux `Image` is entered with x0 = DTB address, but QEMU enters a plain ELF
 * with x0 = 0 and, since this image is linked at 0x40200000 (>= 0x40100000, leaving room at
 * the base of RAM), places the DTB at 0x40000000. So bootArg = x0 if non-zero, else 0x40000000
 * if an FDT magic (0xd00dfeed, big-endian) is there, else 0 (the kernel then has no DTB).
 *
 * Invariants:
 * - With the MMU off every data access is Device memory: no unaligned access, no `dc zva`.
 *   The C is compiled with -mstrict-align (zig also builds compiler_rt's memcpy/memset with it);
 *   this file clears .bss with 16-byte aligned `stp xzr, xzr` (the linker script keeps
 *   __bss_start/__bss_end 16-aligned).
 * - Nothing touches .bss or the stack before the clear, except the stack pointer value itself.
 * - The kernel is called with x0 = bootArg, x1 = kernel_image_layout (ten addresses: image
 *   start, text end, rodata start, data start, image end, stack guard, stack bottom, stack top,
 *   exception stack guard, exception stack bottom; kernel/mem/image.ts), SP 16-aligned, x29 = x30 = 0 (ends frame walks).
 * - If kernel_main__kernelMain returns, the CPU waits for interrupts forever. Prints nothing.
 *
 * Secondary CPUs (PSCI CPU_ON, DEN0022 §5.6, from arch/aarch64/smp.ts) enter at _start + 4
 * (SECONDARY_ENTRY_OFFSET: the linker script puts .text.boot first, at the image base), at EL1
 * with the MMU off, x0 = the context id = the physical address of a boot block the boot CPU
 * filled: +0 stack top, +8 exception stack top (SP_EL0), +16 CPU index, +24 MAIR_EL1, +32
 * TCR_EL1, +40 TTBR0_EL1, +48 SCTLR_EL1, +56 the "alive" word this code sets to 1 once the MMU is
 * on. It sets up FP/SIMD, VBAR_EL1, the stacks, the boot CPU's translation regime (same tables,
 * arch/aarch64/mmu.ts), TPIDR_EL1 = index, then calls kernel_smp__secondaryMain(index)
 * (kernel/smp.ts; a weak reference, so images without it, such as the boot bench's floor
 * kernel, still link: there the CPU parks in wfi).
 */

#define CURRENTEL_EL2     (2 << 2)
#define HCR_EL2_RW        (1 << 31)
#define CNTHCTL_EL1PCTEN  (1 << 0)
#define CNTHCTL_EL1PCEN   (1 << 1)
#define CPTR_EL2_RES1     0x33ff            /* RES1 bits; TFP (bit 10) = 0: no FP trap */
#define SPSR_EL1H_DAIF    0x3c5             /* D, A, I, F masked; M = EL1h */
#define SCTLR_EL1_RES1    0x30d00800        /* MMU, caches, alignment check off */
#define CPACR_FPEN_ALL    (3 << 20)
#define RAM_BASE          0x40000000
#define FDT_MAGIC_LE      0xedfe0dd0        /* 0xd00dfeed stored big-endian, read little */
#define BOOT_STACK_SIZE   (64 * 1024)

        .section .text.boot, "ax", @progbits
        .globl _start
        .type _start, @function
_start:
        b       boot_start              /* +0: the boot CPU */
        b       secondary_entry         /* +4: SECONDARY_ENTRY_OFFSET, PSCI CPU_ON */
boot_start:
        mov     x19, x0                 /* x19 = boot x0 (DTB or 0) */

        mrs     x1, CurrentEL
        cmp     x1, #CURRENTEL_EL2
        b.ne    1f

        /* EL2 -> EL1 */
        mov     x1, #HCR_EL2_RW
        msr     hcr_el2, x1
        mrs     x1, cnthctl_el2
        orr     x1, x1, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
        msr     cnthctl_el2, x1
        msr     cntvoff_el2, xzr
        mov     x1, #CPTR_EL2_RES1
        msr     cptr_el2, x1
        msr     hstr_el2, xzr
        mrs     x1, midr_el1
        msr     vpidr_el2, x1
        mrs     x1, mpidr_el1
        msr     vmpidr_el2, x1
        ldr     x1, =SCTLR_EL1_RES1
        msr     sctlr_el1, x1
        mov     x1, #SPSR_EL1H_DAIF
        msr     spsr_el2, x1
        adr     x1, 1f
        msr     elr_el2, x1
        eret

1:      /* EL1 */
        ldr     x1, =SCTLR_EL1_RES1
        msr     sctlr_el1, x1
        mov     x1, #CPACR_FPEN_ALL     /* FP/SIMD at EL1 and EL0 without traps */
        msr     cpacr_el1, x1
        isb

        ldr     x1, =boot_stack_top
        mov     sp, x1

        /* Clear .bss, 16 bytes at a time. */
        ldr     x1, =__bss_start
        ldr     x2, =__bss_end
2:      cmp     x1, x2
        b.hs    3f
        stp     xzr, xzr, [x1], #16
        b       2b
3:
        /* bootArg: x0 from the loader, else the DTB QEMU put at the base of RAM. */
        mov     x0, x19
        cbnz    x0, 4f
        mov     x1, #RAM_BASE
        ldr     w2, [x1]
        ldr     w3, =FDT_MAGIC_LE
        cmp     w2, w3
        b.ne    4f
        mov     x0, x1
4:      mov     x19, x0
        bl      trap_init               /* VBAR_EL1, SP_EL0 (arch/aarch64/trap.S) */
        mov     x0, x19
        ldr     x1, =kernel_image_layout
        mov     x29, xzr
        mov     x30, xzr
        bl      kernel_main__kernelMain
5:      wfi
        b       5b
        .size _start, . - _start
        .ltorg

        .weak   kernel_smp__secondaryMain
secondary_entry:
        mov     x19, x0                 /* the boot block */
        ldr     x1, =SCTLR_EL1_RES1
        msr     sctlr_el1, x1
        mov     x1, #CPACR_FPEN_ALL
        msr     cpacr_el1, x1
        ldr     x1, =vectors
        msr     vbar_el1, x1
        ldr     x1, [x19, #0]
        mov     sp, x1
        ldr     x1, [x19, #8]
        msr     sp_el0, x1
        ldr     x1, [x19, #16]
        msr     tpidr_el1, x1
        ldr     x1, [x19, #24]
        msr     mair_el1, x1
        ldr     x1, [x19, #32]
        msr     tcr_el1, x1
        ldr     x1, [x19, #40]
        msr     ttbr0_el1, x1
        isb
        tlbi    vmalle1
        dsb     nsh
        isb
        ldr     x1, [x19, #48]
        msr     sctlr_el1, x1
        isb
        mov     x1, #1
        add     x2, x19, #56
        stlr    x1, [x2]                /* alive: seen by smpStart's poll */
        mrs     x0, tpidr_el1
        mov     x29, xzr
        mov     x30, xzr
        ldr     x1, =kernel_smp__secondaryMain
        cbz     x1, 6f
        blr     x1
6:      wfi
        b       6b
        .ltorg

/* The boot stack, with an unmapped guard page below it once the kernel's own page tables are
   on (kernel/mem/kernel_space.ts): an overflow faults instead of overwriting .bss. */
        .section .bss.stack, "aw", @nobits
        .p2align 12
boot_stack_guard:
        .skip   4096
boot_stack:
        .skip   BOOT_STACK_SIZE
        .globl boot_stack_top
boot_stack_top:

/* ---- Where the image's parts are, for the kernel's page tables (kernel/mem/image.ts). ---- */
        .section .rodata
        .p2align 3
kernel_image_layout:
        .quad   __image_start, __text_end, __rodata_start, __data_start, __image_end
        .quad   boot_stack_guard, boot_stack, boot_stack_top
        .quad   exc_stack_guard, exc_stack

        .section .note.GNU-stack, "", @progbits
