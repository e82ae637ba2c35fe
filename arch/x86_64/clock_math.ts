// Clock arithmetic without 128-bit products: cycles <-> nanoseconds at a frequency in Hz, the
// PIT calibration formula, and the CMOS RTC's BCD and calendar conversions.
//
// cyclesToNs(c, hz) = floor(c * 1e9 / hz) computed as q * 1e9 + floor(r * 1e9 / hz) with
// c = q * hz + r, exact while hz < 2^64 / 1e9 (about 18 GHz) and the result fits 64 bits;
// nsToCycles likewise with the roles swapped (exact for hz < 2^64 / 1e9 too). Calendar:
// days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), so the
// RTC's fields become Unix time; the RTC (MC146818) keeps BCD unless status B bit 2 (DM) is set,
// and a 12-hour clock unless bit 1 is set, with bit 7 of the hour meaning PM.

import { i64, u32, u64, u8 } from "../../kernel/int.ts";

export const NS_PER_S: u64 = u64(1000000000n);
/** The 8254 PIT's input clock, Hz. */
export const PIT_HZ: u64 = u64(1193182n);

/** floor(cycles * 1e9 / hz); hz > 0. */
export function cyclesToNs(cycles: u64, hz: u64): u64 {
  const q = u64(cycles / hz);
  const r = u64(cycles % hz);
  return u64(q * NS_PER_S + u64(u64(r * NS_PER_S) / hz));
}

/** floor(ns * hz / 1e9). */
export function nsToCycles(ns: u64, hz: u64): u64 {
  const q = u64(ns / NS_PER_S);
  const r = u64(ns % NS_PER_S);
  return u64(q * hz + u64(u64(r * hz) / NS_PER_S));
}

/** The TSC frequency from `cycles` TSC ticks while the PIT counted `pitTicks`. */
export function hzFromPit(cycles: u64, pitTicks: u64): u64 {
  return u64(u64(cycles * PIT_HZ) / pitTicks);
}

/** The frequency from CPUID leaf 0x15 (eax = denominator, ebx = numerator, ecx = crystal Hz)
 *  or, with no crystal frequency, leaf 0x16 eax (base MHz); 0 if neither says. */
export function hzFromCpuid(den: u32, num: u32, crystal: u32, baseMhz: u32): u64 {
  if (den !== 0 && num !== 0 && crystal !== 0) {
    return u64(u64(u64(crystal) * u64(num)) / u64(den));
  }
  if (baseMhz !== 0) {
    return u64(u64(baseMhz) * 1000000n);
  }
  return u64(0n);
}

/** A BCD byte's value (0x59 -> 59). */
export function bcdDecode(b: u8): u32 {
  return u32(mulTen(u32(b >>> 4)) + u32(b & 0xf));
}

function mulTen(x: u32): u32 {
  return u32((x << 3) + (x << 1));
}

/** The hour register (bit 7 = PM on a 12-hour clock) as 0..23; binary unless bcd. */
export function rtcHour(raw: u8, bcd: boolean, h24: boolean): u32 {
  const pm = u32(raw & 0x80) !== 0;
  const v = u8(raw & 0x7f);
  let h = bcd ? bcdDecode(v) : u32(v);
  if (!h24) {
    if (h === 12) {
      h = u32(0);
    }
    if (pm) {
      h = u32(h + 12);
    }
  }
  return h;
}

/** Days from 1970-01-01 to y-m-d (m 1..12, d 1..31), proleptic Gregorian. */
export function daysFromCivil(year: u32, month: u32, day: u32): i64 {
  const y = month <= 2 ? i64(i64(year) - 1n) : i64(year);
  const era = i64((y >= 0n ? y : i64(y - 399n)) / 400n);
  const yoe = i64(y - era * 400n);
  const mp = month > 2 ? i64(i64(month) - 3n) : i64(i64(month) + 9n);
  const doy = i64(i64(i64(153n * mp + 2n) / 5n) + i64(day) - 1n);
  const doe = i64(yoe * 365n + i64(yoe / 4n) - i64(yoe / 100n) + doy);
  return i64(era * 146097n + doe - 719468n);
}

/** Unix seconds of a UTC date and time. */
export function unixSeconds(
  year: u32,
  month: u32,
  day: u32,
  hour: u32,
  min: u32,
  sec: u32,
): i64 {
  const days = daysFromCivil(year, month, day);
  return i64(days * 86400n + i64(hour) * 3600n + i64(min) * 60n + i64(sec));
}
