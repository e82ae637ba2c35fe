// x86_64 SMP bring-up: the application processors of the MADT, started with INIT-SIPI-SIPI.
//
// Mechanism (Intel SDM vol.3 §8.4.4.1 "Typical BSP Initialization Sequence", §10.6 / §11.6.1
// ICR): the boot CPU copies the real-mode trampoline of entry.S (ap_trampoline, found through
// the image header at IMAGE_HEADER: +0 its address, +8 its size) to TRAMPOLINE (0x8000, below
// 1 MiB and page-aligned: the STARTUP vector is its page number, 0x08), then for each APIC ID of
// the MADT other than its own, one at a time: a per-CPU block (percpu.ts) holding the AP's own
// GDT, GDTR and TSS (gdt.ts; IST1 = its own 16 KiB fault stack with a guard page), a 28 KiB
// kernel stack with an unmapped guard page below it; the trampoline's data (kernel CR3, stack
// top, per-CPU block, the EFER bits LME|NXE) at TR_*; then INIT, 10 ms, STARTUP, 200 us,
// STARTUP, and a wait of up to 200 ms for the AP to set TR_STARTED. The AP runs the trampoline
// (real mode -> protected mode -> long mode on entry.S's boot page tables), ap_long_mode
// switches to the kernel's tables and stack, loads its GDT, the shared IDT and its TSS, sets
// GS base to its block and calls apMain(cpu), which sets up its LAPIC and timer and sets
// TR_STARTED (an atomic store the boot CPU polls); ap_long_mode then calls kernel/smp.ts
// secondaryMain(cpu) (C symbol kernel_smp__secondaryMain, weak in entry.S), which never returns.
// An AP that does not answer is reported and skipped (its index is reused).
// The trampoline page must hold no boot data still in use (checked against the command line and
// the boot protocol's reserved ranges; the first MiB as a whole is reserved from the allocator).
// Invariants: one AP starts at a time (the trampoline data is shared); the boot CPU holds index
// 0; at most CPU_MAX CPUs; without a MADT (QEMU microvm with acpi=off) only the boot CPU runs.

import { u16, u32, u64, usize } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { CPU_MAX } from "../../kernel/cpu.ts";
import { klog } from "../../kernel/klog.ts";
import { hex } from "../../kernel/fmt.ts";
import { Errno } from "../../kernel/errno.ts";
import { kernelSpace } from "../../kernel/mem/mem_init.ts";
import { pageAlloc } from "../../kernel/mem/page_alloc.ts";
import { vmLookup, vmMap, vmUnmap } from "../../kernel/mem/vm.ts";
import { PtWalk, VM_RW } from "../../kernel/mem/vm_flags.ts";
import { apicState, icrInit, icrStartup, irqInitCpu, lapicId, lapicSendIpi, madt } from "./apic.ts";
import {
  flagLoad,
  flagStore,
  msrRead,
  rawCopy,
  rawLoad64,
  rawStore16,
  rawStore32,
  rawStore64,
} from "./cpu_hw.ts";
import { clockNowNs } from "./clock.ts";
import {
  GDT_CODE64,
  GDT_DATA,
  TSS_IOMAP,
  TSS_IST1,
  TSS_SIZE,
  tssDescriptorHigh,
  tssDescriptorLow,
} from "./gdt.ts";
import { mmuRoot } from "./mmu.ts";
import { PERCPU_GDT, PERCPU_GDTR, PERCPU_TSS, percpuAlloc } from "./percpu.ts";
import { timerSetupCpu } from "./timer.ts";

const TRAMPOLINE: usize = usize(0x8000);
const IMAGE_HEADER: usize = usize(0x100000);
export const TR_CR3: usize = usize(0x200);
export const TR_STACK: usize = usize(0x208);
export const TR_PERCPU: usize = usize(0x210);
export const TR_EFER: usize = usize(0x218);
export const TR_STARTED: usize = usize(0x21c);
const MSR_EFER: u32 = u32(0xc0000080);
const EFER_KEEP: u64 = u64(0x900n); // LME | NXE
const PAGE: usize = usize(4096);
const STACK_ORDER: u32 = u32(3);
const FAULT_STACK_ORDER: u32 = u32(2);
const INIT_WAIT_NS: u64 = u64(10000000n);
const SIPI_WAIT_NS: u64 = u64(200000n);
const START_WAIT_NS: u64 = u64(200000000n);

const walk: PtWalk = new PtWalk();

function waitNs(ns: u64): void {
  const end = u64(clockNowNs() + ns);
  while (clockNowNs() < end) {
    // spin
  }
}

/** A stack of 2^order pages whose lowest page is unmapped (a guard); returns its top. */
function stackAlloc(order: u32): usize {
  const base = pageAlloc(order);
  if (vmUnmap(kernelSpace, base, PAGE) !== Errno.OK) {
    klog(`smp: cannot unmap the guard page at ${hex(u64(base))}`);
  }
  return usize(base + usize(u32(4096 << order)));
}

