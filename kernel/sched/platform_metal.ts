"use unsafe";
// The intrinsic half of the scheduler's platform on real hardware: thin wrappers, because an
// intrinsic cannot be a function value (docs/SUBSET.md R-UNSAFE-2, TSK1301) but a SchedPlatform
// field must be one. Each wrapper calls exactly one intrinsic (kernel/intrinsics.ts, lowered in
// transpiler/runtime/tsk_rt.h): contextSwitch/contextInit are arch/<ARCH>/switch.S;
// fpuSave/fpuRestore are fxsave64/fxrstor64 (Intel SDM vol.1 §10.5) on x86_64 and the
// q0-q31/FPCR/FPSR stores on aarch64 (528 bytes, 16-aligned); irqEnableAndWait is sti;hlt
// (the STI shadow makes the pair atomic, SDM vol.2 STI) or wfi with DAIF.I cleared.
// platform_kernel.ts puts them, with the kernel's memory functions, into a SchedPlatform.

import { u64, usize } from "../int.ts";
import {
  contextInit,
  contextSwitch,
  fpuRestore,
  fpuSave,
  irqEnable,
  irqEnableAndWait,
  irqRestore,
  irqSave,
} from "../intrinsics.ts";

export function metalSwitchTo(saveSpAt: usize, newSp: usize): void {
  contextSwitch(saveSpAt, newSp);
}

export function metalInitStack(stackTop: usize): usize {
  return contextInit(stackTop);
}

export function metalFpuSave(a: usize): void {
  fpuSave(a);
}

export function metalFpuRestore(a: usize): void {
  fpuRestore(a);
}

export function metalIrqSave(): u64 {
  return irqSave();
}

export function metalIrqRestore(s: u64): void {
  irqRestore(s);
}

export function metalIrqEnable(): void {
  irqEnable();
}

export function metalIdleWait(): void {
  irqEnableAndWait();
}
