import assert from "node:assert/strict";
import { u32, u64 } from "./int.ts";
import { Errno } from "./errno.ts";
import {
  IRQ_LINE_MAX,
  irqLineCount,
  irqLineFired,
  irqLineOps,
  irqRegisterLine,
  irqTable,
  irqUnregisterLine,
} from "./irq.ts";

/** The controller's masking calls, recorded instead of touching an I/O APIC or GIC. */
const calls: string[] = [];
function enableModel(line: u32): void {
  calls.push(`enable ${line}`);
}
function disableModel(line: u32): void {
  calls.push(`disable ${line}`);
}

const seen: number[] = [];
function handlerA(line: u32): void {
  seen.push(line);
}
function handlerB(line: u32): void {
  seen.push(1000 + line);
}

Deno.test("irq lines: register unmasks, a taken line is EBUSY, out of range is EINVAL", () => {
  const savedEnable = irqLineOps.enable;
  const savedDisable = irqLineOps.disable;
  irqLineOps.enable = enableModel;
  irqLineOps.disable = disableModel;
  try {
    calls.length = 0;
    seen.length = 0;
    assert.equal(irqRegisterLine(u32(5), handlerA), Errno.OK);
    assert.deepEqual(calls, ["enable 5"]);
    assert.equal(irqRegisterLine(u32(5), handlerB), Errno.EBUSY);
    assert.deepEqual(calls, ["enable 5"], "a refused registration touches no controller");
    assert.equal(irqRegisterLine(IRQ_LINE_MAX, handlerB), Errno.EINVAL);
    assert.equal(irqRegisterLine(u32(0xffffffff), handlerB), Errno.EINVAL);
    assert.equal(irqUnregisterLine(IRQ_LINE_MAX), Errno.EINVAL);
    assert.equal(irqUnregisterLine(u32(6)), Errno.ENOENT);
    assert.deepEqual(calls, ["enable 5"]);

    // dispatch: the registered handler gets its line and the count grows
    const c0 = irqLineCount(u32(5));
    irqLineFired(u32(5));
    irqLineFired(u32(5));
    assert.deepEqual(seen, [5, 5]);
    assert.equal(irqLineCount(u32(5)), c0 + 2n);

    // unknown and out-of-range lines are spurious and call nobody
    const s0 = irqTable.spuriousCount;
    irqLineFired(u32(6));
    irqLineFired(IRQ_LINE_MAX);
    assert.equal(irqTable.spuriousCount, u64(s0 + 2n));
    assert.deepEqual(seen, [5, 5]);
    assert.equal(irqLineCount(IRQ_LINE_MAX), 0n);

    // unregister masks, then the line is free for another handler
    assert.equal(irqUnregisterLine(u32(5)), Errno.OK);
    assert.deepEqual(calls, ["enable 5", "disable 5"]);
    irqLineFired(u32(5));
    assert.equal(irqTable.spuriousCount, u64(s0 + 3n), "an unregistered line is spurious");
    assert.deepEqual(seen, [5, 5]);
    assert.equal(irqRegisterLine(u32(5), handlerB), Errno.OK);
    irqLineFired(u32(5));
    assert.deepEqual(seen, [5, 5, 1005]);
    assert.equal(irqUnregisterLine(u32(5)), Errno.OK);
    // the last line works too
    assert.equal(irqRegisterLine(u32(IRQ_LINE_MAX - 1), handlerA), Errno.OK);
    irqLineFired(u32(IRQ_LINE_MAX - 1));
    assert.deepEqual(seen, [5, 5, 1005, 63]);
    assert.equal(irqUnregisterLine(u32(IRQ_LINE_MAX - 1)), Errno.OK);
  } finally {
    irqLineOps.enable = savedEnable;
    irqLineOps.disable = savedDisable;
  }
});
