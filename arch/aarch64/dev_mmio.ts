"use unsafe";
// The register windows of the platform devices the aarch64 arch drives itself: the GIC
// distributor, the GICv2 CPU interface, the GICv3 redistributors and the PL031 RTC.
//
// Each window is set once at boot from the devicetree (arch/aarch64/gic.ts, clock.ts) and lies in
// the device window that kernel/mem maps as Device-nGnRnE (arch/aarch64/platform.ts), so a
// register access is a plain 32-bit MMIO load or store (GICv2 IHI 0048 §4.1 and GICv3 IHI 0069
// §12.1: the registers are 32-bit accessible; PL031 TRM DDI 0224 §3.2). This is the only module
// that touches them by address, and it checks what the hardware cannot: a window is known
// (else 0 is read / the write dropped: a missing device), the offset is 4-aligned and the access
// lies inside the window (else a kernel bug: panic).

import { u32, u64, usize } from "../../kernel/int.ts";
import { FixedArray } from "../../kernel/array.ts";
import { addr, mmioRead32, mmioWrite32 } from "../../kernel/intrinsics.ts";
import { panic } from "../../kernel/panic.ts";

/** The windows. */
export const MMIO_GICD: u32 = u32(0);
export const MMIO_GICC: u32 = u32(1);
export const MMIO_GICR: u32 = u32(2);
export const MMIO_RTC: u32 = u32(3);
const WINDOWS: u32 = u32(4);

const bases = new FixedArray<u64>(4, u64(0n));
const sizes = new FixedArray<u64>(4, u64(0n));

/** Sets window w to [base, base + size); size 0 forgets it. Refuses (false) a window that is not
 *  below 2^48 or not 4 KiB aligned. */
export function devMmioSet(w: u32, base: u64, size: u64): boolean {
  if (w >= WINDOWS || u64(base & 0xfffn) !== 0n || u64(base + size) > 0x1000000000000n) {
    return false;
  }
  bases.set(usize(w), base);
  sizes.set(usize(w), size);
  return true;
}

/** True if window w is set. */
export function devMmioHas(w: u32): boolean {
  return w < WINDOWS && sizes.get(usize(w)) !== 0n;
}

/** The base of window w (0 if unset). */
export function devMmioBase(w: u32): u64 {
  return bases.get(usize(w));
}

/** The address of the 32-bit register at off in window w; 0 if the window is unset. */
function regAddr(w: u32, off: u64): usize {
  const size = sizes.get(usize(w));
  if (size === 0n) {
    return usize(0);
  }
  if (u64(off & 3n) !== 0n || u64(off + 4n) > size) {
    panic("device register outside its window");
  }
  return addr(u64(bases.get(usize(w)) + off));
}

/** Reads the 32-bit register at off of window w (0 if the window is unset). */
export function devRead32(w: u32, off: u64): u32 {
  const a = regAddr(w, off);
  return a === 0 ? u32(0) : mmioRead32(a);
}

/** Writes the 32-bit register at off of window w (nothing if the window is unset). */
export function devWrite32(w: u32, off: u64, v: u32): void {
  const a = regAddr(w, off);
  if (a !== 0) {
    mmioWrite32(a, v);
  }
}
