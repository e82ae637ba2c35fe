"use unsafe";
// The malloc benchmark's workload on the kernel heap (kernel/mem/heap_core.ts), against glibc's
// malloc/free running the same workload in bench/c/malloc.c.
//
// mallocSetup(base, size) gives the heap (non-debug) the pages of [base, base + size), raw
// memory the C harness maps, through the kernel's own page allocator: the buddy allocator with
// its per-CPU page caches (kernel/mem/page_cache.ts, the core of page_alloc.ts that reports
// errors as values and so builds hosted), over a PhysMap of that one range.
// mallocBench(live, slots, rounds, seed) then runs, from an empty live table of `slots` 8-byte
// addresses at `live`:
//   1. random replacement: each of `rounds` steps draws x (xorshift32, bench/rng.ts), frees the
//      block in slot x % slots if there is one (after reading the tag in its first 4 bytes) and
//      puts a new block of 16 + (x >>> 8) % 497 bytes (16..512) there, tagged with x;
//   2. LIFO bursts: rounds / 64 times, allocate 8..64 blocks of 16..512 bytes (tagged), then
//      free them newest first; the burst's addresses go in the 64 slots after the live table;
//   3. every remaining block is freed, so each call starts from the same heap state.
// It returns a digest of the tags and sizes (never addresses), which the C twin must match, and
// counts the allocations in mallocOps (the frees are as many).

import { u32, u64, usize } from "../kernel/int.ts";
import { addr, load32, load64, store32, store64 } from "../kernel/intrinsics.ts";
import { heapAlloc, heapRelease, heapSetup } from "../kernel/mem/heap_core.ts";
import { HeapFault } from "../kernel/mem/heap_fault.ts";
import { pageCacheAlloc, pageCacheFree, pageCacheInit } from "../kernel/mem/page_cache.ts";
import { PhysMap } from "../kernel/mem/phys_map.ts";
import { xorshift32 } from "./rng.ts";

/** The allocations of the last mallocBench call. */
class Ops {
  allocs: u64 = u64(0n);
}

const ops = new Ops();
const map = new PhysMap();

/** Returns pages to the page allocator (the heap never frees what it did not get). */
function benchPageFree(a: usize, order: u32): void {
  pageCacheFree(a, order);
}

/** Starts the page allocator and the heap over the pages of [base, base + size); false if the
 *  page allocator finds no usable page. */
export function mallocSetup(base: usize, size: usize): boolean {
  map.count = u32(1);
  map.base.set(usize(0), base);
  map.size.set(usize(0), size);
  map.ramBytes = u64(size);
  map.freeBytes = u64(size);
  if (!pageCacheInit(map)) {
    return false;
  }
  heapSetup(pageCacheAlloc, benchPageFree, false);
  return true;
}

/** The allocations the last mallocBench made. */
export function mallocOps(): u64 {
  return ops.allocs;
}

/** Runs the workload (above); returns its digest, or 0 on a heap fault. */
export function mallocBench(live: usize, slots: usize, rounds: u32, seed: u32): u64 {
  for (let i = usize(0); i < slots; i = usize(i + 1)) {
    store64(addr(live + i * 8), u64(0n));
  }
  let x = seed;
  let digest = u64(0n);
  let allocs = u64(0n);
  for (let r = u32(0); r < rounds; r = u32(r + 1)) {
    x = xorshift32(x);
    const slot = addr(live + usize(usize(x) % slots) * 8);
    const old = addr(load64(slot));
    if (old !== 0) {
      digest = u64(digest * 31n + u64(load32(old)));
      if (heapRelease(old) !== HeapFault.NONE) {
        return u64(0n);
      }
    }
    const size = usize(16 + u32(u32(x >>> 8) % 497));
    const b = heapAlloc(size);
    allocs = u64(allocs + 1n);
    if (b === 0) {
      store64(slot, u64(0n));
      digest = u64(digest + 1n);
    } else {
      store32(b, x);
      store64(slot, u64(b));
      digest = u64(digest * 31n + u64(size));
    }
  }
  const stack = addr(live + slots * 8);
  const bursts = u32(rounds >>> 6);
  for (let k = u32(0); k < bursts; k = u32(k + 1)) {
    x = xorshift32(x);
    const n = usize(8 + u32(x % 57));
    for (let i = usize(0); i < n; i = usize(i + 1)) {
      x = xorshift32(x);
      const size = usize(16 + u32(u32(x >>> 8) % 497));
      const b = heapAlloc(size);
      allocs = u64(allocs + 1n);
      if (b !== 0) {
        store32(b, x);
      }
      store64(addr(stack + i * 8), u64(b));
      digest = u64(digest * 31n + u64(size));
    }
    for (let i = n; i > 0; i = usize(i - 1)) {
      const b = addr(load64(addr(stack + usize(i - 1) * 8)));
      if (b !== 0) {
        digest = u64(digest * 31n + u64(load32(b)));
        if (heapRelease(b) !== HeapFault.NONE) {
          return u64(0n);
        }
      }
    }
  }
  for (let i = usize(0); i < slots; i = usize(i + 1)) {
    const b = addr(load64(addr(live + i * 8)));
    if (b !== 0) {
      digest = u64(digest * 31n + u64(load32(b)));
      if (heapRelease(b) !== HeapFault.NONE) {
        return u64(0n);
      }
    }
  }
  ops.allocs = allocs;
  return digest;
}
