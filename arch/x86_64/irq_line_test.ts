import assert from "node:assert/strict";
import { u32, u64, usize } from "../../kernel/int.ts";
import { machine, type MmioDevice } from "../../kernel/intrinsics.ts";
import { Errno } from "../../kernel/errno.ts";
import { irqRegisterLine, irqTable, irqUnregisterLine } from "../../kernel/irq.ts";
import { apicState } from "./apic.ts";
import { lapicMode } from "./cpu_hw.ts";
import { irqDispatch } from "./irq_entry.ts";
import { ioapicRedirHigh, ioapicRedirLow, irqLineDisable, irqLineEnable } from "./irq_line.ts";
import { cpuApicIds } from "./percpu.ts";

/** An I/O APIC: IOREGSEL at +0, IOWIN at +0x10, 24 redirection entries. */
class IoapicModel implements MmioDevice {
  base = 0xfec00000;
  size = 0x1000;
  sel = 0;
  regs = new Map<number, number>();
  log: [number, number][] = [];
  read(off: number): bigint {
    if (off === 0x10) return BigInt(this.regs.get(this.sel) ?? 0);
    return BigInt(this.sel);
  }
  write(off: number, _w: number, v: bigint): void {
    if (off === 0) this.sel = Number(v);
    else if (off === 0x10) {
      this.regs.set(this.sel, Number(v));
      this.log.push([this.sel, Number(v)]);
    }
  }
}

function setup(): IoapicModel {
  machine.reset();
  const m = new IoapicModel();
  machine.mapMmio(m);
  machine.mapMmio({ base: 0xfee00000, size: 0x1000, read: () => 0n, write: () => {} });
  lapicMode(false, usize(0xfee00000));
  apicState.ioapicAddr = u64(0xfec00000n);
  apicState.ioapicPins = u32(24);
  cpuApicIds.set(usize(0), u32(3));
  return m;
}

Deno.test("I/O APIC redirection entry encodings (82093AA §3.2.4)", () => {
  assert.equal(ioapicRedirLow(u32(0x38), false, false, false), 0x38);
  assert.equal(ioapicRedirLow(u32(0x38), false, false, true), 0x10038);
  assert.equal(ioapicRedirLow(u32(0x45), true, true, false), 0xa045);
  assert.equal(ioapicRedirHigh(u32(3)), 0x03000000);
  assert.equal(ioapicRedirHigh(u32(0x1ff)), 0xff000000 >>> 0);
});

Deno.test("irqLineEnable routes a pin to CPU 0 at 0x30 + line; disable masks it", () => {
  const m = setup();
  irqLineEnable(u32(8));
  // entry 8 = registers 0x20 (low) and 0x21 (high); the destination is written while masked
  assert.deepEqual(m.log, [[0x20, 0x10038], [0x21, 0x03000000], [0x20, 0x38]]);
  irqLineEnable(u32(20)); // a PCI pin: level, active low
  assert.equal(m.regs.get(0x10 + 40), 0xa044);
  irqLineDisable(u32(8));
  assert.equal(m.regs.get(0x20), 0x10038);
  m.log.length = 0;
  irqLineEnable(u32(24)); // beyond the I/O APIC's pins: nothing
  irqLineDisable(u32(30));
  assert.deepEqual(m.log, []);
});

Deno.test("vectors 0x30-0x6f reach the registered line's handler", () => {
  const m = setup();
  const s0 = irqTable.spuriousCount;
  assert.equal(irqRegisterLine(u32(8), handler8), Errno.OK);
  assert.equal(m.regs.get(0x20), 0x38, "registering unmasked the pin");
  irqDispatch(u32(0x38));
  irqDispatch(u32(0x39)); // line 9: nobody
  irqDispatch(u32(0x70)); // not a line vector
  assert.equal(fired, 1);
  assert.equal(irqTable.spuriousCount, s0 + 2n);
  assert.equal(irqUnregisterLine(u32(8)), Errno.OK);
  assert.equal(m.regs.get(0x20), 0x10038, "unregistering masked the pin");
});

let fired = 0;
function handler8(line: u32): void {
  assert.equal(line, 8);
  fired++;
}
