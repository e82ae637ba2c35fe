"use unsafe";
// A self-check of the page allocator that the boot test and the differential program run: a
// deterministic random mix of allocations and frees that proves every block is really the
// caller's alone.
//
// pageStress draws from xorshift32 (Marsaglia, "Xorshift RNGs", 2003; shifts 13, 17, 5) seeded
// by the caller, so a run is the same in Deno and in C. Each round either allocates a block of a
// random order 0..STRESS_MAX_ORDER (more often, while the live table has room) or frees a random
// live block. A new block must be aligned to its size and overlap no live block; it is then
// filled, every byte of it, with a pattern derived from its address (each u64 word holds its own
// address xor a constant), and the pattern is verified just before the block is freed, so a
// block handed out twice, or a free list link written into a live block, shows up as a
// mismatch. Out of memory is expected on small machines: it is counted (oomEvents) and turns the
// round into a free. At the end every live block is freed, the free page count must be back at
// its starting value and the free lists must pass bdVerify. failures counts every broken
// promise (misaligned or overlapping block, pattern mismatch, refused free, lost pages) and must
// be 0. It goes through the fault-as-value entry points (page_cache.ts), so it runs in hosted
// builds and reports a bad free as a failure instead of panicking.
// It uses the allocator as any caller does: single CPU, no lock of its own.

import { xorshift32 } from "../xorshift.ts";
import { u32, u64, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import { addr, load64, store64 } from "../intrinsics.ts";
import { bdVerify, orderPages, PAGE_OK, PAGE_SIZE } from "./page_buddy.ts";
import { pageCacheAlloc, pageCacheFree, pageCacheFreePages } from "./page_cache.ts";

/** Orders drawn: 0 .. STRESS_MAX_ORDER (up to 64 pages, 256 KiB). */
export const STRESS_MAX_ORDER: u32 = u32(6);
/** Live blocks tracked at most (the tables' literal length). */
export const STRESS_MAX_LIVE: usize = usize(64);

const PATTERN: u64 = u64(0x5a17c0de0badf00dn);

/** What a stress run did and found. */
export class StressResult {
  rounds: u32 = u32(0);
  allocations: u32 = u32(0);
  frees: u32 = u32(0);
  peakLivePages: usize = usize(0);
  oomEvents: u32 = u32(0);
  failures: u32 = u32(0);
}

const liveAddr = new FixedArray<usize>(64, usize(0));
const liveOrder = new FixedArray<u32>(64, u32(0));
let liveCount: usize = usize(0);
let livePages: usize = usize(0);

/** Runs rounds random allocations and frees from seed, then frees everything; fills out and
 * returns true if nothing went wrong (out.failures === 0). */
export function pageStress(rounds: u32, seed: u32, out: StressResult): boolean {
  out.rounds = rounds;
  out.allocations = u32(0);
  out.frees = u32(0);
  out.peakLivePages = usize(0);
  out.oomEvents = u32(0);
  out.failures = u32(0);
  liveCount = usize(0);
  livePages = usize(0);
  const startFree = pageCacheFreePages();
  let x = seed === 0 ? u32(0x9e3779b9) : seed;
  for (let r = u32(0); r < rounds; r = u32(r + 1)) {
    x = xorshift32(x);
    let free = liveCount === STRESS_MAX_LIVE || u32(x % 8) >= 5;
    if (!free || liveCount === 0) {
      const order = u32(u32(x >>> 8) % u32(STRESS_MAX_ORDER + 1));
      const a = pageCacheAlloc(order);
      if (a === 0) {
        out.oomEvents = u32(out.oomEvents + 1);
        free = true;
      } else {
        stressTake(a, order, out);
      }
    }
    if (free && liveCount > 0) {
      stressRelease(usize(usize(x >>> 16) % liveCount), out);
    }
  }
  while (liveCount > 0) {
    stressRelease(usize(liveCount - 1), out);
  }
  if (pageCacheFreePages() !== startFree) {
    out.failures = u32(out.failures + 1);
  }
  if (bdVerify() !== PAGE_OK) {
    out.failures = u32(out.failures + 1);
  }
  return out.failures === 0;
}

/** Checks a new block of the given order at a, fills it and records it as live. */
function stressTake(a: usize, order: u32, out: StressResult): void {
  out.allocations = u32(out.allocations + 1);
  const bytes = usize(orderPages(order) * PAGE_SIZE);
  if (usize(a % bytes) !== 0) {
    out.failures = u32(out.failures + 1);
  }
  for (let i = usize(0); i < liveCount; i = usize(i + 1)) {
    const b = liveAddr.get(i);
    const end = addr(b + orderPages(liveOrder.get(i)) * PAGE_SIZE);
    if (b < usize(a + bytes) && a < end) {
      out.failures = u32(out.failures + 1);
    }
  }
  for (let off = usize(0); off < bytes; off = usize(off + 8)) {
    const p = addr(a + off);
    store64(p, u64(u64(p) ^ PATTERN));
  }
  liveAddr.set(liveCount, a);
  liveOrder.set(liveCount, order);
  liveCount = usize(liveCount + 1);
  const pages = orderPages(order);
  livePages = usize(livePages + pages);
  if (livePages > out.peakLivePages) {
    out.peakLivePages = livePages;
  }
}

/** Verifies live block i's pattern, frees it and drops it from the table. */
function stressRelease(i: usize, out: StressResult): void {
  const a = liveAddr.get(i);
  const order = liveOrder.get(i);
  const bytes = usize(orderPages(order) * PAGE_SIZE);
  for (let off = usize(0); off < bytes; off = usize(off + 8)) {
    const p = addr(a + off);
    if (load64(p) !== u64(u64(p) ^ PATTERN)) {
      out.failures = u32(out.failures + 1);
      break;
    }
  }
  if (pageCacheFree(a, order) !== PAGE_OK) {
    out.failures = u32(out.failures + 1);
  }
  out.frees = u32(out.frees + 1);
  liveCount = usize(liveCount - 1);
  liveAddr.set(i, liveAddr.get(liveCount));
  liveOrder.set(i, liveOrder.get(liveCount));
  const pages = orderPages(order);
  livePages = usize(livePages - pages);
}
