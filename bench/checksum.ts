"use unsafe";
// The Internet checksum (RFC 1071) over a buffer: the benchmark of a load-and-add loop.
//
// As in RFC 1071 §4.1, 16-bit words are added into a wide accumulator (u64 here, so no carry is
// lost for any buffer below 2^48 bytes), an odd trailing byte is added as a word padded with
// zero, the carries are folded back into 16 bits and the result is the one's complement. Words
// are loaded in the machine's byte order (little-endian on both targets); RFC 1071 §2(B) shows
// the sum is byte-order independent, so the caller stores the result as it comes.

import { u16, u64, usize } from "../kernel/int.ts";
import { load16, load8 } from "../kernel/intrinsics.ts";

/** The Internet checksum of the len bytes at addr. */
export function inetChecksum(addr: usize, len: usize): u16 {
  let sum = u64(0n);
  let p = addr;
  let n = len;
  while (n > 1) {
    sum = u64(sum + u64(load16(p)));
    p = usize(p + 2);
    n = usize(n - 2);
  }
  if (n > 0) {
    sum = u64(sum + u64(load8(p)));
  }
  while (u64(sum >> 16n) !== 0n) {
    sum = u64(u64(sum & 0xffffn) + u64(sum >> 16n));
  }
  return u16(~sum);
}
