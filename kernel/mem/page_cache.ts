// Per-CPU caches of single pages in front of the buddy allocator (OSv's page pools, Linux's
// per-CPU page lists), and the allocator's fault-as-value entry points.
//
// Most page allocations are single pages. Each CPU keeps up to PAGE_CACHE_SIZE free order-0
// frames in a small array: pageCacheAlloc(0) pops one without touching the buddy lists (the fast
// path), pageCacheFree(a, 0) pushes one. An empty cache is refilled, a full one drained, in
// batches of PAGE_CACHE_BATCH (half the cache) from and to the buddy (kernel/mem/page_buddy.ts),
// so a CPU that alternates allocating and freeing around the boundary does not bounce frames.
// Draining returns the oldest frames (the bottom of the array) and keeps the recently freed,
// cache-warm ones. Cached frames are free memory: their page map byte is FRAME_CACHED (so a
// second free of one is caught), and the statistics count them as free. When the buddy cannot
// satisfy a request, every cache is drained and the request retried once, so frames parked in
// caches never cause an out-of-memory (nor keep larger blocks from merging).
// Orders above 0 go straight to the buddy.
//
// pageCacheAlloc/pageCacheFree report bad frees as PAGE_ERR_* values (for hosted builds, like
// the buddy); kernel/mem/page_alloc.ts turns them into panics.
// Single CPU, interrupts off: no lock. With SMP (issue 5) a CPU touches only its own cache
// (indexed by currentCpu(), with interrupts off around the access, which is the whole of the
// fast path's protection); refill, drain and the buddy calls take the buddy's zone lock, and
// pageCacheDrainAll must then ask the other CPUs to drain (or take their caches' locks).

import { u32, usize } from "../int.ts";
import { FixedArray, StructArray } from "../array.ts";
import { currentCpu } from "../cpu.ts";
import type { PhysMap } from "./phys_map.ts";
import {
  bdAlloc,
  bdCheckFree,
  bdFree,
  bdFreePages,
  bdInit,
  bdMarkAllocated,
  bdMarkCached,
  PAGE_OK,
} from "./page_buddy.ts";

/** Frames a per-CPU cache holds at most. */
export const PAGE_CACHE_SIZE: usize = usize(32);
/** Frames moved per refill or drain. */
export const PAGE_CACHE_BATCH: usize = usize(16);

/** One CPU's cache: frames[0 .. count) are free order-0 frames, the newest last. The array's
 * length is the literal 32 (PAGE_CACHE_SIZE). */
export class PageCache {
  count: usize = usize(0);
  frames: FixedArray<usize> = new FixedArray<usize>(32, usize(0));
  refills: u32 = u32(0);
  drains: u32 = u32(0);
}

/** The caches, one per CPU (CPU_MAX of kernel/cpu.ts, written as the literal 8). */
const caches = new StructArray<PageCache>(8, PageCache);
let cachedTotal: usize = usize(0);

/** Empties the caches and sets up the buddy over map; false if no memory is usable. */
export function pageCacheInit(map: PhysMap): boolean {
  for (let i = usize(0); i < caches.length; i = usize(i + 1)) {
    const c = caches.get(i);
    c.count = usize(0);
    c.refills = u32(0);
    c.drains = u32(0);
  }
  cachedTotal = usize(0);
  return bdInit(map);
}

/** 2^order pages aligned to their size (not zeroed); 0 if memory is out or order too large. */
export function pageCacheAlloc(order: u32): usize {
  if (order === 0) {
    const c = caches.get(usize(currentCpu()));
    if (c.count === 0) {
      cacheRefill(c);
    }
    if (c.count > 0) {
      c.count = usize(c.count - 1);
      const a = c.frames.get(c.count);
      cachedTotal = usize(cachedTotal - 1);
      bdMarkAllocated(a);
      return a;
    }
  }
  const a = bdAlloc(order);
  if (a !== 0 || cachedTotal === 0) {
    return a;
  }
  pageCacheDrainAll();
  return bdAlloc(order);
}

/** Frees the block at a of the given order: PAGE_OK, or the PAGE_ERR_* reason it was refused
 * (then nothing changed). */
export function pageCacheFree(a: usize, order: u32): u32 {
  if (order !== 0) {
    return bdFree(a, order);
  }
  const code = bdCheckFree(a, order);
  if (code !== PAGE_OK) {
    return code;
  }
  const c = caches.get(usize(currentCpu()));
  if (c.count >= PAGE_CACHE_SIZE) {
    cacheDrain(c, PAGE_CACHE_BATCH);
  }
  c.frames.set(c.count, a);
  c.count = usize(c.count + 1);
  cachedTotal = usize(cachedTotal + 1);
  bdMarkCached(a);
  return PAGE_OK;
}

/** Moves up to PAGE_CACHE_BATCH frames from the buddy into c. */
function cacheRefill(c: PageCache): void {
  c.refills = u32(c.refills + 1);
  for (let i = usize(0); i < PAGE_CACHE_BATCH; i = usize(i + 1)) {
    const a = bdAlloc(u32(0));
    if (a === 0) {
      return;
    }
    bdMarkCached(a);
    c.frames.set(c.count, a);
    c.count = usize(c.count + 1);
    cachedTotal = usize(cachedTotal + 1);
  }
}

/** Returns the n oldest frames of c (or all it has) to the buddy. */
function cacheDrain(c: PageCache, n: usize): void {
  const m = n < c.count ? n : c.count;
  c.drains = u32(c.drains + 1);
  for (let i = usize(0); i < m; i = usize(i + 1)) {
    const a = c.frames.get(i);
    bdMarkAllocated(a);
    bdFree(a, u32(0));
  }
  const left = usize(c.count - m);
  for (let i = usize(0); i < left; i = usize(i + 1)) {
    c.frames.set(i, c.frames.get(usize(i + m)));
  }
  c.count = left;
  cachedTotal = usize(cachedTotal - m);
}

/** Returns every cached frame of every CPU to the buddy. */
export function pageCacheDrainAll(): void {
  for (let i = usize(0); i < caches.length; i = usize(i + 1)) {
    const c = caches.get(i);
    if (c.count > 0) {
      cacheDrain(c, c.count);
    }
  }
}

/** Free frames held in the per-CPU caches. */
export function pageCacheCachedPages(): usize {
  return cachedTotal;
}

/** All free pages: the buddy's and the caches'. */
export function pageCacheFreePages(): usize {
  const buddy = bdFreePages();
  return usize(buddy + cachedTotal);
}

/** Frames in CPU cpu's cache (cpu < CPU_MAX). */
export function pageCacheCount(cpu: u32): usize {
  return caches.get(usize(cpu)).count;
}

/** How often CPU cpu's cache was refilled from the buddy. */
export function pageCacheRefills(cpu: u32): u32 {
  return caches.get(usize(cpu)).refills;
}

/** How often CPU cpu's cache was drained to the buddy. */
export function pageCacheDrains(cpu: u32): u32 {
  return caches.get(usize(cpu)).drains;
}
