// The Arm PL031 real-time clock (PrimeCell RTC, Arm DDI 0224): RTCDR at offset 0x000 is the
// current count, which Linux and QEMU keep as seconds since the Unix epoch; the PrimeCell
// identification registers 0xFE0-0xFFC read 0x31, 0x10, 0x14 (or 0x04), 0x00 (peripheral ID:
// part 0x031, designer 0x41 Arm) and 0x0D, 0xF0, 0x05, 0xB1 (cell ID, §3.3.9-3.3.12).
// rtcInit maps the devicetree's window (arch/aarch64/dev_mmio.ts) and accepts it only if the part
// number and the cell ID match, so a wrong node never yields a made-up time.
// The match interrupt (--test-irq-line, irq_line.ts; DDI 0224 §3.3): RTCMR 0x004 the match
// value, RTCIMSC 0x010 bit 0 unmasks, RTCICR 0x01C bit 0 clears; the output is a level.

import { u32, u64 } from "../../kernel/int.ts";
import { devMmioHas, devMmioSet, devRead32, devWrite32, MMIO_RTC } from "./dev_mmio.ts";

export const RTCDR: u64 = u64(0x000n);
export const RTCMR: u64 = u64(0x004n);
export const RTCIMSC: u64 = u64(0x010n);
export const RTCICR: u64 = u64(0x01cn);
export const RTC_PERIPH_ID0: u64 = u64(0xfe0n);
export const RTC_CELL_ID0: u64 = u64(0xff0n);

/** Maps the PL031 at [base, base + size); true if it identifies as a PL031. */
export function rtcInit(base: u64, size: u64): boolean {
  if (base === 0n || size < 0x1000n || !devMmioSet(MMIO_RTC, base, u64(0x1000n))) {
    return false;
  }
  const part0 = u32(devRead32(MMIO_RTC, RTC_PERIPH_ID0) & 0xff);
  const part1 = u32(devRead32(MMIO_RTC, u64(RTC_PERIPH_ID0 + 4n)) & 0xf);
  let cell = u32(0);
  for (let i = u32(0); i < 4; i = u32(i + 1)) {
    const b = u32(devRead32(MMIO_RTC, u64(RTC_CELL_ID0 + u64(i) * 4n)) & 0xff);
    cell = u32(cell | (b << u32(i << 3)));
  }
  if (part0 !== 0x31 || part1 !== 0 || cell !== 0xb105f00d) {
    devMmioSet(MMIO_RTC, u64(0n), u64(0n));
    return false;
  }
  return true;
}

/** RTCDR: seconds since the Unix epoch (0 without a PL031). */
export function rtcSeconds(): u32 {
  return devRead32(MMIO_RTC, RTCDR);
}

/** True if rtcInit accepted a PL031. */
export function rtcPresent(): boolean {
  return devMmioHas(MMIO_RTC);
}

/** Arms the match interrupt for the next second: clears what is pending, RTCMR = RTCDR + 1,
 *  unmasks it (RTCIMSC bit 0). The PL031 raises its interrupt when RTCDR reaches RTCMR. */
export function rtcAlarmStart(): void {
  devWrite32(MMIO_RTC, RTCICR, u32(1));
  devWrite32(MMIO_RTC, RTCMR, u32(devRead32(MMIO_RTC, RTCDR) + 1));
  devWrite32(MMIO_RTC, RTCIMSC, u32(1));
}

/** Clears the match interrupt (RTCICR bit 0): the PL031 lowers its (level) output. */
export function rtcAlarmAck(): void {
  devWrite32(MMIO_RTC, RTCICR, u32(1));
}

/** Masks and clears the match interrupt. */
export function rtcAlarmStop(): void {
  devWrite32(MMIO_RTC, RTCIMSC, u32(0));
  devWrite32(MMIO_RTC, RTCICR, u32(1));
}
