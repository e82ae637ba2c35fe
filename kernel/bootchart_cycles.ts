"use unsafe";
// The boot chart's clock: the free-running cycle counter, read raw.
//
// cycleCounter is the TSC on x86_64 (rdtsc, Intel SDM vol.3 §17.17) and CNTVCT_EL0 on aarch64
// (Arm ARM DDI 0487 D11.2); it counts up from reset and is only ever subtracted by
// kernel/bootchart.ts, whose frequency comes from the caller of bootchartPrint.

import { u64 } from "./int.ts";
import { cycleCounter } from "./intrinsics.ts";

/** The cycle counter now. */
export function bootchartCycles(): u64 {
  return cycleCounter();
}
