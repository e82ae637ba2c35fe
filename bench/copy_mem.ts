"use unsafe";
// The memCopy intrinsic (docs/SUBSET.md, bulk memory): the benchmark of its lowering, a memmove
// call behind a zero-length test, against a plain memmove in C. Overlapping ranges are allowed.

import type { usize } from "../kernel/int.ts";
import { memCopy } from "../kernel/intrinsics.ts";

/** Copies len bytes from src to dst with memCopy. */
export function copyMem(dst: usize, src: usize, len: usize): void {
  memCopy(dst, src, len);
}
