// x86_64 per-CPU identity: a block of raw memory per CPU, found through IA32_GS_BASE.
//
// Each CPU's GS base (MSR 0xc0000101; Intel SDM vol.3 §3.4.4.1) holds the address of its
// per-CPU block, one zeroed page: +0 the CPU index (u32), +4 its APIC ID (u32); smp.ts keeps
// the CPU's GDT (+64, 5 quadwords), its GDTR (+112) and its TSS (+128, 104 bytes) there too.
// cpuIndex() reads the MSR and the index: before percpuInitBoot (GS base 0) it is 0, the boot
// CPU. cpuApicIds maps indices to APIC IDs for IPIs (filled by the boot CPU before an AP
// starts, read-only afterwards).

import { u32, u64, usize } from "../../kernel/int.ts";
import { FixedArray } from "../../kernel/array.ts";
import { pageAllocZeroed } from "../../kernel/mem/page_alloc.ts";
import { MSR_GS_BASE, msrRead, msrWrite, rawLoad32, rawStore32 } from "./cpu_hw.ts";

export const PERCPU_INDEX: usize = usize(0);
export const PERCPU_APIC_ID: usize = usize(4);
export const PERCPU_GDT: usize = usize(64);
export const PERCPU_GDTR: usize = usize(112);
export const PERCPU_TSS: usize = usize(128);

/** APIC ID of each CPU index (CPU_MAX entries), and how many are online. */
export const cpuApicIds: FixedArray<u32> = new FixedArray<u32>(8, u32(0));

/** A zeroed per-CPU block for CPU index cpu with APIC ID apicId. */
export function percpuAlloc(cpu: u32, apicId: u32): usize {
  const block = pageAllocZeroed(u32(0));
  rawStore32(usize(block + PERCPU_INDEX), cpu);
  rawStore32(usize(block + PERCPU_APIC_ID), apicId);
  cpuApicIds.set(usize(cpu), apicId);
  return block;
}

/** Boot CPU: its block (index 0) and GS base. */
export function percpuInitBoot(apicId: u32): void {
  const block = percpuAlloc(u32(0), apicId);
  msrWrite(MSR_GS_BASE, u64(block));
}

/** The index of the CPU running this code (0 before percpuInitBoot). */
export function cpuIndex(): u32 {
  const gs = msrRead(MSR_GS_BASE);
  if (gs === 0n) {
    return u32(0);
  }
  return rawLoad32(usize(gs));
}
