import assert from "node:assert/strict";
import { u32, u64 } from "../../kernel/int.ts";
import { machine, type MmioDevice } from "../../kernel/intrinsics.ts";
import { irqTable } from "../../kernel/irq.ts";
import { devMmioSet, MMIO_GICC, MMIO_GICD, MMIO_GICR } from "./dev_mmio.ts";
import { gicV2InitCpu, gicV2InitDist, gicV2SendSgi, gicV2SgirValue } from "./gic_v2.ts";
import { gicV3Affinity, gicV3FindFrame, gicV3InitCpu, gicV3Sgi1rValue } from "./gic_v3.ts";
import { gic, gicHandleIrq, gicPpiMask } from "./gic.ts";
import { GIC_V2, GIC_V3 } from "../../kernel/boot/fdt_devices.ts";

/** A register file: 32-bit registers by offset, with a log of writes and read hooks. */
function regs(
  base: number,
  size: number,
  onRead: (off: number) => number | undefined = () => undefined,
) {
  const r = new Map<number, number>();
  const writes: [number, number][] = [];
  const dev: MmioDevice = {
    base,
    size,
    read(off) {
      return BigInt(onRead(off) ?? r.get(off) ?? 0);
    },
    write(off, _w, v) {
      r.set(off, Number(v));
      writes.push([off, Number(v)]);
    },
  };
  machine.mapMmio(dev);
  return { r, writes };
}

function resetIrqTable() {
  irqTable.timerCount = u64(0n);
  irqTable.rescheduleCount = u64(0n);
  irqTable.tlbCount = u64(0n);
  irqTable.spuriousCount = u64(0n);
}

Deno.test("GICv2: distributor disables every SPI word, then enables; CPU init enables SGIs 1-2 and PPI 27", () => {
  machine.reset();
  const d = regs(
    0x08000000,
    0x10000,
    (off) => off === 0x004 ? 2 : off === 0x800 ? 0x04040404 : undefined,
  );
  const c = regs(0x08010000, 0x10000);
  devMmioSet(MMIO_GICD, u64(0x08000000n), u64(0x10000n));
  devMmioSet(MMIO_GICC, u64(0x08010000n), u64(0x10000n));
  gicV2InitDist();
  // TYPER.ITLinesNumber = 2: 96 INTIDs, SPI words 1 and 2.
  assert.deepEqual(d.writes, [[0x000, 0], [0x184, 0xffffffff], [0x188, 0xffffffff], [0x000, 1]]);
  gic.timerIntid = u32(27);
  const mask = gicPpiMask();
  assert.equal(mask, (1 << 1) | (1 << 2) | (1 << 27));
  gicV2InitCpu(u32(0), mask);
  assert.equal(d.r.get(0x100), mask >>> 0, "ISENABLER0");
  assert.equal(d.r.get(0x400), 0xa0a000, "priority of SGIs 1 and 2 in bytes 1-2 of IPRIORITYR0");
  assert.equal(d.r.get(0x418), 0xa0000000, "priority of INTID 27 in byte 3 of IPRIORITYR6");
  assert.equal(c.r.get(0x04), 0xf0, "PMR");
  assert.equal(c.r.get(0x00), 1, "CTLR");
  // SGI to CPU 0: its interface mask came from ITARGETSR0 (0x04: interface 2).
  assert.equal(gicV2SgirValue(u32(0x04), u32(1)), 0x040001);
  assert.equal(gicV2SendSgi(u32(0), u32(1)), true);
  assert.equal(d.r.get(0xf00), 0x040001);
  assert.equal(gicV2SendSgi(u32(3), u32(1)), false, "CPU 3 never set up its interface");
});

