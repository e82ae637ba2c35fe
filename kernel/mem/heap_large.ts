"use unsafe";
// The kernel heap's large allocations: requests above HEAP_MAX_SMALL get whole pages.
//
// A large block is 2^order pages from the page source, aligned to their size, starting with a
// 16-byte LargeHead: the requested size, LARGE_MAGIC (at offset 8, like a pool page's magic),
// and the order. The caller's block starts
// right after it (16-byte aligned, at offset 16 of its first page), so, as for pool slots
// (heap_pool.ts), its header is at the block's address rounded down to 4 KiB and kfree finds it
// in O(1); the magic tells the two kinds apart. On free the magic becomes LARGE_FREED before the
// pages go back, so a second free of the same block is recognised as long as the pages have
// not been reused. Usable size: the block up to the end of its pages. The counters (blocks,
// pages) feed heapStats. Single CPU, interrupts off: no lock (with SMP, issue 5, the counters
// and the page source calls go under the heap's lock).

import { u32, u64, usize } from "../int.ts";
import { addr } from "../intrinsics.ts";
import { layout, type LayoutOf } from "../layout.ts";
import { HEAP_PAGE } from "./heap_classes.ts";
import { HeapFault } from "./heap_fault.ts";
import { pagesOf, sourceAlloc, sourceFree } from "./heap_source.ts";

export const LARGE_MAGIC: u32 = u32(0x4c415247); // "LARG"
export const LARGE_FREED: u32 = u32(0x46524545); // "FREE"
/** Bytes before the caller's part of a large block. */
export const LARGE_HEADER: usize = usize(16);
/** The largest order asked of the page source (2^20 pages, 4 GiB). */
export const LARGE_MAX_ORDER: u32 = u32(20);

export const LargeHead = layout("LargeHead", { size: "u64", magic: "u32", order: "u32" });
export type LargeHead = LayoutOf<typeof LargeHead>;

/** The large blocks live now and the pages they hold. */
export class LargeCounters {
  blocks: usize = usize(0);
  pages: usize = usize(0);
  /** Requested bytes of the live blocks. */
  bytes: usize = usize(0);
}

export const largeCounters = new LargeCounters();

export function largeInit(): void {
  largeCounters.blocks = usize(0);
  largeCounters.pages = usize(0);
  largeCounters.bytes = usize(0);
}

/** The smallest order whose pages hold need bytes, or LARGE_MAX_ORDER + 1. */
export function orderFor(need: usize): u32 {
  let order = u32(0);
  let span = HEAP_PAGE;
  while (span < need && order <= LARGE_MAX_ORDER) {
    span = usize(span * 2);
    order = u32(order + 1);
  }
  return order;
}

/** A large block for size requested bytes with extra bytes after them (debug redzone), or 0
 *  when the page source has no block of the order (or the order is above LARGE_MAX_ORDER).
 *  size + extra must be below 2^40. */
export function largeAlloc(size: usize, extra: usize): usize {
  const order = orderFor(usize(LARGE_HEADER + size + extra));
  if (order > LARGE_MAX_ORDER) {
    return usize(0);
  }
  const block = sourceAlloc(order);
  if (block === 0) {
    return usize(0);
  }
  const h = LargeHead.at(block);
  h.magic = LARGE_MAGIC;
  h.order = order;
  h.size = u64(size);
  largeCounters.blocks = usize(largeCounters.blocks + 1);
  const pages = pagesOf(order);
  largeCounters.pages = usize(largeCounters.pages + pages);
  largeCounters.bytes = usize(largeCounters.bytes + size);
  return addr(block + LARGE_HEADER);
}

/** Checks that b is the block of the large header at page (whose magic is LARGE_MAGIC). */
export function largeCheck(page: usize, b: usize): HeapFault {
  if (b !== addr(page + LARGE_HEADER)) {
    return HeapFault.FOREIGN;
  }
  const h = LargeHead.at(page);
  if (h.order > LARGE_MAX_ORDER) {
    return HeapFault.CORRUPT;
  }
  const bytes = usize(pagesOf(h.order) * HEAP_PAGE);
  if (h.size > u64(bytes)) {
    return HeapFault.CORRUPT;
  }
  return HeapFault.NONE;
}

/** The requested size of the (checked) large block with header at page. */
export function largeSize(page: usize): usize {
  return usize(LargeHead.at(page).size);
}

/** Bytes usable from the (checked) block at page + LARGE_HEADER to the end of its pages. */
export function largeUsable(page: usize): usize {
  return usize(usize(pagesOf(LargeHead.at(page).order) * HEAP_PAGE) - LARGE_HEADER);
}

/** Gives the (checked) large block with header at page back to the source. */
export function largeFree(page: usize): void {
  const h = LargeHead.at(page);
  const order = h.order;
  const size = usize(h.size);
  h.magic = LARGE_FREED;
  largeCounters.blocks = usize(largeCounters.blocks - 1);
  const pages = pagesOf(order);
  largeCounters.pages = usize(largeCounters.pages - pages);
  largeCounters.bytes = usize(largeCounters.bytes - size);
  sourceFree(page, order);
}
