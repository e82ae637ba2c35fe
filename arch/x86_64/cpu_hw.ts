"use unsafe";
// x86_64 CPU-state accessors for interrupts, clocks and per-CPU data: the unsafe half of
// apic.ts, clock.ts, rtc.ts, timer.ts and smp.ts, kept to one-line doors.
//
// - CPUID (Intel SDM vol.2A), the TSC (rdtsc, vol.3 §18.17), MSRs: IA32_APIC_BASE (0x1b,
//   vol.3 §11.4.4), IA32_TSC_DEADLINE (0x6e0, §11.5.4.1), IA32_GS_BASE (0xc0000101).
// - The local APIC's registers (vol.3 §11.4.1 xAPIC MMIO at the APIC base, 16-byte aligned
//   32-bit registers; §11.12.1 x2APIC: MSR 0x800 + offset/16, the ICR one 64-bit MSR 0x830).
//   lapicMode picks one; in x2APIC mode the offset is turned into the MSR number here.
// - The I/O APIC's indirect registers (IOREGSEL at +0, IOWIN at +0x10; 82093AA datasheet §3.1).
// - Port I/O for the PIT (8254: ports 0x40-0x43, channel 2 gate and output on port 0x61) and
//   the CMOS RTC (index 0x70 with bit 7 = NMI disable, data 0x71).
// - Interrupt flag and idle (irqEnable, irqEnableAndWait), raw memory for the per-CPU blocks
//   and the AP trampoline.
// Invariant: nothing here decides anything; every caller is a safe module with the logic.

import { u16, u32, u64, u8, usize } from "../../kernel/int.ts";
import {
  addr,
  atomicLoad32,
  atomicStore32,
  cycleCounter,
  inb,
  irqDisable,
  irqEnable,
  irqEnableAndWait,
  load32,
  load64,
  memCopy,
  mmioRead32,
  mmioWrite32,
  outb,
  store16,
  store32,
  store64,
  x86Cpuid,
  x86Rdmsr,
  x86Wrmsr,
} from "../../kernel/intrinsics.ts";

export const MSR_APIC_BASE: u32 = u32(0x1b);
export const MSR_TSC_DEADLINE: u32 = u32(0x6e0);
export const MSR_GS_BASE: u32 = u32(0xc0000101);
const MSR_X2APIC_BASE: u32 = u32(0x800);
const MSR_X2APIC_ICR: u32 = u32(0x830);
const LAPIC_ICR_LO: usize = usize(0x300);
const LAPIC_ICR_HI: usize = usize(0x310);
const ICR_PENDING: u32 = u32(0x1000);

let x2apic: boolean = false;
let lapicBase: usize = usize(0xfee00000);

export function cpuid(leaf: u32, sub: u32, reg: u32): u32 {
  return x86Cpuid(leaf, sub, reg);
}
export function tscRead(): u64 {
  return cycleCounter();
}
export function msrRead(msr: u32): u64 {
  return x86Rdmsr(msr);
}
export function msrWrite(msr: u32, v: u64): void {
  x86Wrmsr(msr, v);
}

/** Chooses how lapicRead/lapicWrite reach the local APIC. */
export function lapicMode(useX2apic: boolean, base: usize): void {
  x2apic = useX2apic;
  lapicBase = base;
}
export function lapicRead(reg: u32): u32 {
  if (x2apic) {
    return u32(x86Rdmsr(u32(MSR_X2APIC_BASE + (reg >>> 4))));
  }
  return mmioRead32(addr(lapicBase + usize(reg)));
}
export function lapicWrite(reg: u32, v: u32): void {
  if (x2apic) {
    x86Wrmsr(u32(MSR_X2APIC_BASE + (reg >>> 4)), u64(v));
  } else {
    mmioWrite32(addr(lapicBase + usize(reg)), v);
  }
}
/** Sends an IPI: dest is an x2APIC ID (x2APIC) or an 8-bit APIC ID (xAPIC, ICR bits 56-63);
 *  in xAPIC mode waits until the previous one left (delivery status, §11.6.1). */
export function lapicWriteIcr(dest: u32, low: u32): void {
  if (x2apic) {
    x86Wrmsr(MSR_X2APIC_ICR, u64((u64(dest) << 32n) | u64(low)));
    return;
  }
  while (u32(mmioRead32(addr(lapicBase + LAPIC_ICR_LO)) & ICR_PENDING) !== 0) {
    // the previous IPI is still being sent
  }
  mmioWrite32(addr(lapicBase + LAPIC_ICR_HI), u32(dest << 24));
  mmioWrite32(addr(lapicBase + LAPIC_ICR_LO), low);
}

export function ioapicRead(base: usize, reg: u32): u32 {
  mmioWrite32(base, reg);
  return mmioRead32(addr(base + 0x10));
}
export function ioapicWrite(base: usize, reg: u32, v: u32): void {
  mmioWrite32(base, reg);
  mmioWrite32(addr(base + 0x10), v);
}

export function portIn8(port: u16): u8 {
  return inb(port);
}
export function portOut8(port: u16, v: u8): void {
  outb(port, v);
}

export function interruptsOn(): void {
  irqEnable();
}
export function interruptsOff(): void {
  irqDisable();
}
export function interruptsOnAndWait(): void {
  irqEnableAndWait();
}

export function rawStore16(a: usize, v: u16): void {
  store16(a, v);
}
export function rawStore32(a: usize, v: u32): void {
  store32(a, v);
}
export function rawStore64(a: usize, v: u64): void {
  store64(a, v);
}
export function rawLoad32(a: usize): u32 {
  return load32(a);
}
export function rawCopy(dst: usize, src: usize, len: usize): void {
  memCopy(dst, src, len);
}
export function flagLoad(a: usize): u32 {
  return atomicLoad32(a);
}
export function flagStore(a: usize, v: u32): void {
  atomicStore32(a, v);
}
export function rawLoad64(a: usize): u64 {
  return load64(a);
}
