// The page-frame allocator: the kernel's one source of physical memory, in 4 KiB pages.
//
// pageAllocInit takes the free ranges of a PhysMap (kernel/mem/phys_map.ts: RAM minus the image,
// boot data and reservations) and hands them to a binary buddy allocator
// (kernel/mem/page_buddy.ts: why buddy, the page map, the free lists) with per-CPU caches of
// single pages in front (kernel/mem/page_cache.ts). pageAlloc(order) returns 2^order contiguous
// pages aligned to 2^order pages, or 0 when memory is out (a value, not a crash; so is an order
// >= PAGE_MAX_ORDER). Memory is not zeroed: pageAllocZeroed does that. Page 0 is never handed
// out. Addresses are physical = kernel virtual (the identity linear map,
// kernel/mem/phys_addr.ts), usable for load/store at once.
//
// This file is the kernel's face: the core reports a bad free as a PAGE_ERR_* value (so that
// hosted builds can run it), and here every such report is a kernel bug, so it panics, after a
// line naming the block (panic takes a fixed string):
//   page: double free of 0x... order N           then  panic: page: double free
// and likewise "wrong order", "misaligned free", "free outside RAM", "free of a block that is
// not allocated", "order too large", and "free list corrupted" when an allocation finds the
// lists damaged. Statistics: pageStats counts pages, cached frames included in the free ones.
// Locking: none while one CPU runs with interrupts off; page_buddy.ts and page_cache.ts say
// where the SMP locks go.

import { memLock, memUnlock, PAGE_LOCK } from "./mem_lock.ts";
import { u32, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import { hex } from "../fmt.ts";
import { klog } from "../klog.ts";
import { panic } from "../panic.ts";
import type { PhysMap } from "./phys_map.ts";
import {
  bdDroppedPages,
  bdFault,
  bdFaultAt,
  bdFreeBlocks,
  bdReservedPages,
  bdTotalPages,
  bdZero,
  PAGE_ERR_CORRUPT,
  PAGE_ERR_DOUBLE_FREE,
  PAGE_ERR_MISALIGNED,
  PAGE_ERR_ORDER,
  PAGE_ERR_OUTSIDE,
  PAGE_ERR_WRONG_ORDER,
  PAGE_OK,
  pageErrorText,
} from "./page_buddy.ts";
import {
  pageCacheAlloc,
  pageCacheCachedPages,
  pageCacheFree,
  pageCacheFreePages,
  pageCacheInit,
} from "./page_cache.ts";

export { PAGE_MAX_ORDER, PAGE_SHIFT, PAGE_SIZE } from "./page_buddy.ts";

/** A snapshot of the allocator's page counts. totalPages = freePages + reservedPages +
 * allocatedPages; cachedPages is the part of freePages held in per-CPU caches; freeBlocks[k] is
 * the number of free order-k blocks on the buddy lists (the table's length is the literal 11,
 * PAGE_MAX_ORDER). droppedPages were free in the PhysMap but left out (see page_buddy.ts). */
export class PageStats {
  totalPages: usize = usize(0);
  freePages: usize = usize(0);
  cachedPages: usize = usize(0);
  reservedPages: usize = usize(0);
  allocatedPages: usize = usize(0);
  droppedPages: usize = usize(0);
  freeBlocks: FixedArray<usize> = new FixedArray<usize>(11, usize(0));
}

/** Sets the allocator up over map's free ranges; false if no memory is usable. */
export function pageAllocInit(map: PhysMap): boolean {
  return pageCacheInit(map);
}

/** 2^order pages aligned to 2^order pages, not zeroed; 0 = out of memory (also for order >=
 * PAGE_MAX_ORDER). Panics if the free lists are found corrupted. */
export function pageAlloc(order: u32): usize {
  const s = memLock(PAGE_LOCK);
  const a = pageCacheAlloc(order);
  memUnlock(PAGE_LOCK, s);
  if (a === 0 && bdFault() !== PAGE_OK) {
    klog(`page: ${pageErrorText(bdFault())} at ${hex(bdFaultAt())}`);
    panic("page: free list corrupted");
  }
  return a;
}

/** As pageAlloc, with the pages filled with zeros. */
export function pageAllocZeroed(order: u32): usize {
  const a = pageAlloc(order);
  if (a !== 0) {
    bdZero(a, order);
  }
  return a;
}

/** Frees the 2^order pages at addr, as pageAlloc returned them with this order. Panics on a
 * block that is not allocated, a wrong order, a misaligned address, a double free or an
 * address outside RAM. */
export function pageFree(addr: usize, order: u32): void {
  const s = memLock(PAGE_LOCK);
  const code = pageCacheFree(addr, order);
  memUnlock(PAGE_LOCK, s);
  if (code === PAGE_OK) {
    return;
  }
  klog(`page: ${pageErrorText(code)}: ${hex(addr)} order ${order}`);
  if (code === PAGE_ERR_DOUBLE_FREE) {
    panic("page: double free");
  } else if (code === PAGE_ERR_WRONG_ORDER) {
    panic("page: wrong order");
  } else if (code === PAGE_ERR_MISALIGNED) {
    panic("page: misaligned free");
  } else if (code === PAGE_ERR_OUTSIDE) {
    panic("page: free outside RAM");
  } else if (code === PAGE_ERR_ORDER) {
    panic("page: order too large");
  } else if (code === PAGE_ERR_CORRUPT) {
    panic("page: free list corrupted");
  }
  panic("page: free of a block that is not allocated");
}

/** Fills out with the current page counts. */
export function pageStats(out: PageStats): void {
  const s = memLock(PAGE_LOCK);
  out.totalPages = bdTotalPages();
  out.freePages = pageCacheFreePages();
  out.cachedPages = pageCacheCachedPages();
  out.reservedPages = bdReservedPages();
  out.droppedPages = bdDroppedPages();
  out.allocatedPages = usize(usize(out.totalPages - out.freePages) - out.reservedPages);
  for (let k = usize(0); k < out.freeBlocks.length; k = usize(k + 1)) {
    out.freeBlocks.set(k, bdFreeBlocks(u32(k)));
  }
  memUnlock(PAGE_LOCK, s);
}
