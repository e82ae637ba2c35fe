"use unsafe";
// The one raw read of the backtrace walker: a word of a stack frame.
//
// kernel/backtrace.ts decides which addresses may be read (inside a registered stack, aligned,
// below 2^53) and calls this accessor only for those; the accessor itself checks nothing, so it
// stays the whole of the walker's unsafe code.

import { u64, usize } from "./int.ts";
import { addr, load64 } from "./intrinsics.ts";

/** The u64 at a (a stack slot the caller has checked). */
export function backtraceReadWord(a: usize): u64 {
  return load64(addr(a));
}
