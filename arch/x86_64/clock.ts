// x86_64 clocks: the TSC as the monotonic clock, its frequency, and the CMOS RTC wall clock.
//
// clockStart (run by clockInit, timer.ts) finds the TSC frequency: CPUID leaf 0x15 (TSC/crystal
// ratio and crystal Hz) or 0x16 (base MHz) when the CPU reports them (Intel SDM vol.2A CPUID;
// vol.3 §18.17.4), else by timing 2 ms of PIT channel 0 (8254, read back with latch commands:
// microvm has a PIT but no port 0x61 for channel 2's gate) against the TSC; 2 ms is 2386 PIT
// ticks, so one tick of jitter is 0.04%. A PIT that does not count is absent (QEMU microvm with
// pit=off): the frequency is then a nominal 1 GHz and the log says "uncalibrated". The TSC is assumed
// invariant (constant rate; CPUID.80000007H:EDX[8] under KVM/TCG) and synchronised across
// CPUs, as QEMU provides. clockNowNs = (TSC - TSC at clockInit) in ns (clock_math.ts).
// wallClockNs reads the RTC once (rtc.ts) and then advances with the monotonic clock.

import { u16, u32, u64, u8 } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { klog } from "../../kernel/klog.ts";
import { cpuid, portIn8, portOut8, tscRead } from "./cpu_hw.ts";
import { cyclesToNs, hzFromCpuid, hzFromPit, nsToCycles } from "./clock_math.ts";
import { rtcReadUnixSeconds } from "./rtc.ts";

const PIT_CH0: u16 = u16(0x40);
const PIT_CMD: u16 = u16(0x43);
const PIT_CAL_TICKS: u64 = u64(2386n); // 2 ms at 1.193182 MHz (the LAPIC, timer.ts, needs 10 ms)
const NOMINAL_HZ: u64 = u64(1000000000n);
const POLL_LIMIT: u32 = u32(10000000);
const POLL_LIMIT_START: u32 = u32(100000);

class PitResult {
  ticks: u64 = u64(0n);
}
const pitTicks: PitResult = new PitResult();

/** The clock's state: the TSC rate and its origin, and the wall clock at one instant. */
export class ClockState {
  tscHz: u64 = u64(0n);
  tscBase: u64 = u64(0n);
  source: string = "none";
  wallBaseNs: u64 = u64(0n);
  wallAtNs: u64 = u64(0n);
  wallRead: boolean = false;
}
export const clockState: ClockState = new ClockState();

/** Channel 0's current count (latched: command 0x00, then low and high byte). */
function pitCount(): u32 {
  portOut8(PIT_CMD, u8(0x00));
  const lo = u32(portIn8(PIT_CH0));
  const hi = u32(portIn8(PIT_CH0));
  return u32(lo | (hi << 8));
}

/** TSC cycles while PIT channel 0 counts at least PIT_CAL_TICKS (pit.ticks gets the exact
 *  count), or 0 if the counter never moves (no PIT). */
function pitMeasure(): u64 {
  portOut8(PIT_CMD, u8(0x34)); // channel 0, lobyte/hibyte, mode 2 (rate generator), binary
  portOut8(PIT_CH0, u8(0xff));
  portOut8(PIT_CH0, u8(0xff));
  let prev = pitCount();
  let n = u32(0);
  while (pitCount() === prev) {
    n = u32(n + 1);
    if (n >= POLL_LIMIT_START) {
      return u64(0n);
    }
  }
  prev = pitCount();
  const t0 = tscRead();
  let total = u32(0);
  n = u32(0);
  while (u64(total) < PIT_CAL_TICKS) {
    const c = pitCount();
    total = u32(total + u32(u32(prev - c) & 0xffff));
    prev = c;
    n = u32(n + 1);
    if (n >= POLL_LIMIT) {
      return u64(0n);
    }
  }
  const t1 = tscRead();
  pitTicks.ticks = u64(total);
  return u64(t1 - t0);
}

/** Finds the TSC frequency and starts the monotonic clock at 0 (timer.ts's clockInit calls it,
 *  then calibrates the LAPIC timer against it). */
export function clockStart(_info: BootInfo): void {
  const maxLeaf = cpuid(u32(0), u32(0), u32(0));
  let hz = u64(0n);
  if (maxLeaf >= 0x15) {
    const base = maxLeaf >= 0x16 ? cpuid(u32(0x16), u32(0), u32(0)) : u32(0);
    const den = cpuid(u32(0x15), u32(0), u32(0));
    const num = cpuid(u32(0x15), u32(0), u32(1));
    const crystal = cpuid(u32(0x15), u32(0), u32(2));
    hz = hzFromCpuid(den, num, crystal, base);
    clockState.source = "CPUID";
  }
  if (hz === 0n) {
    const cycles = pitMeasure();
    if (cycles !== 0n) {
      hz = hzFromPit(cycles, pitTicks.ticks);
      clockState.source = "PIT";
    }
  }
  if (hz === 0n) {
    hz = NOMINAL_HZ;
    clockState.source = "uncalibrated";
  }
  clockState.tscHz = hz;
  clockState.tscBase = tscRead();
  klog(`clock: TSC ${u64(hz / 1000n)} kHz (${clockState.source})`);
}

/** Nanoseconds since clockInit. */
export function clockNowNs(): u64 {
  if (clockState.tscHz === 0n) {
    return u64(0n);
  }
  const now = tscRead();
  const hz = clockState.tscHz;
  return cyclesToNs(u64(now - clockState.tscBase), hz);
}

/** The TSC value at monotonic time ns (for the TSC-deadline timer). */
export function clockTscAt(ns: u64): u64 {
  const c = nsToCycles(ns, clockState.tscHz);
  return u64(clockState.tscBase + c);
}

/** Wall-clock time as Unix nanoseconds (the RTC read once, then the monotonic clock); 0 when
 *  there is no RTC. */
export function wallClockNs(): u64 {
  if (!clockState.wallRead) {
    clockState.wallRead = true;
    const s = rtcReadUnixSeconds();
    clockState.wallAtNs = clockNowNs();
    clockState.wallBaseNs = s > 0n ? u64(u64(s) * 1000000000n) : u64(0n);
  }
  if (clockState.wallBaseNs === 0n) {
    return u64(0n);
  }
  const now = clockNowNs();
  return u64(clockState.wallBaseNs + u64(now - clockState.wallAtNs));
}

/** The cycle counter's (TSC's) frequency in Hz; 0 before clockInit. */
export function cycleCounterHz(): u64 {
  return clockState.tscHz;
}