/** Fills the per-CPU block's GDT, GDTR and TSS (IST1 = istTop). */
function descriptorsInit(block: usize, istTop: usize): void {
  const gdt = usize(block + PERCPU_GDT);
  const tss = usize(block + PERCPU_TSS);
  rawStore64(gdt, u64(0n));
  rawStore64(usize(gdt + 8), GDT_CODE64);
  rawStore64(usize(gdt + 16), GDT_DATA);
  rawStore64(usize(gdt + 24), tssDescriptorLow(u64(tss)));
  rawStore64(usize(gdt + 32), tssDescriptorHigh(u64(tss)));
  rawStore16(usize(block + PERCPU_GDTR), u16(39));
  rawStore64(usize(block + PERCPU_GDTR + 2), u64(gdt));
  rawStore64(usize(tss + usize(TSS_IST1)), u64(istTop));
  rawStore16(usize(tss + usize(TSS_IOMAP)), u16(TSS_SIZE));
}

/** Starts the AP with APIC ID apicId as CPU index cpu; true once it reported in. */
function startAp(cpu: u32, apicId: u32): boolean {
  const block = percpuAlloc(cpu, apicId);
  const stackTop = stackAlloc(STACK_ORDER);
  descriptorsInit(block, stackAlloc(FAULT_STACK_ORDER));
  rawStore64(usize(TRAMPOLINE + TR_STACK), u64(stackTop));
  rawStore64(usize(TRAMPOLINE + TR_PERCPU), u64(block));
  flagStore(usize(TRAMPOLINE + TR_STARTED), u32(0));
  lapicSendIpi(apicId, icrInit());
  waitNs(INIT_WAIT_NS);
  lapicSendIpi(apicId, icrStartup(u32(TRAMPOLINE / PAGE)));
  waitNs(SIPI_WAIT_NS);
  if (flagLoad(usize(TRAMPOLINE + TR_STARTED)) === 0) {
    lapicSendIpi(apicId, icrStartup(u32(TRAMPOLINE / PAGE)));
  }
  const end = u64(clockNowNs() + START_WAIT_NS);
  while (flagLoad(usize(TRAMPOLINE + TR_STARTED)) === 0) {
    if (clockNowNs() > end) {
      return false;
    }
  }
  return true;
}

/** True if no boot data the kernel still reads (the command line, a reserved range smaller
 *  than the blanket first-MiB reservation) overlaps the trampoline page. */
function trampolineFree(info: BootInfo): boolean {
  const lo = u64(TRAMPOLINE);
  const hi = u64(TRAMPOLINE + PAGE);
  const c = u64(info.cmdlineAddr);
  if (info.cmdlineLen > 0 && c < hi && u64(c + u64(info.cmdlineLen)) > lo) {
    return false;
  }
  for (let i = usize(0); i < usize(info.reservedCount); i = usize(i + 1)) {
    const b = info.reservedBase.get(i);
    const n = info.reservedSize.get(i);
    if (n < 0x100000n && b < hi && u64(b + n) > lo) {
      return false;
    }
  }
  return true;
}

/** Starts every AP of the MADT; returns the number of CPUs online (1 without a MADT). */
export function smpStart(info: BootInfo): u32 {
  if (!apicState.hasMadt || madt.cpuCount <= 1) {
    return u32(1);
  }
  if (!trampolineFree(info)) {
    klog(`smp: boot data lies in the trampoline page ${hex(u64(TRAMPOLINE))}: one CPU`);
    return u32(1);
  }
  if (!vmLookup(kernelSpace, TRAMPOLINE, walk)) {
    if (vmMap(kernelSpace, TRAMPOLINE, TRAMPOLINE, PAGE, VM_RW) !== Errno.OK) {
      klog("smp: cannot map the trampoline page");
      return u32(1);
    }
  }
  const template = usize(rawLoad64(IMAGE_HEADER));
  const size = usize(rawLoad64(usize(IMAGE_HEADER + 8)));
  rawCopy(TRAMPOLINE, template, size);
  rawStore64(usize(TRAMPOLINE + TR_CR3), u64(mmuRoot()));
  const efer = msrRead(MSR_EFER);
  rawStore32(usize(TRAMPOLINE + TR_EFER), u32(u64(efer & EFER_KEEP)));
  const me = lapicId();
  let online = u32(1);
  for (let i = usize(0); i < usize(madt.cpuCount); i = usize(i + 1)) {
    const id = madt.apicIds.get(i);
    if (id === me || online >= CPU_MAX) {
      continue;
    }
    if (startAp(online, id)) {
      online = u32(online + 1);
    } else {
      klog(`smp: CPU with APIC ID ${id} did not start`);
    }
  }
  return online;
}

/** An AP's first kernel code (entry.S ap_long_mode), on its own stack, interrupts off: its
 *  LAPIC and timer, then "started" for the boot CPU. entry.S then calls kernel/smp.ts
 *  secondaryMain(cpu) (C symbol kernel_smp__secondaryMain), which never returns. */
export function apMain(_cpu: u32): void {
  irqInitCpu();
  timerSetupCpu();
  flagStore(usize(TRAMPOLINE + TR_STARTED), u32(1));
}
