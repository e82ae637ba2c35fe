// x86_64 descriptor encodings for each CPU's own GDT and TSS (Intel SDM vol.3 §3.4.5 segment
// descriptors, §8.2.3 the 16-byte TSS descriptor in 64-bit mode, §8.7 the 64-bit TSS).
//
// Every CPU uses the selectors of entry.S's boot GDT: 0x08 64-bit code, 0x10 flat data, 0x18
// its TSS. A TSS descriptor can be loaded (ltr) by one CPU only (ltr sets its busy bit), so each
// AP gets a GDT of its own (in its per-CPU block, percpu.ts) whose entry 3 points at its own
// TSS, whose IST1 is its own fault stack. The TSS descriptor: limit 103 (bits 0-15, 48-51),
// base bits 0-23 at 16-39, type 0x89 (present, available 64-bit TSS) at 40-47, base 24-31 at
// 56-63; the second quadword holds base bits 32-63.

import { u64 } from "../../kernel/int.ts";

export const GDT_CODE64: u64 = u64(0x00af9a000000ffffn);
export const GDT_DATA: u64 = u64(0x00cf92000000ffffn);
/** The 64-bit TSS's size, and its limit (size - 1). */
export const TSS_SIZE: u64 = u64(104n);
/** Byte offsets in the 64-bit TSS: IST1, and the I/O map base. */
export const TSS_IST1: u64 = u64(36n);
export const TSS_IOMAP: u64 = u64(102n);

/** The low quadword of the TSS descriptor for a TSS at base. */
export function tssDescriptorLow(base: u64): u64 {
  const limit = u64(TSS_SIZE - 1n);
  return u64(
    (limit & 0xffffn) | ((base & 0xffffffn) << 16n) | (0x89n << 40n) |
      (((limit >> 16n) & 0xfn) << 48n) | (((base >> 24n) & 0xffn) << 56n),
  );
}

/** The high quadword: base bits 32-63. */
export function tssDescriptorHigh(base: u64): u64 {
  return u64(base >> 32n);
}
