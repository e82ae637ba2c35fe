// The per-CPU one-shot timer on aarch64: the generic timer's EL1 virtual timer (Arm ARM DDI 0487,
// D11.2.4 "The timer registers": CNTV_CVAL_EL0 and CNTV_CTL_EL0).
//
// timerArm(deadline) writes the compare value for the deadline (ns on the clockNowNs scale,
// rounded up to a counter tick, so it never fires early) and CNTV_CTL_EL0 = ENABLE (IMASK = 0).
// The timer's condition CNTVCT_EL0 >= CNTV_CVAL_EL0 then drives the PPI (a level) until the
// timer is disabled or re-armed later: the IRQ dispatch (arch/aarch64/gic.ts) calls
// timerFiredMask() before the EOI so it does not refire; the kernel re-arms from irqTimerFired().
// A deadline already past fires at once. Each CPU has its own timer: these act on the calling
// CPU's.

import { u64 } from "../../kernel/int.ts";
import { clockDeadlineCounter } from "./clock.ts";
import { cntvCtlWrite, cntvSetCompare } from "./sysregs.ts";

/** CNTV_CTL_EL0 bits. */
export const CNTV_CTL_ENABLE: u64 = u64(1n);
export const CNTV_CTL_IMASK: u64 = u64(2n);
export const CNTV_CTL_ISTATUS: u64 = u64(4n);

/** Fires this CPU's timer interrupt once at deadlineNs (clockNowNs scale) or soon after. */
export function timerArm(deadlineNs: u64): void {
  cntvSetCompare(clockDeadlineCounter(deadlineNs));
  cntvCtlWrite(CNTV_CTL_ENABLE);
}

/** Stops this CPU's timer (no interrupt until the next timerArm). */
export function timerCancel(): void {
  cntvCtlWrite(u64(0n));
}

/** The IRQ path: the timer fired; disable it so its level drops before the EOI. */
export function timerFiredMask(): void {
  cntvCtlWrite(u64(0n));
}
