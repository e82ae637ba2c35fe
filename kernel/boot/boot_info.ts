// What the kernel learns from the boot loader, in one struct filled once at boot.
//
// The arch's readBootInfo (arch/<ARCH>/boot_info.ts) fills a BootInfo from the protocol of its
// platform: Xen's PVH hvm_start_info on x86_64 (kernel/boot/pvh.ts), the flattened devicetree on
// aarch64 (kernel/boot/fdt.ts). The rest of the kernel reads only this struct, never the
// firmware's formats.
//
// Besides the totals, the struct keeps the ranges themselves, as the protocol listed them (in the
// order found, possibly unsorted and overlapping: kernel/mem/phys_map.ts sorts that out):
//   - RAM: ramRangeBase/ramRangeSize[0 .. ramRangeCount), at most BOOT_MAX_RANGES; a range that
//     starts exactly where the previous stored one ends extends it (E820 maps often split RAM
//     into touching entries), so ramRangeCount <= ramRegions;
//   - reserved: reservedBase/reservedSize[0 .. reservedCount), at most BOOT_MAX_RANGES: memory
//     the boot protocol says the kernel must not allocate (the boot data it reads in place,
//     firmware areas, /memreserve/ and /reserved-memory on a devicetree). A reserved range may
//     lie partly or wholly outside RAM.
//
// Invariants after a successful read (error === BOOT_OK):
//   - ramBytes is the sum of the usable RAM ranges (PVH type-1 entries, devicetree /memory reg),
//     ramRegions how many there were (entries of the firmware's map, before merging), ramBase
//     the lowest start among them (0 if none);
//   - every stored range has size > 0 and base + size <= 2^64 (it does not wrap);
//   - [cmdlineAddr, cmdlineAddr + cmdlineLen) is the kernel command line, without its NUL, and
//     readable memory (cmdlineLen 0: no command line);
//   - rsdpAddr is the ACPI RSDP from PVH (0 if none or not x86), dtbAddr and dtbSize locate the
//     devicetree (0 if not aarch64).
// After a failed read, error is a BOOT_ERR_* code (kernel/boot/boot_error.ts), errorDetail the
// offending value (a magic, an offset, a count) and the other fields are not to be trusted.

import { u32, u64, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import {
  BOOT_ERR_RAM_OVERFLOW,
  BOOT_ERR_RANGE_WRAPS,
  BOOT_ERR_TOO_MANY_RAM,
  BOOT_ERR_TOO_MANY_RESERVED,
  BOOT_OK,
} from "./boot_error.ts";

/** The most RAM ranges, and the most reserved ranges, a BootInfo holds. */
export const BOOT_MAX_RANGES: u32 = u32(32);

/** The boot loader's description of the machine, in the kernel's terms. The range tables'
 * length is written as the literal 32 (BOOT_MAX_RANGES; a class field's array length must be a
 * literal for the transpiler, and boot_info_test checks the two agree). */
export class BootInfo {
  ramBytes: u64 = u64(0n);
  ramBase: u64 = u64(0n);
  ramRegions: u32 = u32(0);
  ramRangeCount: u32 = u32(0);
  ramRangeBase: FixedArray<u64> = new FixedArray<u64>(32, u64(0n));
  ramRangeSize: FixedArray<u64> = new FixedArray<u64>(32, u64(0n));
  reservedCount: u32 = u32(0);
  reservedBase: FixedArray<u64> = new FixedArray<u64>(32, u64(0n));
  reservedSize: FixedArray<u64> = new FixedArray<u64>(32, u64(0n));
  cmdlineAddr: usize = usize(0);
  cmdlineLen: usize = usize(0);
  rsdpAddr: u64 = u64(0n);
  dtbAddr: usize = usize(0);
  dtbSize: usize = usize(0);
  error: u32 = u32(0);
  errorDetail: u64 = u64(0n);
}

/** Resets every field of info to its empty value (no RAM, no command line, no error). */
export function bootInfoClear(info: BootInfo): void {
  info.ramBytes = u64(0n);
  info.ramBase = u64(0n);
  info.ramRegions = u32(0);
  info.ramRangeCount = u32(0);
  info.reservedCount = u32(0);
  for (let i = usize(0); i < usize(BOOT_MAX_RANGES); i = usize(i + 1)) {
    info.ramRangeBase.set(i, u64(0n));
    info.ramRangeSize.set(i, u64(0n));
    info.reservedBase.set(i, u64(0n));
    info.reservedSize.set(i, u64(0n));
  }
  info.cmdlineAddr = usize(0);
  info.cmdlineLen = usize(0);
  info.rsdpAddr = u64(0n);
  info.dtbAddr = usize(0);
  info.dtbSize = usize(0);
  info.error = u32(0);
  info.errorDetail = u64(0n);
}

/** Records the error code and the offending value in info; returns the code (for `return`). */
export function bootFail(info: BootInfo, code: u32, detail: u64): u32 {
  info.error = code;
  info.errorDetail = detail;
  return code;
}

/** True if [base, base + size) ends at or below 2^64 (a size-0 range never wraps). */
export function bootRangeFits(base: u64, size: u64): boolean {
  return size === 0n || u64(base + size) === 0n || u64(base + size) > base;
}

/** Adds a RAM range [base, base + size) (size > 0) to info; BOOT_OK, or the BOOT_ERR_* code of
 * why not (it wraps, the total overflows, the table is full), which the caller records with
 * bootFail and a detail it chooses (an entry index, a blob offset). */
export function bootAddRam(info: BootInfo, base: u64, size: u64): u32 {
  if (!bootRangeFits(base, size)) {
    return BOOT_ERR_RANGE_WRAPS;
  }
  const total = u64(info.ramBytes + size);
  if (total < info.ramBytes) {
    return BOOT_ERR_RAM_OVERFLOW;
  }
  const n = usize(info.ramRangeCount);
  let merge = false;
  if (n > 0) {
    const last = usize(n - 1);
    merge = u64(info.ramRangeBase.get(last) + info.ramRangeSize.get(last)) === base && base !== 0n;
    if (merge) {
      info.ramRangeSize.set(last, u64(info.ramRangeSize.get(last) + size));
    }
  }
  if (!merge) {
    if (info.ramRangeCount >= BOOT_MAX_RANGES) {
      return BOOT_ERR_TOO_MANY_RAM;
    }
    info.ramRangeBase.set(n, base);
    info.ramRangeSize.set(n, size);
    info.ramRangeCount = u32(info.ramRangeCount + 1);
  }
  if (info.ramRegions === 0 || base < info.ramBase) {
    info.ramBase = base;
  }
  info.ramBytes = total;
  info.ramRegions = u32(info.ramRegions + 1);
  return BOOT_OK;
}

/** Adds a reserved range [base, base + size) to info (size 0: nothing to add); BOOT_OK, or the
 * BOOT_ERR_* code of why not (it wraps, the table is full), for the caller to record. */
export function bootAddReserved(info: BootInfo, base: u64, size: u64): u32 {
  if (size === 0n) {
    return BOOT_OK;
  }
  if (!bootRangeFits(base, size)) {
    return BOOT_ERR_RANGE_WRAPS;
  }
  if (info.reservedCount >= BOOT_MAX_RANGES) {
    return BOOT_ERR_TOO_MANY_RESERVED;
  }
  const i = usize(info.reservedCount);
  info.reservedBase.set(i, base);
  info.reservedSize.set(i, size);
  info.reservedCount = u32(info.reservedCount + 1);
  return BOOT_OK;
}