Deno.test("GICv2 dispatch: timer masked before EOI, SGIs 1 and 2, spurious 1023 without EOI", () => {
  machine.reset();
  resetIrqTable();
  const order: string[] = [];
  let iar = 27;
  regs(0x08000000, 0x10000);
  devMmioSet(MMIO_GICD, u64(0x08000000n), u64(0x10000n));
  const c = regs(0x08010000, 0x10000, (off) => off === 0x0c ? iar : undefined);
  devMmioSet(MMIO_GICC, u64(0x08010000n), u64(0x10000n));
  gic.version = GIC_V2;
  gic.timerIntid = u32(27);
  machine.regs.set("cntv_ctl_el0", 1n);
  irqTable.timer = () => {
    order.push(`handler ctl=${machine.regs.get("cntv_ctl_el0")} eoi=${c.r.get(0x10)}`);
  };
  gicHandleIrq();
  assert.deepEqual(order, ["handler ctl=0 eoi=27"]);
  assert.equal(irqTable.timerCount, 1n);
  iar = (3 << 10) | 1; // SGI 1 from CPU 3: EOI with the whole IAR value
  gicHandleIrq();
  assert.equal(irqTable.rescheduleCount, 1n);
  assert.equal(c.r.get(0x10), (3 << 10) | 1);
  iar = (2 << 10) | 2; // SGI 2 (TLB flush) from CPU 2
  gicHandleIrq();
  assert.equal(irqTable.tlbCount, 1n);
  assert.equal(irqTable.rescheduleCount, 1n);
  assert.equal(c.r.get(0x10), (2 << 10) | 2);
  iar = 1023;
  c.writes.length = 0;
  gicHandleIrq();
  assert.equal(irqTable.spuriousCount, 1n);
  assert.deepEqual(c.writes, [], "no EOI for a spurious interrupt");
  iar = 40;
  gicHandleIrq();
  assert.equal(irqTable.spuriousCount, 2n);
  assert.equal(c.r.get(0x10), 40, "an unexpected INTID is ended");
});

Deno.test("GICv3: affinity, redistributor frame search, SGI1R encoding", () => {
  machine.reset();
  assert.equal(gicV3Affinity(u64(0x0100020304n)), 0x01020304);
  assert.equal(gicV3Sgi1rValue(u64(0x3n), u32(1)), 0x01000008n);
  assert.equal(
    gicV3Sgi1rValue(u64(0x0500030213n), u32(1)),
    (1n << 3n) | (2n << 16n) | (1n << 24n) | (3n << 32n) | (1n << 44n) | (5n << 48n),
  );
  // Three 128 KiB frames with affinities 0, 1, 2; the last has TYPER.Last.
  const rd = regs(0x080a0000, 0x60000, (off) => {
    const frame = Math.floor(off / 0x20000);
    if (off % 0x20000 === 0x8) return frame === 2 ? 0x10 : 0;
    if (off % 0x20000 === 0xc) return frame;
    if (off % 0x20000 === 0x14) return 0; // WAKER: awake
    return undefined;
  });
  devMmioSet(MMIO_GICR, u64(0x080a0000n), u64(0x60000n));
  assert.equal(gicV3FindFrame(u32(1), u64(0x60000n)), 0x20000n);
  assert.equal(gicV3FindFrame(u32(7), u64(0x60000n)), 0xffffffffffffffffn);
  assert.equal(gicV3InitCpu(u32(2), u64(2n), u64(0x60000n), u32((1 << 1) | (1 << 27))), true);
  const sgi = 0x40000 + 0x10000;
  assert.equal(rd.r.get(sgi + 0x80), 0xffffffff, "group 1");
  assert.equal(rd.r.get(sgi + 0x100), ((1 << 1) | (1 << 27)) >>> 0, "enabled");
  assert.equal(rd.r.get(0x40000 + 0x14), 0, "ProcessorSleep cleared");
  assert.equal(machine.regs.get("icc_sre_el1"), 1n);
  assert.equal(machine.regs.get("icc_igrpen1_el1"), 1n);
  assert.equal(machine.regs.get("icc_pmr_el1"), 0xf0n);
});

Deno.test("GICv3 dispatch reads ICC_IAR1 and writes ICC_EOIR1", () => {
  machine.reset();
  resetIrqTable();
  gic.version = GIC_V3;
  gic.timerIntid = u32(27);
  irqTable.timer = () => {};
  machine.regs.set("icc_iar1_el1", 27n);
  machine.regs.set("cntv_ctl_el0", 1n);
  gicHandleIrq();
  assert.equal(irqTable.timerCount, 1n);
  assert.equal(machine.regs.get("icc_eoir1_el1"), 27n);
  assert.equal(machine.regs.get("cntv_ctl_el0"), 0n);
  machine.regs.set("icc_eoir1_el1", 0n);
  machine.regs.set("icc_iar1_el1", 1023n);
  gicHandleIrq();
  assert.equal(irqTable.spuriousCount, 1n);
  assert.equal(machine.regs.get("icc_eoir1_el1"), 0n);
});
