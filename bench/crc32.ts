"use unsafe";
// CRC-32 (IEEE 802.3) over a buffer: the benchmark of a shift-and-xor loop with a
// data-dependent branch.
//
// crc32Byte is the kernel's bitwise algorithm (kernel/crc32.ts, reflected polynomial 0xedb88320,
// no table). The CRC starts at
// 0xffffffff and is inverted at the end, as the standard check value crc32("123456789") =
// 0xcbf43926 requires.

import { u32, usize } from "../kernel/int.ts";
import { load8 } from "../kernel/intrinsics.ts";
import { crc32Byte } from "../kernel/crc32.ts";

/** The CRC-32 of the len bytes at addr. */
export function crc32(addr: usize, len: usize): u32 {
  let crc = u32(0xffffffff);
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    crc = crc32Byte(crc, load8(usize(addr + i)));
  }
  return u32(~crc);
}
