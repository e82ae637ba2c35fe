"use unsafe";
// Bulk memory, atomics, fences and raw-memory slices (docs/SUBSET.md §9, §10), for aarch64.

import { i32, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  atomicAdd32,
  atomicCas64,
  atomicLoad64,
  atomicStore32,
  atomicSwap32,
  fenceAcquire,
  fenceFull,
  fenceRelease,
  memCompare,
  memCopy,
  memSet,
} from "../../../kernel/intrinsics.ts";
import { bytesAt, u16sAt, u32sAt, u64sAt } from "../../../kernel/array.ts";

export function copy(dst: usize, src: usize, n: usize): i32 {
  memSet(dst, u8(0), n);
  memCopy(dst, src, n);
  return memCompare(dst, src, n);
}

export function counter(addr: usize): u32 {
  atomicStore32(addr, u32(1));
  fenceRelease();
  const old = atomicAdd32(addr, u32(2));
  fenceAcquire();
  return atomicSwap32(addr, old);
}

export function claim(addr: usize, owner: u64): boolean {
  fenceFull();
  return atomicCas64(addr, u64(0), owner) || atomicLoad64(addr) === owner;
}

export function words(addr: usize): u64 {
  const b = bytesAt(addr, usize(8));
  const h = u16sAt(addr, usize(4));
  const w = u32sAt(addr, usize(2));
  const q = u64sAt(addr, usize(1));
  b.set(usize(0), u8(h.get(usize(1))));
  return u64(q.get(usize(0)) + u64(w.get(usize(1))));
}
