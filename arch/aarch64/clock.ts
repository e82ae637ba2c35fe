// Clocks on aarch64: a monotonic nanosecond clock from the generic timer's virtual counter, and
// the wall clock from the PL031 RTC.
//
// The virtual count CNTVCT_EL0 ticks at CNTFRQ_EL0 Hz (Arm ARM DDI 0487, D11.1.2: uniform, at
// least 56 bits wide, so it does not wrap for decades at 1 GHz). clockInit records the count at
// boot; clockNowNs = ticks since then converted with nsFromTicks, split into whole seconds and a
// remainder so no product overflows 64 bits: sec * 1e9 + (rem * 1e9) / freq with rem < freq, and
// rem * 1e9 < 2^64 for any freq below 2^34 Hz (Armv8.6 fixes 1 GHz; QEMU uses 62.5 MHz). The
// result is exact to a nanosecond and monotonic (nsFromTicks is non-decreasing in ticks).
// clockDeadlineCounter maps a deadline back to a count, rounded up (ticksFromNsCeil), so a timer
// armed for it never fires before clockNowNs reaches it.
// The wall clock: the PL031's RTCDR (seconds since the Unix epoch, arch/aarch64/rtc.ts) read once
// in clockInit gives the wall time at the boot count; wallClockNs adds the monotonic clock to
// it (second resolution at boot, nanosecond steps after). Without a PL031, it is the time since
// boot. Invariant: clockInit runs once, on the boot CPU, before any other function here.

import { u32, u64 } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { panic } from "../../kernel/panic.ts";
import { archDevices } from "./devices.ts";
import { rtcInit, rtcSeconds } from "./rtc.ts";
import { counterFreq, counterRead } from "./sysregs.ts";

export const NS_PER_SEC: u64 = u64(1000000000n);
/** The highest counter frequency the conversions are exact for (2^34 Hz). */
export const FREQ_MAX: u64 = u64(0x400000000n);

export class ClockState {
  freq: u64 = u64(0n);
  base: u64 = u64(0n);
  wallBaseNs: u64 = u64(0n);
  hasRtc: boolean = false;
}
export const clock: ClockState = new ClockState();

/** ticks at freq Hz as nanoseconds, rounded down. */
export function nsFromTicks(ticks: u64, freq: u64): u64 {
  const sec = u64(ticks / freq);
  const rem = u64(ticks % freq);
  return u64(sec * NS_PER_SEC + u64(u64(rem * NS_PER_SEC) / freq));
}

/** ns as ticks at freq Hz, rounded up. */
export function ticksFromNsCeil(ns: u64, freq: u64): u64 {
  const sec = u64(ns / NS_PER_SEC);
  const rem = u64(ns % NS_PER_SEC);
  const part = u64(u64(u64(rem * freq) + NS_PER_SEC - 1n) / NS_PER_SEC);
  return u64(sec * freq + part);
}

/** Reads CNTFRQ_EL0, the boot count and the RTC. */
export function clockInit(info: BootInfo): void {
  const freq = counterFreq();
  if (freq === 0n || freq >= FREQ_MAX) {
    panic("generic timer frequency (CNTFRQ_EL0) out of range");
  }
  clock.freq = freq;
  clock.base = counterRead();
  const d = archDevices(info);
  clock.hasRtc = rtcInit(d.rtcBase, d.rtcSize);
  if (clock.hasRtc) {
    const sec = u64(rtcSeconds());
    clock.wallBaseNs = u64(u64(sec * NS_PER_SEC) - clockNowNs());
  }
}

/** Nanoseconds since clockInit (0 before it). */
export function clockNowNs(): u64 {
  if (clock.freq === 0n) {
    return u64(0n);
  }
  const now = counterRead();
  const freq = clock.freq;
  return nsFromTicks(u64(now - clock.base), freq);
}

/** The counter value at which clockNowNs() reaches deadlineNs (rounded up). */
export function clockDeadlineCounter(deadlineNs: u64): u64 {
  if (clock.freq === 0n) {
    return u64(0n);
  }
  const ticks = ticksFromNsCeil(deadlineNs, clock.freq);
  return u64(clock.base + ticks);
}

/** Unix time in nanoseconds (time since boot without an RTC). */
export function wallClockNs(): u64 {
  const now = clockNowNs();
  return u64(clock.wallBaseNs + now);
}

/** The counter frequency in Hz (0 before clockInit). */
export function clockFreq(): u32 {
  return u32(clock.freq);
}

/** The cycle counter's (CNTVCT_EL0's) frequency in Hz; 0 before clockInit. */
export function cycleCounterHz(): u64 {
  return u64(clock.freq);
}
