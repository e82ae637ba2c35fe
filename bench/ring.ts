"use unsafe";
// A single-producer ring buffer of u32 items: the benchmark of struct fields, masks and
// indexed stores.
//
// The ring's slots are capacity u32 words at base (capacity a power of two). head and tail are
// free-running u32 counters: tail - head (mod 2^32) is the number of items, slot i lives at
// base + 4 * (i & mask). Invariants: 0 <= tail - head <= capacity; a push to a full ring and a
// pop from an empty one are refused (ringPush returns false; ringPop is called only when
// ringCount > 0). ringBench drives the one module-level ring with bursts of pushes and pops whose
// lengths come from xorshift32 (bench/rng.ts), and returns a digest of the items popped, in
// order, so the C twin (bench/c/ring.c) must pop the same items to agree.

import { mulU32, u32, usize } from "../kernel/int.ts";
import { addr, load32, store32 } from "../kernel/intrinsics.ts";
import { xorshift32 } from "./rng.ts";

/** The state of a ring of u32 items. */
export class Ring {
  base: usize = usize(0);
  mask: u32 = u32(0);
  head: u32 = u32(0);
  tail: u32 = u32(0);
}

/** The ring that ringBench drives. */
export const ring = new Ring();

/** Makes r an empty ring over the capacity (a power of two) u32 slots at base. */
export function ringInit(r: Ring, base: usize, capacity: u32): void {
  r.base = base;
  r.mask = u32(capacity - 1);
  r.head = u32(0);
  r.tail = u32(0);
}

/** The number of items in r. */
export function ringCount(r: Ring): u32 {
  return u32(r.tail - r.head);
}

/** Appends v to r; false if r is full. */
export function ringPush(r: Ring, v: u32): boolean {
  if (u32(r.tail - r.head) > r.mask) {
    return false;
  }
  store32(addr(r.base + usize(u32(r.tail & r.mask)) * 4), v);
  r.tail = u32(r.tail + 1);
  return true;
}

/** Removes and returns the oldest item of r (r must not be empty). */
export function ringPop(r: Ring): u32 {
  const v = load32(addr(r.base + usize(u32(r.head & r.mask)) * 4));
  r.head = u32(r.head + 1);
  return v;
}

/** rounds bursts of 0-63 pushes then 0-63 pops on a ring of capacity slots at base; returns a
 *  digest of the popped items and the final count. */
export function ringBench(base: usize, capacity: u32, rounds: u32, seed: u32): u32 {
  ringInit(ring, base, capacity);
  let x = seed;
  let next = u32(1);
  let digest = u32(0);
  for (let i = u32(0); i < rounds; i = u32(i + 1)) {
    x = xorshift32(x);
    const pushes = u32(x & 63);
    for (let k = u32(0); k < pushes; k = u32(k + 1)) {
      if (!ringPush(ring, next)) {
        break;
      }
      next = u32(next + 1);
    }
    const pops = u32((x >>> 8) & 63);
    for (let k = u32(0); k < pops; k = u32(k + 1)) {
      if (ringCount(ring) === 0) {
        break;
      }
      const v = ringPop(ring);
      digest = u32(mulU32(digest, u32(31)) + v);
    }
  }
  return u32(digest + ringCount(ring));
}
