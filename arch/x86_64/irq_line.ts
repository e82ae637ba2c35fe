// x86_64 device interrupt lines: I/O APIC redirection entries (82093AA datasheet §3.2.4) and the
// test source of --test-irq-line (the CMOS RTC's periodic interrupt, arch/x86_64/rtc.ts).
//
// A line is an I/O APIC input pin, i.e. a GSI of the one I/O APIC irqInit found (ACPI 6.5
// §5.2.13). The MADT's Interrupt Source Overrides (§5.2.12.5) are not parsed by
// kernel/acpi/madt.ts yet, so ISA IRQ n is taken as GSI n (QEMU microvm and q35 override only
// IRQ 0 -> GSI 2, which Tsuki does not use: the LAPIC timer drives the clock).
// irqLineEnable(line) routes pin `line` to vector LINE_VECTOR_BASE + line (0x30-0x6f: above
// the exceptions, below the timer/IPI vectors 0xf0-0xf2), fixed delivery, physical destination
// mode, to CPU 0's APIC ID (high word bits 24-31, 56-63 of the entry); ISA pins (0-15) edge
// triggered, active high; PCI pins (16+) level triggered, active low (the PCI INTx convention).
// The high word is written first, then the low word without the mask bit, so the pin never
// delivers to a half-written destination. irqLineDisable sets the mask bit (bit 16) only.
// Pins the I/O APIC does not have are ignored. irq_entry.ts maps the vectors back to lines.

import { u32, u8, usize } from "../../kernel/int.ts";
import { apicState, LVT_MASKED } from "./apic.ts";
import { ioapicRead, ioapicWrite } from "./cpu_hw.ts";
import { cpuApicIds } from "./percpu.ts";
import { rtcPeriodicAck, rtcPeriodicStart, rtcPeriodicStop } from "./rtc.ts";

/** The vector of line 0; line n uses LINE_VECTOR_BASE + n. */
export const LINE_VECTOR_BASE: u32 = u32(0x30);
/** How many lines have vectors (0x30-0x6f). */
export const LINE_VECTORS: u32 = u32(64);
/** The ISA IRQ of the CMOS RTC. */
const ISA_IRQ_RTC: u32 = u32(8);
const IOAPIC_REG_REDIR: u32 = u32(0x10);
const REDIR_ACTIVE_LOW: u32 = u32(1 << 13);
const REDIR_LEVEL: u32 = u32(1 << 15);

/** The low word of a redirection entry: vector, fixed delivery, physical destination mode,
 *  polarity (bit 13, 1 = active low), trigger (bit 15, 1 = level), mask (bit 16). */
export function ioapicRedirLow(
  vector: u32,
  level: boolean,
  activeLow: boolean,
  masked: boolean,
): u32 {
  let v = u32(vector & 0xff);
  if (activeLow) {
    v = u32(v | REDIR_ACTIVE_LOW);
  }
  if (level) {
    v = u32(v | REDIR_LEVEL);
  }
  if (masked) {
    v = u32(v | LVT_MASKED);
  }
  return v;
}

/** The high word of a redirection entry delivering to APIC ID apicId (bits 56-63). */
export function ioapicRedirHigh(apicId: u32): u32 {
  return u32((apicId & 0xff) << 24);
}

/** The low word line's entry gets when enabled (ISA pins edge/high, others level/low). */
export function lineRedirLow(line: u32, masked: boolean): u32 {
  const isa = line < 16;
  return ioapicRedirLow(u32(LINE_VECTOR_BASE + line), !isa, !isa, masked);
}

function lineOk(line: u32): boolean {
  return line < apicState.ioapicPins && line < LINE_VECTORS;
}

/** Routes I/O APIC pin line to CPU 0 at vector 0x30 + line and unmasks it. */
export function irqLineEnable(line: u32): void {
  if (!lineOk(line)) {
    return;
  }
  const base = usize(apicState.ioapicAddr);
  const reg = u32(IOAPIC_REG_REDIR + (line << 1));
  ioapicWrite(base, reg, lineRedirLow(line, true));
  ioapicWrite(base, u32(reg + 1), ioapicRedirHigh(cpuApicIds.get(usize(0))));
  ioapicWrite(base, reg, lineRedirLow(line, false));
}

/** Masks I/O APIC pin line. */
export function irqLineDisable(line: u32): void {
  if (!lineOk(line)) {
    return;
  }
  const base = usize(apicState.ioapicAddr);
  const reg = u32(IOAPIC_REG_REDIR + (line << 1));
  ioapicWrite(base, reg, u32(ioapicRead(base, reg) | LVT_MASKED));
}

/** The line --test-irq-line's source raises: the RTC's ISA IRQ 8 (no override known). */
export function irqTestSourceLine(): u32 {
  return ISA_IRQ_RTC;
}

/** Starts the test source: the RTC's periodic interrupt at 64 Hz. */
export function irqTestSourceStart(): void {
  rtcPeriodicStart(u8(10));
}

/** Acknowledges the test source's interrupt (reads RTC register C). */
export function irqTestSourceAck(): void {
  rtcPeriodicAck();
}

/** Stops the test source. */
export function irqTestSourceStop(): void {
  rtcPeriodicStop();
}
