// CRC-32 (IEEE 802.3): reflected polynomial 0xedb88320, bitwise, no table.
//
// The running CRC starts at 0xffffffff and is inverted at the end; crc32Byte folds one byte and
// leaves both inversions to its caller, so callers can run it over any byte source (a string,
// memory). The standard check value crc32("123456789") is 0xcbf43926. Used by the boot demo
// (kernel/demo.ts) and the speed benchmark (bench/crc32.ts).

import { u32, u8, usize } from "./int.ts";

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

/** CRC-32 of the bytes of s. */
export function crc32String(s: string): u32 {
  let crc = u32(0xffffffff);
  const n = usize(s.length);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    crc = crc32Byte(crc, u8(s.charCodeAt(i)));
  }
  return u32(~crc);
}
