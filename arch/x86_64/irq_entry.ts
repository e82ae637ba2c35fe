// x86_64 interrupt dispatch: from a vector (32-255) to kernel/irq.ts.
//
// trap.ts calls irqDispatch for every vector above the exceptions, with interrupts off (IDT
// interrupt gates clear IF) on the interrupted thread's stack. The LAPIC is told end-of-
// interrupt first (Intel SDM vol.3 §11.8.5), because the kernel's handler may switch threads
// and this frame then waits until the thread runs again; the spurious vector gets no EOI
// (§11.9). Vectors 0x30-0x6f are the device lines of irq_line.ts (I/O APIC pins): EOI'd, then
// kernel/irq.ts's irqLineFired(vector - 0x30). Unknown vectors are EOI'd and counted as spurious. ipiSend sends a fixed IPI through
// the ICR to the APIC ID of a CPU index (percpu.ts): kind 1 the reschedule vector 0xf1, kind 2
// the TLB flush vector 0xf2 (kernel/mem/tlb_shootdown.ts; TLB_BROADCAST is false here because
// invlpg and CR3 loads are local, Intel SDM vol.3 §4.10.5). irqSelfTest (a boot check) arms the timer
// 1 ms ahead and sleeps with irqEnableAndWait until kernel/irq.ts counted it, then does the same
// with a reschedule IPI sent to itself.

import { u32, u64 } from "../../kernel/int.ts";
import { klog } from "../../kernel/klog.ts";
import {
  irqLineFired,
  irqRescheduleArrived,
  irqSpurious,
  irqTable,
  irqTimerFired,
  irqTlbArrived,
} from "../../kernel/irq.ts";
import {
  icrFixed,
  IPI_RESCHEDULE,
  lapicEoi,
  lapicSendIpi,
  VECTOR_RESCHEDULE,
  VECTOR_SPURIOUS,
  VECTOR_TIMER,
} from "./apic.ts";
import { LINE_VECTOR_BASE, LINE_VECTORS } from "./irq_line.ts";
import { interruptsOff, interruptsOnAndWait } from "./cpu_hw.ts";
import { clockNowNs } from "./clock.ts";
import { cpuApicIds, cpuIndex } from "./percpu.ts";
import { timerArm } from "./timer.ts";
import { usize } from "../../kernel/int.ts";

/** The TLB flush IPI's vector (kernel/mem/tlb_shootdown.ts), next to the reschedule IPI's. */
export const VECTOR_TLB: u32 = u32(0xf2);
/** ipiSend's kind for a TLB flush request. */
export const IPI_TLB: u32 = u32(2);
/** invlpg and CR3 loads act on this CPU only: other CPUs need a TLB flush IPI (Intel SDM vol.3
 *  §4.10.5). */
export const TLB_BROADCAST: boolean = false;

/** Called by trap.ts for vectors 32-255. */
export function irqDispatch(vector: u32): void {
  if (vector === VECTOR_SPURIOUS) {
    irqSpurious();
    return;
  }
  lapicEoi();
  if (vector === VECTOR_TIMER) {
    irqTimerFired();
  } else if (vector === VECTOR_RESCHEDULE) {
    irqRescheduleArrived();
  } else if (vector === VECTOR_TLB) {
    irqTlbArrived();
  } else if (vector >= LINE_VECTOR_BASE && vector < u32(LINE_VECTOR_BASE + LINE_VECTORS)) {
    irqLineFired(u32(vector - LINE_VECTOR_BASE));
  } else {
    irqSpurious();
  }
}

/** Sends CPU cpu an IPI of kind (IPI_RESCHEDULE = 1, IPI_TLB = 2; other kinds are ignored). */
export function ipiSend(cpu: u32, kind: u32): void {
  const dest = cpuApicIds.get(usize(cpu));
  if (kind === IPI_RESCHEDULE) {
    lapicSendIpi(dest, icrFixed(VECTOR_RESCHEDULE));
  } else if (kind === IPI_TLB) {
    lapicSendIpi(dest, icrFixed(VECTOR_TLB));
  }
}

/** Arms the timer 1 ms ahead and waits for its interrupt, then sends this CPU a reschedule IPI
 *  and waits for it; true if kernel/irq.ts counted both. */
export function irqSelfTest(): boolean {
  const before = irqTable.timerCount;
  const start = clockNowNs();
  timerArm(u64(start + 1000000n));
  for (let i = u32(0); i < 1000 && irqTable.timerCount === before; i = u32(i + 1)) {
    interruptsOnAndWait();
    interruptsOff();
  }
  const us = u64(u64(clockNowNs() - start) / 1000n);
  const fired = u64(irqTable.timerCount - before);
  klog(`irq: timer fired ${fired} times, ${us} us after arming 1 ms ahead`);
  const timerOk = irqTable.timerCount !== before;
  const ipisBefore = irqTable.rescheduleCount;
  ipiSend(cpuIndex(), IPI_RESCHEDULE);
  for (let i = u32(0); i < 1000 && irqTable.rescheduleCount === ipisBefore; i = u32(i + 1)) {
    interruptsOnAndWait();
    interruptsOff();
  }
  const ipis = u64(irqTable.rescheduleCount - ipisBefore);
  klog(`irq: reschedule IPI to self arrived ${ipis} times`);
  return timerOk && irqTable.rescheduleCount !== ipisBefore;
}
