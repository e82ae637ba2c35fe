"use unsafe";
// A fixed-size block allocator (a free list carved from one buffer): the benchmark of
// pointer-chasing loads and stores through a module-level struct.
//
// poolInit cuts [base, base + count * blockSize) into count blocks and threads them on a free
// list: the first 8 bytes of a free block hold the address of the next free block (0 ends the
// list), lowest address first. poolAlloc pops the head (0 when the pool is empty), poolFree
// pushes a block back, so the list is LIFO. Invariants: blockSize >= 16 (the link, and the
// benchmark's 4-byte tag at offset 8) and a multiple of 8; a block is on the list or live, never
// both. allocBench drives the one module-level pool with a random mix of allocations and frees
// of random live blocks (xorshift32, bench/rng.ts), keeping the live blocks' addresses in an
// array of 8-byte slots at `live`, and returns a digest of the block offsets and tags it saw;
// the C twin (bench/c/alloc.c) must see the same to agree.

import { u32, u64, usize } from "../kernel/int.ts";
import { addr, load32, load64, store32, store64 } from "../kernel/intrinsics.ts";
import { xorshift32 } from "./rng.ts";

/** A pool of fixed-size blocks. */
export class Pool {
  head: usize = usize(0);
}

/** The pool that allocBench drives. */
export const pool = new Pool();

/** Threads count blocks of blockSize bytes at base on p's free list. */
export function poolInit(p: Pool, base: usize, blockSize: usize, count: usize): void {
  p.head = usize(0);
  let i = count;
  while (i > 0) {
    i = usize(i - 1);
    const b = addr(base + i * blockSize);
    store64(b, u64(p.head));
    p.head = b;
  }
}

/** A free block of p, or 0 if there is none. */
export function poolAlloc(p: Pool): usize {
  const b = p.head;
  if (b === 0) {
    return usize(0);
  }
  p.head = addr(load64(b));
  return b;
}

/** Returns block b to p. */
export function poolFree(p: Pool, b: usize): void {
  store64(b, u64(p.head));
  p.head = b;
}

/** rounds random allocations (tagging each block) and frees (checking the tag) on a pool of
 *  count blocks at base; `live` has room for count 8-byte addresses. Returns the digest. */
export function allocBench(
  base: usize,
  blockSize: usize,
  count: usize,
  live: usize,
  rounds: u32,
  seed: u32,
): u64 {
  poolInit(pool, base, blockSize, count);
  let n = usize(0);
  let x = seed;
  let digest = u64(0n);
  for (let i = u32(0); i < rounds; i = u32(i + 1)) {
    x = xorshift32(x);
    let b = usize(0);
    if (u32(x & 1) === 0 || n === 0) {
      b = poolAlloc(pool);
    }
    if (b !== 0) {
      store32(addr(b + 8), x);
      store64(addr(live + n * 8), u64(b));
      n = usize(n + 1);
      digest = u64(digest * 31n + u64(usize(b - base)));
    } else if (n > 0) {
      const j = usize(usize(x >>> 1) % n);
      const slot = addr(live + j * 8);
      const victim = addr(load64(slot));
      digest = u64(digest * 31n + u64(load32(addr(victim + 8))));
      n = usize(n - 1);
      store64(slot, load64(addr(live + n * 8)));
      poolFree(pool, victim);
    } else {
      digest = u64(digest + 1n);
    }
  }
  return u64(digest + u64(n));
}
