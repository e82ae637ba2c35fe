import assert from "node:assert/strict";
import { u32, u64, u8, usize } from "../../kernel/int.ts";
import { machine, type MmioDevice, type PortDevice } from "../../kernel/intrinsics.ts";
import { irqTable } from "../../kernel/irq.ts";
import {
  LAPIC_EOI,
  LAPIC_TIMER_INIT,
  VECTOR_RESCHEDULE,
  VECTOR_SPURIOUS,
  VECTOR_TIMER,
} from "./apic.ts";
import { lapicMode } from "./cpu_hw.ts";
import { irqDispatch, VECTOR_TLB } from "./irq_entry.ts";
import { clockState } from "./clock.ts";
import { timerArm, timerCancel, timerState } from "./timer.ts";
import { rtcDecode, rtcReadUnixSeconds } from "./rtc.ts";

/** A LAPIC register file that records writes. */
class LapicModel implements MmioDevice {
  base = 0xfee00000;
  size = 0x1000;
  regs = new Map<number, bigint>();
  writes: [number, bigint][] = [];
  read(off: number): bigint {
    return this.regs.get(off) ?? 0n;
  }
  write(off: number, _w: number, v: bigint): void {
    this.writes.push([off, v]);
    this.regs.set(off, v);
  }
}

function setup(): LapicModel {
  machine.reset();
  const m = new LapicModel();
  machine.mapMmio(m);
  lapicMode(false, usize(0xfee00000));
  return m;
}

Deno.test("irq entry: timer and IPI vectors are EOI'd before the kernel's handler runs", () => {
  const m = setup();
  const t0 = irqTable.timerCount;
  const r0 = irqTable.rescheduleCount;
  const s0 = irqTable.spuriousCount;
  irqDispatch(VECTOR_TIMER);
  assert.deepEqual(m.writes, [[LAPIC_EOI, 0n]]);
  assert.equal(irqTable.timerCount, t0 + 1n);
  irqDispatch(VECTOR_RESCHEDULE);
  assert.equal(irqTable.rescheduleCount, r0 + 1n);
  assert.equal(m.writes.length, 2);
  const f0 = irqTable.tlbCount;
  irqDispatch(VECTOR_TLB);
  assert.equal(irqTable.tlbCount, f0 + 1n);
  assert.equal(irqTable.rescheduleCount, r0 + 1n);
  assert.equal(m.writes.length, 3);
  // the spurious vector gets no EOI (SDM §11.9)
  irqDispatch(VECTOR_SPURIOUS);
  assert.equal(m.writes.length, 3);
  assert.equal(irqTable.spuriousCount, s0 + 1n);
  irqDispatch(u32(0x80)); // unknown: EOI'd, counted as spurious
  assert.equal(m.writes.length, 4);
  assert.equal(irqTable.spuriousCount, s0 + 2n);
});

Deno.test("timer: one-shot mode programs the distance in LAPIC ticks, cancel writes 0", () => {
  const m = setup();
  clockState.tscHz = u64(1_000_000_000n);
  clockState.tscBase = u64(0n);
  machine.cycles = 5_000_000n; // now = 5 ms
  machine.cycleStep = 0n;
  timerState.tscDeadline = false;
  timerState.lapicHz = u64(250_000_000n);
  timerArm(u64(6_000_000n)); // 1 ms ahead at 250 MHz
  assert.equal(m.regs.get(LAPIC_TIMER_INIT), 250_000n);
  timerArm(u64(1_000_000n)); // already past: fire at once
  assert.equal(m.regs.get(LAPIC_TIMER_INIT), 1n);
  timerCancel();
  assert.equal(m.regs.get(LAPIC_TIMER_INIT), 0n);
  // TSC-deadline mode writes the absolute TSC value to IA32_TSC_DEADLINE.
  timerState.tscDeadline = true;
  timerArm(u64(7_000_000n));
  assert.equal(machine.regs.get("msr 0x6e0"), 7_000_000n);
});

/** CMOS with BCD time 2026-11-26 17:30:05, 24-hour, century 0x20. */
class CmosModel implements PortDevice {
  index = 0;
  cells = new Map<number, number>([
    [0, 0x05],
    [2, 0x30],
    [4, 0x17],
    [7, 0x26],
    [8, 0x11],
    [9, 0x26],
    [0x32, 0x20],
    [0x0a, 0x26],
    [0x0b, 0x02],
  ]);
  read(port: number): number {
    return port === 0x71 ? this.cells.get(this.index) ?? 0 : 0;
  }
  write(port: number, _w: number, v: number): void {
    if (port === 0x70) this.index = v & 0x7f;
  }
}

Deno.test("rtc: a BCD CMOS reads as the right Unix time; an absent one as 0", () => {
  machine.reset();
  machine.mapPorts(0x70, 2, new CmosModel());
  assert.equal(rtcReadUnixSeconds(), BigInt(Date.UTC(2026, 10, 26, 17, 30, 5) / 1000));
  // binary mode, 12-hour clock, 1 PM
  const t = rtcDecode(u8(0), u8(0), u8(0x81), u8(1), u8(1), u8(70), u8(19), u8(0x04));
  assert.equal(t, 13n * 3600n);
  // all 0xff: no RTC
  assert.equal(
    rtcDecode(u8(0xff), u8(0xff), u8(0xff), u8(0xff), u8(0xff), u8(0xff), u8(0xff), u8(0xff)),
    0n,
  );
});
