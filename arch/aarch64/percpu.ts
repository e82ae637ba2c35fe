// Per-CPU identity on aarch64: the CPU index in TPIDR_EL1 and each index's MPIDR affinity.
//
// Tsuki numbers CPUs 0..n-1: the boot CPU is 0 (irqInit), secondaries get 1, 2, ... in the
// devicetree's /cpus order (arch/aarch64/smp.ts), and each CPU writes its own index into
// TPIDR_EL1 (Arm ARM DDI 0487 D17.2.140, an EL1 software thread ID register that the
// architecture never changes) before it runs kernel code, so cpuIndex() is one register read.
// cpuMpidrOf(i) is what interrupt routing needs to name CPU i (GICv3 ICC_SGI1R_EL1 affinity
// fields; IHI 0069 §12.2.21). Invariant: indices are < PERCPU_MAX and never reused.

import { u32, u64, usize } from "../../kernel/int.ts";
import { FixedArray } from "../../kernel/array.ts";
import { tpidrRead, tpidrWrite } from "./sysregs.ts";

/** The most CPUs the arch tables hold (FDT_DEV_MAX_CPUS of kernel/boot/fdt_devices.ts). */
export const PERCPU_MAX: u32 = u32(16);

const mpidrs = new FixedArray<u64>(16, u64(0n));

/** This CPU's index (TPIDR_EL1). */
export function cpuIndex(): u32 {
  return u32(tpidrRead());
}

/** Makes this CPU index cpu. */
export function cpuSetIndex(cpu: u32): void {
  tpidrWrite(u64(cpu));
}

/** Records the MPIDR affinity of CPU index cpu. */
export function cpuSetMpidr(cpu: u32, mpidr: u64): void {
  mpidrs.set(usize(cpu), mpidr);
}

/** The MPIDR affinity of CPU index cpu. */
export function cpuMpidrOf(cpu: u32): u64 {
  return mpidrs.get(usize(cpu));
}
