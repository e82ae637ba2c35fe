// A boot self-test of the interrupt path on this CPU: the generic timer, through the GIC, into
// the IRQ vector and kernel/irq.ts.
//
// irqSelfTest arms the virtual timer 1 ms ahead and unmasks IRQs twice: first spinning on the
// clock (bounded: it gives up IRQ_SELFTEST_LIMIT_NS after the deadline, so a broken GIC fails
// the test instead of hanging the boot), then, once that worked, sleeping in
// irqEnableAndWait (wfi; the idle primitive) until irqTable.timerCount moves. It restores the
// caller's IRQ mask and leaves the timer disabled. True if both interrupts arrived and neither
// came before its deadline.

import { u64 } from "../../kernel/int.ts";
import { irqTable } from "../../kernel/irq.ts";
import { clockNowNs } from "./clock.ts";
import { irqsEnableAndWait, irqsRestore, irqsSave } from "./sysregs.ts";
import { timerArm, timerCancel } from "./timer.ts";

export const IRQ_SELFTEST_DELAY_NS: u64 = u64(1000000n);
export const IRQ_SELFTEST_LIMIT_NS: u64 = u64(1000000000n);

/** True if the timer interrupt arrives, on time, twice (spinning, then waiting). */
export function irqSelfTest(): boolean {
  const state = irqsSave();
  const ok = spinRound() && waitRound();
  irqsSave();
  timerCancel();
  irqsRestore(state);
  return ok;
}

function spinRound(): boolean {
  const before = irqTable.timerCount;
  const deadline = u64(clockNowNs() + IRQ_SELFTEST_DELAY_NS);
  timerArm(deadline);
  irqsRestore(u64(1n));
  let now = clockNowNs();
  while (irqTable.timerCount === before && now < u64(deadline + IRQ_SELFTEST_LIMIT_NS)) {
    now = clockNowNs();
  }
  irqsSave();
  const after = clockNowNs();
  return irqTable.timerCount !== before && after >= deadline;
}

function waitRound(): boolean {
  const before = irqTable.timerCount;
  const deadline = u64(clockNowNs() + IRQ_SELFTEST_DELAY_NS);
  timerArm(deadline);
  while (irqTable.timerCount === before) {
    irqsEnableAndWait();
    irqsSave();
  }
  return clockNowNs() >= deadline;
}
