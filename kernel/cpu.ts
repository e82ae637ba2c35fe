// The CPU the kernel is running on, for per-CPU data (page caches today, run queues later).
//
// Until SMP bring-up (issue 5) exactly one CPU runs the kernel, with interrupts off, so
// currentCpu() is 0 and per-CPU structures need no locks yet. CPU_MAX bounds every per-CPU
// array; SMP will read the CPU's index from per-CPU state (GS base on x86_64, TPIDR_EL1 on
// aarch64) and must keep it below CPU_MAX.

import { u32 } from "./int.ts";

/** The most CPUs the kernel supports; per-CPU arrays have this many entries. */
export const CPU_MAX: u32 = u32(8);

/** The index of the CPU running this code, in [0, CPU_MAX). */
export function currentCpu(): u32 {
  return u32(0);
}
