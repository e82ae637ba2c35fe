import assert from "node:assert/strict";
import { u32, u64 } from "../../kernel/int.ts";
import { machine, type MmioDevice } from "../../kernel/intrinsics.ts";
import { Errno } from "../../kernel/errno.ts";
import { irqLineOps, irqRegisterLine, irqTable, irqUnregisterLine } from "../../kernel/irq.ts";
import { GIC_V2, GIC_V3 } from "../../kernel/boot/fdt_devices.ts";
import { devMmioSet, MMIO_GICC, MMIO_GICD } from "./dev_mmio.ts";
import { gicV2InitCpu } from "./gic_v2.ts";
import { gicIcfgrValue, gicIrouterHigh, gicIrouterLow, gicItargetsrValue } from "./gic_spi.ts";
import { gic, gicHandleIrq } from "./gic.ts";
import { irqLineDisable, irqLineEnable } from "./irq_line.ts";
import { cpuSetMpidr } from "./percpu.ts";

function regs(base: number, size: number, onRead: (off: number) => number | undefined) {
  const r = new Map<number, number>();
  const dev: MmioDevice = {
    base,
    size,
    read: (off) => BigInt(onRead(off) ?? r.get(off) ?? 0),
    write: (off, _w, v) => void r.set(off, Number(v)),
  };
  machine.mapMmio(dev);
  return r;
}

Deno.test("GIC SPI register encodings: ICFGR, ITARGETSR, IROUTER", () => {
  // INTID 34: ICFGR2 field 2, bits 4-5; the upper bit (5) says edge
  assert.equal(gicIcfgrValue(u32(0), u32(34), true), 1 << 5);
  assert.equal(gicIcfgrValue(u32(0xffffffff), u32(34), false), (0xffffffff & ~(1 << 5)) >>> 0);
  assert.equal(gicIcfgrValue(u32(0), u32(47), true), 0x80000000);
  // INTID 34: ITARGETSR8 byte 2
  assert.equal(gicItargetsrValue(u32(0x11223344), u32(34), u32(1)), 0x11013344);
  // IROUTER: Aff2.Aff1.Aff0 low, IRM (bit 31) 0, Aff3 high
  assert.equal(gicIrouterLow(u64(0x0500030201n)), 0x030201);
  assert.equal(gicIrouterHigh(u64(0x0500030201n)), 5);
});

function setupV2(): Map<number, number> {
  machine.reset();
  const d = regs(0x08000000, 0x10000, (off) => off === 0x800 ? 0x01 : undefined);
  devMmioSet(MMIO_GICD, u64(0x08000000n), u64(0x10000n));
  regs(0x08010000, 0x10000, () => undefined);
  devMmioSet(MMIO_GICC, u64(0x08010000n), u64(0x10000n));
  gic.version = GIC_V2;
  gicV2InitCpu(u32(0), u32(0));
  return d;
}

Deno.test("GICv2 irqLineEnable: SPI 2 level, priority, CPU 0's interface, enabled; disable", () => {
  const d = setupV2();
  d.set(0xc08, 0xffffffff);
  irqLineEnable(u32(2));
  assert.equal(d.get(0x420), 0xa00000, "priority byte of INTID 34");
  assert.equal(d.get(0xc08), (0xffffffff & ~(1 << 5)) >>> 0, "level-sensitive");
  assert.equal(d.get(0x820), 0x010000, "ITARGETSR byte of INTID 34 = CPU 0's interface");
  assert.equal(d.get(0x104), 1 << 2, "ISENABLER1 bit 2");
  irqLineDisable(u32(2));
  assert.equal(d.get(0x184), 1 << 2, "ICENABLER1 bit 2");
  d.delete(0x104);
  irqLineEnable(u32(64)); // not a line
  assert.equal(d.get(0x104), undefined);
});

Deno.test("GICv3 irqLineEnable routes SPI 2 to CPU 0's affinity through IROUTER", () => {
  machine.reset();
  const d = regs(0x08000000, 0x10000, () => undefined);
  devMmioSet(MMIO_GICD, u64(0x08000000n), u64(0x10000n));
  gic.version = GIC_V3;
  cpuSetMpidr(u32(0), u64(0x0100000203n));
  irqLineEnable(u32(2));
  assert.equal(d.get(0x6000 + 34 * 8), 0x000203);
  assert.equal(d.get(0x6000 + 34 * 8 + 4), 1);
  assert.equal(d.get(0x104), 1 << 2);
  assert.equal(d.get(0x820), undefined, "no ITARGETSR with affinity routing");
  cpuSetMpidr(u32(0), u64(0n));
});

Deno.test("GIC dispatch: INTID 32 + line reaches the line's handler after EOI", () => {
  setupV2();
  const saved = irqLineOps.enable;
  irqLineOps.enable = noMask;
  try {
    assert.equal(irqRegisterLine(u32(2), onLine), Errno.OK);
    machine.regs.set("icc_iar1_el1", 34n);
    gic.version = GIC_V3;
    const s0 = irqTable.spuriousCount;
    gicHandleIrq();
    assert.deepEqual(lines, ["line 2 eoi=34"]);
    machine.regs.set("icc_iar1_el1", 35n);
    gicHandleIrq();
    assert.equal(irqTable.spuriousCount, s0 + 1n, "SPI 3 has no handler");
  } finally {
    irqLineOps.enable = saved;
    irqLineOps.disable = noMask;
    irqUnregisterLine(u32(2));
    irqLineOps.disable = irqLineDisable;
  }
});

const lines: string[] = [];
function onLine(line: u32): void {
  lines.push(`line ${line} eoi=${machine.regs.get("icc_eoir1_el1")}`);
}
function noMask(_line: u32): void {}
