"use unsafe";
// CRC-32 (IEEE 802.3) over a buffer: the benchmark of a shift-and-xor loop with a
// data-dependent branch.
//
// crc32Byte is the kernel's bitwise algorithm (kernel/demo.ts, reflected polynomial 0xedb88320,
// no table), repeated here so that the benchmark depends on the prelude only. The CRC starts at
// 0xffffffff and is inverted at the end, as the standard check value crc32("123456789") =
// 0xcbf43926 requires.

import { u32, u8, usize } from "../kernel/int.ts";
import { load8 } from "../kernel/intrinsics.ts";

const CRC32_POLY: u32 = u32(0xedb88320);

/** Folds one byte into a running CRC-32 (pre- and post-inversion left to the caller). */
export function crc32Byte(crc: u32, b: u8): u32 {
  let c = u32(crc ^ u32(b));
  for (let i = u32(0); i < 8; i = u32(i + 1)) {
    if (u32(c & 1) === 1) {
      c = u32((c >>> 1) ^ CRC32_POLY);
    } else {
      c = u32(c >>> 1);
    }
  }
  return c;
}

/** The CRC-32 of the len bytes at addr. */
export function crc32(addr: usize, len: usize): u32 {
  let crc = u32(0xffffffff);
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    crc = crc32Byte(crc, load8(usize(addr + i)));
  }
  return u32(~crc);
}
