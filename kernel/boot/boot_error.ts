// Why the boot information could not be read: one error code space for every boot parser.
//
// The parsers (kernel/boot/pvh.ts, kernel/boot/fdt.ts) never crash on malformed input and never
// read outside the bytes the boot protocol grants them; they stop at the first inconsistency and
// return one of these codes, storing it with the offending value in BootInfo.error and
// BootInfo.errorDetail. bootErrorText gives the line the kernel prints before it gives up.
// Codes are stable small integers (BOOT_OK is 0); a code without a text reads "unknown error".

import { u32 } from "../int.ts";

export const BOOT_OK: u32 = u32(0);
// PVH (Xen's hvm_start_info, xen/include/public/arch-x86/hvm/start_info.h)
export const BOOT_ERR_PVH_ADDR: u32 = u32(1);
export const BOOT_ERR_PVH_MAGIC: u32 = u32(2);
export const BOOT_ERR_PVH_VERSION: u32 = u32(3);
export const BOOT_ERR_PVH_NO_MEMMAP: u32 = u32(4);
export const BOOT_ERR_PVH_TOO_MANY: u32 = u32(5);
export const BOOT_ERR_PVH_RANGE: u32 = u32(6);
export const BOOT_ERR_PVH_CMDLINE: u32 = u32(7);
// Either protocol's memory description
export const BOOT_ERR_RAM_OVERFLOW: u32 = u32(8);
export const BOOT_ERR_NO_RAM: u32 = u32(9);
// Flattened devicetree (Devicetree Specification v0.4, chapter 5)
export const BOOT_ERR_FDT_MAGIC: u32 = u32(10);
export const BOOT_ERR_FDT_VERSION: u32 = u32(11);
export const BOOT_ERR_FDT_SIZE: u32 = u32(12);
export const BOOT_ERR_FDT_LAYOUT: u32 = u32(13);
export const BOOT_ERR_FDT_TOKEN: u32 = u32(14);
export const BOOT_ERR_FDT_TRUNCATED: u32 = u32(15);
export const BOOT_ERR_FDT_NESTING: u32 = u32(16);
export const BOOT_ERR_FDT_NAME: u32 = u32(17);
export const BOOT_ERR_FDT_CELLS: u32 = u32(18);
export const BOOT_ERR_FDT_REG: u32 = u32(19);
export const BOOT_ERR_FDT_ADDR: u32 = u32(20);
export const BOOT_ERR_FDT_BOOTARGS: u32 = u32(21);
// Range tables of BootInfo (either protocol)
export const BOOT_ERR_RANGE_WRAPS: u32 = u32(22);
export const BOOT_ERR_TOO_MANY_RAM: u32 = u32(23);
export const BOOT_ERR_TOO_MANY_RESERVED: u32 = u32(24);
// Flattened devicetree, continued
export const BOOT_ERR_FDT_RSVMAP: u32 = u32(25);

/** A one-line description of a BOOT_* code. */
export function bootErrorText(code: u32): string {
  if (code === BOOT_OK) return "ok";
  if (code === BOOT_ERR_PVH_ADDR) return "pvh: start_info address is 0 or out of range";
  if (code === BOOT_ERR_PVH_MAGIC) return "pvh: bad hvm_start_info magic";
  if (code === BOOT_ERR_PVH_VERSION) return "pvh: hvm_start_info version 0 has no memory map";
  if (code === BOOT_ERR_PVH_NO_MEMMAP) return "pvh: no memory map";
  if (code === BOOT_ERR_PVH_TOO_MANY) return "pvh: too many memory map entries";
  if (code === BOOT_ERR_PVH_RANGE) return "pvh: physical address out of range";
  if (code === BOOT_ERR_PVH_CMDLINE) return "pvh: command line has no NUL within 4096 bytes";
  if (code === BOOT_ERR_RAM_OVERFLOW) return "memory: RAM total overflows 64 bits";
  if (code === BOOT_ERR_NO_RAM) return "memory: no usable RAM";
  if (code === BOOT_ERR_FDT_MAGIC) return "fdt: bad magic (not a devicetree blob)";
  if (code === BOOT_ERR_FDT_VERSION) return "fdt: unsupported version";
  if (code === BOOT_ERR_FDT_SIZE) return "fdt: bad totalsize";
  if (code === BOOT_ERR_FDT_LAYOUT) return "fdt: block outside the blob or misaligned";
  if (code === BOOT_ERR_FDT_TOKEN) return "fdt: bad token in the structure block";
  if (code === BOOT_ERR_FDT_TRUNCATED) return "fdt: structure block ends before FDT_END";
  if (code === BOOT_ERR_FDT_NESTING) return "fdt: unbalanced or too deeply nested nodes";
  if (code === BOOT_ERR_FDT_NAME) return "fdt: unterminated name";
  if (code === BOOT_ERR_FDT_CELLS) return "fdt: unsupported #address-cells or #size-cells";
  if (code === BOOT_ERR_FDT_REG) return "fdt: reg length is not whole (address, size) pairs";
  if (code === BOOT_ERR_FDT_ADDR) return "fdt: blob address out of range";
  if (code === BOOT_ERR_FDT_BOOTARGS) return "fdt: /chosen bootargs is not a string";
  if (code === BOOT_ERR_RANGE_WRAPS) return "memory: a range wraps past 2^64";
  if (code === BOOT_ERR_TOO_MANY_RAM) return "memory: more than 32 RAM ranges";
  if (code === BOOT_ERR_TOO_MANY_RESERVED) return "memory: more than 32 reserved ranges";
  if (code === BOOT_ERR_FDT_RSVMAP) return "fdt: /memreserve/ map outside the blob or unterminated";
  return "unknown error";
}
