"use unsafe";
// Memory copy loops written in the subset: the benchmark of address arithmetic in a tight loop.
//
// copyBytes moves one byte per iteration; copyWords moves 8-byte words and then the remaining
// 0-7 bytes one at a time (unaligned word accesses are fine on the hosted x86_64 the benchmark
// runs on). Both copy forwards, so they are memmove-correct only when dst <= src or the ranges
// do not overlap; the benchmark never overlaps them. copyBytes keeps usize() on purpose: its
// addresses derive from parameters, so the C compiler hoists the range checks out of the loop
// (it measures no faster with addr()); copyWords uses addr() (docs/SUBSET.md R-UNSAFE-4).

import { usize } from "../kernel/int.ts";
import { addr, load64, load8, store64, store8 } from "../kernel/intrinsics.ts";

/** Copies len bytes from src to dst, one byte at a time. */
export function copyBytes(dst: usize, src: usize, len: usize): void {
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    store8(usize(dst + i), load8(usize(src + i)));
  }
}

/** Copies len bytes from src to dst, 8 bytes at a time, then the tail byte by byte. */
export function copyWords(dst: usize, src: usize, len: usize): void {
  const words = usize(len / 8);
  for (let w = usize(0); w < words; w = usize(w + 1)) {
    store64(addr(dst + w * 8), load64(addr(src + w * 8)));
  }
  for (let i = usize(words * 8); i < len; i = usize(i + 1)) {
    store8(addr(dst + i), load8(addr(src + i)));
  }
}
