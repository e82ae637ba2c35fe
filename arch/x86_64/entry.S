/*
 * x86_64 boot glue: from the PVH entry state to kernel_main__kernelMain in 64-bit long mode.
 *
 * QEMU `-kernel` (and Firecracker) load this ELF and, finding the PVH note below (the Xen ELF
 * note XEN_ELFNOTE_PHYS32_ENTRY = 18, name "Xen", desc = the 32-bit entry address; PVH boot ABI,
 * xen/include/public/arch-x86/hvm/start_info.h), enter `_start` in 32-bit protected mode with
 * paging off, flat 4 GiB CS/DS/ES/SS, interrupts off, no stack, and %ebx = physical address of
 * the hvm_start_info structure. The steps follow Intel SDM vol.3 §9.8.5 "Initializing IA-32e
 * Mode": load a GDT with a 64-bit code segment, build 4-level page tables, set CR4.PAE, load
 * CR3, set IA32_EFER.LME (and NXE when CPUID reports NX), set CR0.PG, then far-jump into the
 * 64-bit code segment.
 *
 * Invariants:
 * - .bss is cleared first, in 32-bit mode, before anything in it is used: the page tables and
 *   the stack live there, so nothing may be written to .bss before the clear. %ebx is not
 *   touched by the clear (rep stosl uses eax/ecx/edi).
 * - The first 4 GiB are identity-mapped with 2 MiB pages (one PML4 entry -> one PDPT -> four
 *   page directories). The fourth GiB (0xC0000000..) holds the MMIO hole on QEMU and Firecracker
 *   (LAPIC, IOAPIC, virtio-mmio), so it is mapped uncached (PCD|PWT). Nothing above 4 GiB is
 *   mapped; the kernel builds its own tables when it needs more.
 * - The kernel's C is compiled with the default small code model: the image is linked at
 *   1 MiB, so every symbol address fits in a sign-extended 32-bit immediate.
 * - The kernel is called with %rdi = hvm_start_info physical address (zero-extended), %rsi =
 *   kernel_image_layout (ten addresses: image start, text end, rodata start, data start,
 *   image end, stack guard, stack bottom, stack top, exception stack guard, exception stack
 *   bottom; kernel/mem/image.ts), %rsp
 *   16-byte aligned before the call (SysV ABI), %rbp = 0 (ends frame-pointer walks), SSE on.
 * - If kernel_main__kernelMain returns, the CPU halts forever with interrupts off. This file
 *   prints nothing: all output is the kernel's.
 */

#define X86_CR0_PE        (1 << 0)
#define X86_CR0_MP        (1 << 1)
#define X86_CR0_EM        (1 << 2)
#define X86_CR0_PG        (1 << 31)
#define X86_CR4_PAE       (1 << 5)
#define X86_CR4_OSFXSR    (1 << 9)
#define X86_CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER          0xc0000080
#define EFER_LME          (1 << 8)
#define EFER_NXE          (1 << 11)

#define PTE_P             (1 << 0)
#define PTE_RW            (1 << 1)
#define PTE_PWT           (1 << 3)
#define PTE_PCD           (1 << 4)
#define PTE_PS            (1 << 7)

#define GDT_CODE64        0x08
#define GDT_DATA          0x10

#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define BOOT_STACK_SIZE   (64 * 1024)

