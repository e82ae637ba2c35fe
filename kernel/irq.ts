// Interrupt dispatch: where the arch's interrupt entry hands over to the kernel.
//
// The arch trap code (arch/<ARCH>/trap.ts) acknowledges the interrupt controller (LAPIC / GIC),
// works out what fired, and calls one of the functions below; they call the handler the kernel
// registered for that kind (function values: kernel/sched sets the timer and reschedule
// handlers at boot, kernel/tlb_boot.ts the TLB flush IPI's). What fires before a handler is registered is counted and otherwise ignored.
// The handlers run with interrupts off, on the interrupted thread's kernel stack, and may switch
// threads (preemption): the arch entry restores the interrupted context only when that thread
// runs again.
// Device interrupt lines: a table of IRQ_LINE_MAX lines, a line being the platform's interrupt
// number (x86_64: the I/O APIC input pin, a GSI; aarch64: the GIC SPI number, INTID 32 + line).
// irqRegisterLine stores the handler, then unmasks the line through the arch (irqLineOps, by
// default @arch/mod.ts's irqLineEnable/irqLineDisable; unit tests replace them);
// irqUnregisterLine masks it first, then frees the slot. The arch's dispatch calls irqLineFired
// (after its end-of-interrupt), which counts and calls the handler, or irqSpurious for a line
// nobody holds. A line handler runs like the others (interrupts off) and must quiet its device
// (acknowledge it) before it returns, or a level-triggered line fires again. Ordering instead of
// a lock: the slot is filled before the line is unmasked and the line masked before the slot is
// cleared, so the dispatch never sees a half-made slot (an interrupt already in flight on another
// CPU while its line is unregistered may still run the old handler: unregister quiets the device
// first).
// Per-CPU: the counters are global, updated with interrupts off on one CPU at a time until SMP
// makes them atomics.

import { u32, u64, usize } from "./int.ts";
import { StructArray } from "./array.ts";
import { Errno } from "./errno.ts";
import { irqLineDisable, irqLineEnable } from "@arch/mod.ts";

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

/** How many device lines the table holds (lines 0 .. IRQ_LINE_MAX - 1). */
export const IRQ_LINE_MAX: u32 = u32(64);

/** A device line's handler; gets the line that fired. */
export type IrqLineFn = (line: u32) => void;
/** Masks or unmasks a line at the interrupt controller. */
export type IrqLineMaskFn = (line: u32) => void;

function noLine(_line: u32): void {}

/** One device line: its handler, whether it is taken, how often it fired. */
export class IrqLine {
  handler: IrqLineFn = noLine;
  used: boolean = false;
  count: u64 = u64(0n);
}

const lines = new StructArray<IrqLine>(64, IrqLine);

/** How the table masks and unmasks lines: the arch's controller (tests substitute models). */
export class IrqLineOps {
  enable: IrqLineMaskFn = irqLineEnable;
  disable: IrqLineMaskFn = irqLineDisable;
}
export const irqLineOps: IrqLineOps = new IrqLineOps();

/** Gives line to handler and unmasks it: EINVAL if line >= IRQ_LINE_MAX, EBUSY if taken. */
export function irqRegisterLine(line: u32, handler: IrqLineFn): Errno {
  if (line >= IRQ_LINE_MAX) {
    return Errno.EINVAL;
  }
  const e = lines.get(usize(line));
  if (e.used) {
    return Errno.EBUSY;
  }
  e.handler = handler;
  e.used = true;
  irqLineOps.enable(line);
  return Errno.OK;
}

/** Masks line and frees it: EINVAL if out of range, ENOENT if nobody holds it. */
export function irqUnregisterLine(line: u32): Errno {
  if (line >= IRQ_LINE_MAX) {
    return Errno.EINVAL;
  }
  const e = lines.get(usize(line));
  if (!e.used) {
    return Errno.ENOENT;
  }
  irqLineOps.disable(line);
  e.used = false;
  e.handler = noLine;
  return Errno.OK;
}

/** Called by the arch when device line `line` fired (its EOI done). */
export function irqLineFired(line: u32): void {
  if (line >= IRQ_LINE_MAX || !lines.get(usize(line)).used) {
    irqSpurious();
    return;
  }
  const e = lines.get(usize(line));
  e.count = u64(e.count + 1n);
  e.handler(line);
}

/** How often line fired while registered (0 for a line out of range). */
export function irqLineCount(line: u32): u64 {
  if (line >= IRQ_LINE_MAX) {
    return u64(0n);
  }
  return lines.get(usize(line)).count;
}
