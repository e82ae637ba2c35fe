// Interrupt dispatch: where the arch's interrupt entry hands over to the kernel.
//
// The arch trap code (arch/<ARCH>/trap.ts) acknowledges the interrupt controller (LAPIC / GIC),
// works out what fired, and calls one of the functions below; they call the handler the kernel
// registered for that kind (function values: kernel/sched sets the timer and reschedule
// handlers at boot, kernel/tlb_boot.ts the TLB flush IPI's). What fires before a handler is registered is counted and otherwise ignored.
// The handlers run with interrupts off, on the interrupted thread's kernel stack, and may switch
// threads (preemption): the arch entry restores the interrupted context only when that thread
// runs again. Device interrupts (virtio) come with the drivers; they will get a table here.
// Per-CPU: the counters are global, updated with interrupts off on one CPU at a time until SMP
// makes them atomics.

import { u64 } from "./int.ts";

/** A handler of an interrupt kind. */
export type IrqHandlerFn = () => void;

function ignore(): void {}

/** The registered handlers and how often each kind fired. */
export class IrqTable {
  timer: IrqHandlerFn = ignore;
  reschedule: IrqHandlerFn = ignore;
  tlb: IrqHandlerFn = ignore;
  timerCount: u64 = u64(0n);
  rescheduleCount: u64 = u64(0n);
  tlbCount: u64 = u64(0n);
  spuriousCount: u64 = u64(0n);
}

/** The kernel's interrupt table. */
export const irqTable: IrqTable = new IrqTable();

/** Registers the handler of this CPU's one-shot timer interrupt. */
export function irqSetTimerHandler(f: IrqHandlerFn): void {
  irqTable.timer = f;
}

/** Registers the handler of the reschedule IPI (another CPU woke a thread here). */
export function irqSetRescheduleHandler(f: IrqHandlerFn): void {
  irqTable.reschedule = f;
}

/** Registers the handler of the TLB flush IPI (kernel/mem/tlb_shootdown.ts). */
export function irqSetTlbHandler(f: IrqHandlerFn): void {
  irqTable.tlb = f;
}

/** Called by the arch when this CPU's timer fired. */
export function irqTimerFired(): void {
  irqTable.timerCount = u64(irqTable.timerCount + 1n);
  irqTable.timer();
}

/** Called by the arch when a reschedule IPI arrived. */
export function irqRescheduleArrived(): void {
  irqTable.rescheduleCount = u64(irqTable.rescheduleCount + 1n);
  irqTable.reschedule();
}

/** Called by the arch when a TLB flush IPI arrived (another CPU changed a page table). */
export function irqTlbArrived(): void {
  irqTable.tlbCount = u64(irqTable.tlbCount + 1n);
  irqTable.tlb();
}

/** Called by the arch for an interrupt nobody claims (spurious, or an unknown line). */
export function irqSpurious(): void {
  irqTable.spuriousCount = u64(irqTable.spuriousCount + 1n);
}