/* Long mode, shared by the boot CPU and the APs: the flat data selector in every data segment
   register, then SSE on (SDM vol.3 ch.13, "Initialization of the SSE Extensions"): CR0.EM = 0,
   CR0.MP = 1; CR4.OSFXSR | CR4.OSXMMEXCPT; a clean x87 state. Both clobber %rax only. */
        .macro  load_data_segments
        movl    $GDT_DATA, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        movl    %eax, %fs
        movl    %eax, %gs
        .endm

        .macro  enable_sse
        movq    %cr0, %rax
        andq    $~X86_CR0_EM, %rax
        orq     $X86_CR0_MP, %rax
        movq    %rax, %cr0
        movq    %cr4, %rax
        orq     $(X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %rax
        movq    %rax, %cr4
        fninit
        .endm

/* ---- PVH note: the only thing QEMU's PVH loader looks for. ---- */
        .section .note.Xen, "a", @note
        .p2align 2
        .long 2f - 1f                   /* namesz */
        .long 4f - 3f                   /* descsz */
        .long XEN_ELFNOTE_PHYS32_ENTRY  /* type */
1:      .asciz "Xen"
2:      .p2align 2
3:      .quad _start                    /* desc: 32-bit entry (QEMU reads the low 4 bytes) */
4:      .p2align 2

/* ---- Image header: first in the image, at 0x100000 (linker.ld), read by arch/x86_64/smp.ts:
   +0 the AP trampoline template's address, +8 its size. ---- */
        .section .text.header, "a", @progbits
        .p2align 3
        .quad   ap_trampoline
        .quad   ap_trampoline_end - ap_trampoline

/* ---- 32-bit entry ---- */
        .section .text.boot, "ax", @progbits
        .code32
        .globl _start
        .type _start, @function
_start:
        cld
        /* Clear .bss (page tables and stack included); keep %ebx = hvm_start_info. */
        xorl    %eax, %eax
        movl    $__bss_start, %edi
        movl    $__bss_end, %ecx
        subl    %edi, %ecx
        shrl    $2, %ecx                /* __bss_start/__bss_end are 16-aligned */
        rep stosl
        movl    %ebx, %esi              /* %esi = start_info from here on */

        lgdt    gdt_ptr

        /* PML4[0] -> PDPT; PDPT[0..3] -> PD0..PD3. */
        movl    $boot_pdpt + (PTE_P | PTE_RW), boot_pml4
        movl    $boot_pd + (PTE_P | PTE_RW), boot_pdpt
        movl    $boot_pd + 0x1000 + (PTE_P | PTE_RW), boot_pdpt + 8
        movl    $boot_pd + 0x2000 + (PTE_P | PTE_RW), boot_pdpt + 16
        movl    $boot_pd + 0x3000 + (PTE_P | PTE_RW), boot_pdpt + 24

        /* 2048 PD entries map 0..4 GiB in 2 MiB pages; the high dwords stay 0 from the clear. */
        movl    $boot_pd, %edi
        movl    $(PTE_P | PTE_RW | PTE_PS), %eax
        movl    $2048, %ecx
1:      cmpl    $512, %ecx              /* entry 1536 (3 GiB) and later are uncached */
        jne     2f
        orl     $(PTE_PCD | PTE_PWT), %eax
2:      movl    %eax, (%edi)
        addl    $0x200000, %eax
        addl    $8, %edi
        loop    1b

        /* SDM §9.8.5: PAE, CR3, EFER.LME, then paging. */
        movl    %cr4, %eax
        orl     $X86_CR4_PAE, %eax
        movl    %eax, %cr4
        movl    $boot_pml4, %eax
        movl    %eax, %cr3
        movl    $0x80000000, %eax       /* EFER.NXE only if CPUID.80000001h:EDX.NX */
        cpuid                           /* (cpuid clobbers %ebx: start_info is in %esi) */
        xorl    %edi, %edi
        cmpl    $0x80000001, %eax
        jb      1f
        movl    $0x80000001, %eax
        cpuid
        btl     $20, %edx
        jnc     1f
        movl    $EFER_NXE, %edi
1:      movl    $MSR_EFER, %ecx
        rdmsr
        orl     $EFER_LME, %eax
        orl     %edi, %eax
        wrmsr
        movl    %cr0, %eax
        orl     $(X86_CR0_PG | X86_CR0_PE), %eax
        movl    %eax, %cr0
        ljmp    $GDT_CODE64, $long_mode

/* ---- 64-bit ---- */
        .code64
long_mode:
        load_data_segments
        movq    $boot_stack_top, %rsp
        xorl    %ebp, %ebp
        enable_sse

        call    trap_init               /* IDT, TSS (arch/x86_64/trap.S); keeps %esi */

        movl    %esi, %edi              /* bootArg = hvm_start_info (zero-extended) */
        leaq    kernel_image_layout(%rip), %rsi
        call    kernel_main__kernelMain
3:      cli
        hlt
        jmp     3b
        .size _start, . - _start

/* ---- Secondary CPUs (arch/x86_64/smp.ts) ----
   ap_trampoline is a template that smp.ts copies to a page below 1 MiB (TRAMPOLINE, 0x8000); an
   AP starts there in real mode with CS = page number << 8, IP = 0 (STARTUP IPI, SDM vol.3
   §8.4.4). The code only uses addresses relative to its own base (CS << 4, kept in %esi): it
   patches the linear addresses of its GDT and of its 32-bit entry into itself, enters
   protected mode, then long mode on the boot page tables (boot_pml4: identity 4 GiB, no NX),
   with EFER = LME | NXE as the boot CPU has it (TR_EFER), and jumps to ap_long_mode in the
   kernel's text. TR_* (offsets from the base; smp.ts fills them): 0x200 kernel CR3, 0x208
   stack top, 0x210 per-CPU block, 0x218 EFER bits, 0x21c started flag. */
#define TR_CR3     0x200
#define TR_STACK   0x208
#define TR_PERCPU  0x210
#define TR_EFER    0x218
#define PERCPU_INDEX 0
#define PERCPU_GDTR  112
#define TSS_SEL      0x18
#define MSR_GS_BASE  0xc0000101
#define TR_CODE32    0x18

        .section .rodata.ap_trampoline, "a", @progbits
        .p2align 12
        .globl  ap_trampoline
        .code16
ap_trampoline:
        cli
        cld
        movw    %cs, %ax
        movw    %ax, %ds
        movzwl  %ax, %esi
        shll    $4, %esi                        /* %esi = this copy's physical base */
        leal    (tr_gdt - ap_trampoline)(%esi), %eax
        movl    %eax, (tr_gdtr - ap_trampoline + 2)
        leal    (tr_prot - ap_trampoline)(%esi), %eax
        movl    %eax, (tr_far - ap_trampoline)
        lgdtl   (tr_gdtr - ap_trampoline)
        movl    %cr0, %eax
        orl     $X86_CR0_PE, %eax
        movl    %eax, %cr0
        ljmpl   *(tr_far - ap_trampoline)

        .code32
tr_prot:
        movl    $GDT_DATA, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        movl    %cr4, %eax
        orl     $X86_CR4_PAE, %eax
        movl    %eax, %cr4
        movl    $boot_pml4, %eax
        movl    %eax, %cr3
        movl    $MSR_EFER, %ecx
        rdmsr
        orl     TR_EFER(%esi), %eax
        wrmsr
        movl    %cr0, %eax
        orl     $(X86_CR0_PG | X86_CR0_PE), %eax
        movl    %eax, %cr0
        ljmp    $GDT_CODE64, $ap_long_mode

        .p2align 3
tr_gdt:
        .quad   0
        .quad   0x00af9a000000ffff              /* 0x08: 64-bit code */
        .quad   0x00cf92000000ffff              /* 0x10: flat data */
        .quad   0x00cf9a000000ffff              /* 0x18: 32-bit code */
tr_gdtr:
        .word   4 * 8 - 1
        .long   0                               /* patched: linear address of tr_gdt */
tr_far:
        .long   0                               /* patched: linear address of tr_prot */
        .word   TR_CODE32
        .org    ap_trampoline + TR_CR3
        .quad   0, 0, 0
        .long   0, 0
        .globl  ap_trampoline_end
ap_trampoline_end:

        .text
        .code64
/* An AP in long mode, still on the boot tables, %esi = trampoline base: kernel tables, its
   stack, its GDT (selectors as the boot CPU's), the shared IDT, its TSS, GS base = its per-CPU
   block, SSE as on the boot CPU; then arch_smp__apMain(cpu index) (LAPIC, timer, "started"),
   then the kernel's kernel_smp__secondaryMain(cpu index) (kernel/smp.ts), which never returns.
   The reference is weak so images without kernel/smp.ts (the boot bench's floor kernel,
   kernel/floor_main.ts) still link; there the AP halts with interrupts off. */
        .weak   kernel_smp__secondaryMain
ap_long_mode:
        load_data_segments
        movq    TR_STACK(%rsi), %rsp
        movq    TR_PERCPU(%rsi), %rdi
        movq    TR_CR3(%rsi), %rax
        movq    %rax, %cr3
        lgdt    PERCPU_GDTR(%rdi)
        pushq   $GDT_CODE64
        leaq    1f(%rip), %rax
        pushq   %rax
        lretq
1:      movl    $GDT_DATA, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        lidt    idt_ptr(%rip)
        movw    $TSS_SEL, %ax
        ltr     %ax
        movl    $MSR_GS_BASE, %ecx
        movl    %edi, %eax
        movq    %rdi, %rdx
        shrq    $32, %rdx
        wrmsr
        enable_sse
        xorl    %ebp, %ebp
        movl    PERCPU_INDEX(%rdi), %edi
        movl    %edi, %ebx                      /* callee-saved: the CPU index */
        call    arch_smp__apMain
        movl    $kernel_smp__secondaryMain, %eax
        testq   %rax, %rax                      /* weak: 0 in an image without kernel/smp.ts */
        jz      2f
        movl    %ebx, %edi
        call    *%rax
2:      cli
        hlt
        jmp     2b

/* ---- GDT: null, 64-bit code (L=1), flat data, the TSS (filled by trap_init). Writable:
   ltr sets the busy bit of the TSS descriptor. ---- */
        .section .data
        .p2align 3
gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* GDT_CODE64: P, DPL 0, code, exec/read, L */
        .quad   0x00cf92000000ffff      /* GDT_DATA: P, DPL 0, data, read/write, 4 GiB */
        .globl  gdt_tss
gdt_tss:
        .quad   0, 0                    /* 0x18: 64-bit TSS descriptor (16 bytes) */
gdt_end:
        .p2align 1
gdt_ptr:
        .word   gdt_end - gdt - 1
        .quad   gdt                     /* lgdt in 32-bit mode reads the low 4 bytes */

/* ---- Page tables and boot stack (zeroed by the clear above). ---- */
        .section .bss.boot, "aw", @nobits
        .p2align 12
boot_pml4:
        .skip   4096
boot_pdpt:
        .skip   4096
boot_pd:
        .skip   4 * 4096

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
