"use unsafe";
// The raw accesses of the TLB self-test (kernel/selftest_tlb.ts): reading the test page through
// its virtual address, and writing a marker into a frame through the identity map. Both are
// atomics, so the compiler keeps every read (the test's point is which frame the TLB maps).

import { u32, usize } from "./int.ts";
import { addr, atomicLoad32, atomicStore32 } from "./intrinsics.ts";

/** The u32 at virtual address va (4-aligned, mapped). */
export function tlbTestRead(va: usize): u32 {
  return atomicLoad32(addr(va));
}

/** Stores v at the start of the frame at pa (identity-mapped RAM). */
export function tlbTestMark(pa: usize, v: u32): void {
  atomicStore32(addr(pa), v);
}
