"use unsafe";
// The TLB shootdown's raw words: the only unsafe code of tlb_shootdown.ts.
//
// The subset's atomics act on raw memory only (docs/SUBSET.md §10, R-MEM-2), never on a class
// field, so each CPU's request and acknowledge counters are u64 words in one zeroed page that
// tlb_shootdown.ts takes from the page allocator (or, in Deno tests, from simulated RAM). Every
// access here is a sequentially consistent atomic (so also the acquire / release barrier the
// protocol needs); addresses are 8-aligned words of that page, made by tlb_shootdown.ts only.

import { u64, usize } from "../int.ts";
import { addr, atomicAdd64, atomicCas64, atomicLoad64, atomicStore64 } from "../intrinsics.ts";

/** The word at a, read atomically. */
export function tlbWordLoad(a: usize): u64 {
  return atomicLoad64(addr(a));
}

/** Stores v in the word at a. */
export function tlbWordStore(a: usize, v: u64): void {
  atomicStore64(addr(a), v);
}

/** Adds 1 to the word at a; returns the new value. */
export function tlbWordIncrement(a: usize): u64 {
  return u64(atomicAdd64(addr(a), u64(1n)) + 1n);
}

/** Replaces the word at a by v if it still holds old; true if it did. */
export function tlbWordCas(a: usize, old: u64, v: u64): boolean {
  return atomicCas64(addr(a), old, v);
}
