// What the kernel learns from the boot loader, in one struct filled once at boot.
//
// The arch's readBootInfo (arch/<ARCH>/boot_info.ts) fills a BootInfo from the protocol of its
// platform: Xen's PVH hvm_start_info on x86_64 (kernel/boot/pvh.ts), the flattened devicetree on
// aarch64 (kernel/boot/fdt.ts). The rest of the kernel reads only this struct, never the
// firmware's formats.
//
// Invariants after a successful read (error === BOOT_OK):
//   - ramBytes is the sum of the usable RAM ranges (PVH type-1 entries, devicetree /memory reg),
//     ramRegions how many there were, ramBase the lowest start among them (0 if none);
//   - [cmdlineAddr, cmdlineAddr + cmdlineLen) is the kernel command line, without its NUL, and
//     readable memory (cmdlineLen 0: no command line);
//   - rsdpAddr is the ACPI RSDP from PVH (0 if none or not x86), dtbAddr and dtbSize locate the
//     devicetree (0 if not aarch64).
// After a failed read, error is a BOOT_ERR_* code (kernel/boot/boot_error.ts), errorDetail the
// offending value (a magic, an offset, a count) and the other fields are not to be trusted.

import { u32, u64, usize } from "../int.ts";

/** The boot loader's description of the machine, in the kernel's terms. */
export class BootInfo {
  ramBytes: u64 = u64(0n);
  ramBase: u64 = u64(0n);
  ramRegions: u32 = u32(0);
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

/** Adds a RAM range [base, base + size) to info; false if the total would pass 2^64 bytes. */
export function bootAddRam(info: BootInfo, base: u64, size: u64): boolean {
  const total = u64(info.ramBytes + size);
  if (total < info.ramBytes) {
    return false;
  }
  if (info.ramRegions === 0 || base < info.ramBase) {
    info.ramBase = base;
  }
  info.ramBytes = total;
  info.ramRegions = u32(info.ramRegions + 1);
  return true;
}
