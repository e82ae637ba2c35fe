// Boot self-test of a device interrupt line (kernel/irq.ts's line table), switched on by
// `--test-irq-line` on the command line (kernel/main.ts, after schedBoot: interrupts are on).
//
// The arch names a real device that can raise an interrupt on demand (@arch/mod.ts
// irqTestSource*: x86_64 the CMOS RTC's periodic interrupt on ISA IRQ 8 through the I/O APIC,
// aarch64 the PL031's match interrupt on its devicetree SPI through the GIC). The test registers
// a handler for that line (which unmasks it at the controller), starts the source, and sleeps in
// 10 ms steps (threadSleepNs) until the handler ran or IRQ_TEST_TIMEOUT_NS passed; the handler
// acknowledges the device each time. Then it stops the source, unregisters the line (masking it),
// checks that a second registration of a taken line was refused with EBUSY, and prints
// `irq: line <n> fired <k> times`; it panics if the line never fired.

import { u32, u64 } from "./int.ts";
import { Errno, errnoName } from "./errno.ts";
import { klog } from "./klog.ts";
import { panic } from "./panic.ts";
import { irqLineCount, irqRegisterLine, irqUnregisterLine } from "./irq.ts";
import { schedNowNs, threadSleepNs } from "./sched/mod.ts";
import {
  irqTestSourceAck,
  irqTestSourceLine,
  irqTestSourceStart,
  irqTestSourceStop,
} from "@arch/mod.ts";

const IRQ_TEST_TIMEOUT_NS: u64 = u64(3000000000n);
const IRQ_TEST_STEP_NS: u64 = u64(10000000n);

class IrqTestState {
  fired: u32 = u32(0);
}
const st: IrqTestState = new IrqTestState();

function onTestLine(_line: u32): void {
  st.fired = u32(st.fired + 1);
  irqTestSourceAck();
}

function otherHandler(_line: u32): void {}

/** Registers the arch's test source's line, waits for it to fire, prints the count. */
export function selftestIrqLine(): void {
  const line = irqTestSourceLine();
  const err = irqRegisterLine(line, onTestLine);
  if (err !== Errno.OK) {
    klog(`irq: cannot register line ${line}: ${errnoName(err)}`);
    panic("irq: the test line cannot be registered");
  }
  const busy = irqRegisterLine(line, otherHandler);
  const before = irqLineCount(line);
  irqTestSourceStart();
  const start = schedNowNs();
  while (st.fired === 0 && u64(schedNowNs() - start) < IRQ_TEST_TIMEOUT_NS) {
    threadSleepNs(IRQ_TEST_STEP_NS);
  }
  irqTestSourceStop();
  const count = u64(irqLineCount(line) - before);
  if (irqUnregisterLine(line) !== Errno.OK) {
    panic("irq: the test line was not registered");
  }
  if (busy !== Errno.EBUSY) {
    klog(`irq: a second handler for line ${line} got ${errnoName(busy)}, not EBUSY`);
    panic("irq: a taken line was registered twice");
  }
  klog(`irq: line ${line} fired ${count} times`);
  if (st.fired === 0) {
    panic("irq: the test line never fired");
  }
}
