// Where a secondary CPU enters the kernel.
//
// The arch's SMP bring-up (arch/<ARCH>/smp.ts: INIT-SIPI on x86_64, PSCI CPU_ON on aarch64)
// starts each CPU on its own stack, with the boot CPU's page tables, its per-CPU register set
// (GS base / TPIDR_EL1, so cpuIndex() answers) and interrupts masked, and calls secondaryMain
// (C symbol kernel_smp__secondaryMain, a weak reference in the asm). It sets up the CPU's local
// interrupt controller, then joins the scheduler: the CPU runs its idle thread and whatever
// threads are placed on its run queue. It never returns.

import { u32 } from "./int.ts";
import { irqInitCpu } from "@arch/mod.ts";
import { schedStartSecondary } from "./sched/mod.ts";

/** A secondary CPU's kernel entry: local interrupt controller, then the scheduler. */
export function secondaryMain(_cpu: u32): void {
  irqInitCpu();
  schedStartSecondary();
}
