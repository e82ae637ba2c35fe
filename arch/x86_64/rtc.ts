// The CMOS real-time clock (MC146818-compatible; ports 0x70 index, 0x71 data): date and time
// as Unix seconds, read once at boot for the wall clock (clock.ts).
//
// Registers: 0 seconds, 2 minutes, 4 hours, 7 day of month, 8 month, 9 year (two digits),
// 0x32 century (the ACPI FADT's default CENTURY index, which QEMU implements), status A bit 7
// UIP (update in progress), status B bit 2 DM (binary) and bit 1 (24-hour). A consistent
// reading waits for UIP clear and takes the fields twice until both readings agree (an update
// between the two would otherwise mix seconds of one instant with minutes of the next). The
// index write sets bit 7 (NMI disabled while the index is held). An absent RTC reads 0xff
// everywhere: any field out of range gives 0 ("no wall clock").
// The periodic interrupt (--test-irq-line, irq_line.ts): status A bits 0-3 the rate, status B
// bit 6 PIE; reading status C acknowledges (clears the flags and lowers ISA IRQ 8).

import { i64, mulU32, u16, u32, u8 } from "../../kernel/int.ts";
import { portIn8, portOut8 } from "./cpu_hw.ts";
import { bcdDecode, rtcHour, unixSeconds } from "./clock_math.ts";

const CMOS_INDEX: u16 = u16(0x70);
const CMOS_DATA: u16 = u16(0x71);
const UIP_LIMIT: u32 = u32(1000000);

function cmosRead(reg: u8): u8 {
  portOut8(CMOS_INDEX, u8(reg | 0x80));
  return portIn8(CMOS_DATA);
}

/** The raw fields, one reading. */
class RtcRaw {
  sec: u8 = u8(0);
  min: u8 = u8(0);
  hour: u8 = u8(0);
  day: u8 = u8(0);
  mon: u8 = u8(0);
  year: u8 = u8(0);
  cent: u8 = u8(0);
}
const a: RtcRaw = new RtcRaw();
const b: RtcRaw = new RtcRaw();

function readRaw(r: RtcRaw): void {
  let n = u32(0);
  while (u8(cmosRead(u8(0x0a)) & 0x80) !== 0 && n < UIP_LIMIT) {
    n = u32(n + 1);
  }
  r.sec = cmosRead(u8(0));
  r.min = cmosRead(u8(2));
  r.hour = cmosRead(u8(4));
  r.day = cmosRead(u8(7));
  r.mon = cmosRead(u8(8));
  r.year = cmosRead(u8(9));
  r.cent = cmosRead(u8(0x32));
}

function same(x: RtcRaw, y: RtcRaw): boolean {
  return x.sec === y.sec && x.min === y.min && x.hour === y.hour && x.day === y.day &&
    x.mon === y.mon && x.year === y.year && x.cent === y.cent;
}

/** The RTC's time in Unix seconds, or 0 if there is no plausible RTC. */
export function rtcReadUnixSeconds(): i64 {
  readRaw(a);
  for (let tries = u32(0); tries < 5; tries = u32(tries + 1)) {
    readRaw(b);
    if (same(a, b)) {
      break;
    }
    readRaw(a);
  }
  const status = cmosRead(u8(0x0b));
  return rtcDecode(a.sec, a.min, a.hour, a.day, a.mon, a.year, a.cent, status);
}

/** Unix seconds from raw RTC fields and status B; 0 if a field is out of range. */
export function rtcDecode(
  sec: u8,
  min: u8,
  hour: u8,
  day: u8,
  mon: u8,
  year: u8,
  cent: u8,
  status: u8,
): i64 {
  const bcd = u8(status & 4) === 0;
  const h24 = u8(status & 2) !== 0;
  const s = bcd ? bcdDecode(sec) : u32(sec);
  const mi = bcd ? bcdDecode(min) : u32(min);
  const h = rtcHour(hour, bcd, h24);
  const d = bcd ? bcdDecode(day) : u32(day);
  const mo = bcd ? bcdDecode(mon) : u32(mon);
  const y = bcd ? bcdDecode(year) : u32(year);
  let c = bcd ? bcdDecode(cent) : u32(cent);
  if (c < 19 || c > 21) {
    c = u32(20);
  }
  if (s > 59 || mi > 59 || h > 23 || d < 1 || d > 31 || mo < 1 || mo > 12 || y > 99) {
    return i64(0n);
  }
  return unixSeconds(u32(mulU32(c, u32(100)) + y), mo, d, h, mi, s);
}

function cmosWrite(reg: u8, v: u8): void {
  portOut8(CMOS_INDEX, u8(reg | 0x80));
  portOut8(CMOS_DATA, v);
}

/** Starts the periodic interrupt (status B bit 6 PIE) at 32768 >> (rate - 1) Hz (status A bits
 *  0-3, rate 3-15); status C is read first so the IRQ output starts low and the first period
 *  makes an edge. */
export function rtcPeriodicStart(rate: u8): void {
  cmosWrite(u8(0x0a), u8(u8(cmosRead(u8(0x0a)) & 0xf0) | u8(rate & 0x0f)));
  cmosRead(u8(0x0c));
  cmosWrite(u8(0x0b), u8(cmosRead(u8(0x0b)) | 0x40));
}

/** Acknowledges an RTC interrupt: reading status C clears its flags and lowers IRQ 8. */
export function rtcPeriodicAck(): void {
  cmosRead(u8(0x0c));
}

/** Stops the periodic interrupt (clears PIE) and clears what is pending. */
export function rtcPeriodicStop(): void {
  cmosWrite(u8(0x0b), u8(cmosRead(u8(0x0b)) & 0xbf));
  cmosRead(u8(0x0c));
}
