"use unsafe";
// The binary buddy allocator of physical page frames: the core of kernel/mem/page_alloc.ts.
//
// Why buddy: the kernel needs contiguous multi-page blocks (page tables, DMA buffers, the heap's
// large objects) as well as single pages; a buddy system gives both with O(log n) split and
// merge, needs no external fragmentation metadata beyond one byte per frame, and can find a
// block's buddy by arithmetic (the same choice as Linux's zone allocator, mm/page_alloc.c).
// OSv instead keeps free memory as a set of ranges (an O(log n) range allocator) behind per-CPU
// page pools: ranges of any length, but an O(log n) tree and worse locality for the common single
// page. We take the pools idea for order 0 (kernel/mem/page_cache.ts) and buddy for the rest.
//
// Memory is 4 KiB frames. A block of order k is 2^k frames whose first frame number (pfn =
// address / PAGE_SIZE) is a multiple of 2^k; its buddy is the block of the same order at pfn
// xor 2^k. Orders run 0 .. PAGE_MAX_ORDER - 1 (11 orders: blocks up to 4 MiB).
//
// Metadata, all in the managed RAM itself:
//   - the page map: one state byte per frame of [basePfn, basePfn + frames), carved from the
//     start of the first free range large enough (its pages count as reserved). A byte is
//     FRAME_RESERVED (not RAM, boot data, the page map, page 0), FRAME_FREE | k (first frame of
//     a free block of order k), FRAME_ALLOC | k (first frame of an allocated block of order k),
//     FRAME_CACHED (an order-0 frame held by a per-CPU cache, page_cache.ts) or FRAME_TAIL (any
//     other frame of a block, free or allocated);
//   - per-order doubly linked free lists threaded through the free blocks: the first 16 bytes of
//     a free block hold the next and previous block's addresses (0 ends the list). Removing a
//     block (when its buddy merges with it) is O(1), so allocation and free are O(1) per order.
// Invariants (between calls): a block is on list k iff its first frame's byte is FRAME_FREE | k;
// every other frame of a free or allocated block is FRAME_TAIL; no two free buddies of the same
// order exist (free merges them); freePages is the sum of the free blocks' sizes; page 0 is
// never handed out, so address 0 can mean "out of memory".
// Bad frees are not panics here: bdFree returns a PAGE_ERR_* code, and a free list found
// inconsistent while allocating is recorded (bdFault) and allocation answers 0, so the core runs
// in hosted builds (tests/diff/cases/mm_pages.ts), which cannot link the kernel's console and
// power-off. kernel/mem/page_alloc.ts, the kernel's face, turns both into panics.
// Allocated memory is not zeroed (bdZero does it on request).
// Single CPU, interrupts off: no lock yet. With SMP (issue 5) one spinlock (the zone lock) will
// guard the lists, the page map and the counters, taken by bdAlloc/bdFree/bdRelease; per-CPU
// caches take it only to refill and drain in batches.

import { u32, u64, u8, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import { addr, load64, load8, memSet, store64, store8 } from "../intrinsics.ts";
import type { PhysMap } from "./phys_map.ts";

export const PAGE_SIZE: usize = usize(4096);
export const PAGE_SHIFT: u32 = u32(12);
/** Orders are 0 .. PAGE_MAX_ORDER - 1: the largest block is 2^10 pages, 4 MiB. */
export const PAGE_MAX_ORDER: u32 = u32(11);

// Frame states (the page map's bytes), kept as u32 and stored as u8.
export const FRAME_RESERVED: u32 = u32(0x00);
export const FRAME_TAIL: u32 = u32(0x01);
export const FRAME_FREE: u32 = u32(0x40);
export const FRAME_ALLOC: u32 = u32(0x80);
export const FRAME_CACHED: u32 = u32(0xc0);
const FRAME_KIND_MASK: u32 = u32(0xc0);
const FRAME_ORDER_MASK: u32 = u32(0x3f);

// What a free (or the free-list walk) found wrong.
export const PAGE_OK: u32 = u32(0);
export const PAGE_ERR_OUTSIDE: u32 = u32(1);
export const PAGE_ERR_MISALIGNED: u32 = u32(2);
export const PAGE_ERR_ORDER: u32 = u32(3);
export const PAGE_ERR_WRONG_ORDER: u32 = u32(4);
export const PAGE_ERR_DOUBLE_FREE: u32 = u32(5);
export const PAGE_ERR_NOT_ALLOCATED: u32 = u32(6);
export const PAGE_ERR_CORRUPT: u32 = u32(7);

/** A one-line description of a PAGE_* code (for panics and logs). */
export function pageErrorText(code: u32): string {
  if (code === PAGE_OK) return "ok";
  if (code === PAGE_ERR_OUTSIDE) return "address outside managed RAM";
  if (code === PAGE_ERR_MISALIGNED) return "address not aligned to the block size";
  if (code === PAGE_ERR_ORDER) return "order too large";
  if (code === PAGE_ERR_WRONG_ORDER) return "block was allocated with another order";
  if (code === PAGE_ERR_DOUBLE_FREE) return "double free";
  if (code === PAGE_ERR_NOT_ALLOCATED) return "not the start of an allocated block";
  if (code === PAGE_ERR_CORRUPT) return "free list corrupted";
  return "unknown error";
}

/** The allocator's state. The per-order tables' length is the literal 11 (PAGE_MAX_ORDER). */
class Buddy {
  ready: boolean = false;
  /** Address of the page map (one byte per frame from basePfn). */
  mapBase: usize = usize(0);
  basePfn: usize = usize(0);
  frames: usize = usize(0);
  totalPages: usize = usize(0);
  reservedPages: usize = usize(0);
  freePages: usize = usize(0);
  droppedPages: usize = usize(0);
  fault: u32 = u32(0);
  faultAt: usize = usize(0);
  heads: FixedArray<usize> = new FixedArray<usize>(11, usize(0));
  blocks: FixedArray<usize> = new FixedArray<usize>(11, usize(0));
}

const bd = new Buddy();

/** The number of pages in a block of order k (k < 32). */
export function orderPages(k: u32): usize {
  return usize(u32(1 << k));
}

/** Sets up the allocator over map's free ranges (page 0 and the page map excluded); false if
 * nothing usable is left. When the page map of the whole span fits in no range, the highest
 * ranges are left out (counted in droppedPages) until it does. */
export function bdInit(map: PhysMap): boolean {
  bd.ready = false;
  bd.totalPages = usize(0);
  bd.reservedPages = usize(0);
  bd.freePages = usize(0);
  bd.droppedPages = usize(0);
  bd.fault = PAGE_OK;
  bd.faultAt = usize(0);
  for (let k = usize(0); k < usize(PAGE_MAX_ORDER); k = usize(k + 1)) {
    bd.heads.set(k, usize(0));
    bd.blocks.set(k, usize(0));
  }
  let n = usize(map.count);
  let carve = usize(0);
  let mapPages = usize(0);
  let found = false;
  while (n > 0 && !found) {
    const last = usize(n - 1);
    bd.basePfn = usize(map.base.get(usize(0)) / PAGE_SIZE);
    const endPfn = usize(usize(map.base.get(last) + map.size.get(last)) / PAGE_SIZE);
    bd.frames = usize(endPfn - bd.basePfn);
    mapPages = usize(usize(bd.frames + usize(PAGE_SIZE - 1)) / PAGE_SIZE);
    for (let i = usize(0); i < n && !found; i = usize(i + 1)) {
      const start = bdRangeStart(map, i);
      const end = usize(map.base.get(i) + map.size.get(i));
      if (start < end && mapPages <= usize(usize(end - start) / PAGE_SIZE)) {
        carve = i;
        found = true;
      }
    }
    if (!found) {
      n = last;
    }
  }
  if (!found) {
    return false;
  }
  bd.mapBase = bdRangeStart(map, carve);
  memSet(bd.mapBase, u8(FRAME_RESERVED), bd.frames);
  for (let i = usize(0); i < usize(map.count); i = usize(i + 1)) {
    const pages = usize(map.size.get(i) / PAGE_SIZE);
    if (i >= n) {
      bd.droppedPages = usize(bd.droppedPages + pages);
      continue;
    }
    bd.totalPages = usize(bd.totalPages + pages);
    let start = bdRangeStart(map, i);
    if (start !== map.base.get(i)) {
      bd.reservedPages = usize(bd.reservedPages + 1); // page 0
    }
    if (i === carve) {
      start = usize(start + mapPages * PAGE_SIZE);
      bd.reservedPages = usize(bd.reservedPages + mapPages);
    }
    bdAddRange(start, usize(map.base.get(i) + map.size.get(i)));
  }
  bd.ready = true;
  return bd.freePages > 0;
}

/** The first usable address of map range i: its base, or the second page for a range at 0. */
function bdRangeStart(map: PhysMap, i: usize): usize {
  const base = map.base.get(i);
  return base === 0 ? PAGE_SIZE : base;
}

/** Frees [start, end) (page-aligned) in the largest aligned blocks that fit; such blocks are
 * never free buddies of each other, so no merge is needed. */
function bdAddRange(start: usize, end: usize): void {
  let a = start;
  while (a < end) {
    const pfn = usize(a / PAGE_SIZE);
    let k = u32(PAGE_MAX_ORDER - 1);
    while (
      k > 0 &&
      (usize(pfn % orderPages(k)) !== 0 || orderPages(k) > usize(usize(end - a) / PAGE_SIZE))
    ) {
      k = u32(k - 1);
    }
    const pages = orderPages(k);
    memSet(addr(bd.mapBase + usize(pfn - bd.basePfn)), u8(FRAME_TAIL), pages);
    bdSetState(a, u32(FRAME_FREE | k));
    bdPush(k, a);
    bd.freePages = usize(bd.freePages + pages);
    a = usize(a + pages * PAGE_SIZE);
  }
}

/** True if a is inside the page map's span. */
function bdManaged(a: usize): boolean {
  const pfn = usize(a / PAGE_SIZE);
  return bd.ready && pfn >= bd.basePfn && usize(pfn - bd.basePfn) < bd.frames;
}

/** The page map byte of the frame at a (managed). */
function bdState(a: usize): u32 {
  return u32(load8(addr(bd.mapBase + usize(usize(a / PAGE_SIZE) - bd.basePfn))));
}

function bdSetState(a: usize, s: u32): void {
  store8(addr(bd.mapBase + usize(usize(a / PAGE_SIZE) - bd.basePfn)), u8(s));
}

/** The state of the frame at a: FRAME_* (with the order for FREE and ALLOC); FRAME_RESERVED
 * outside the managed span. */
export function bdFrameState(a: usize): u32 {
  if (!bdManaged(a)) {
    return FRAME_RESERVED;
  }
  return bdState(a);
}

/** Pushes the free block at a on list k. */
function bdPush(k: u32, a: usize): void {
  const i = usize(k);
  const next = bd.heads.get(i);
  store64(a, u64(next));
  store64(addr(a + 8), u64(0n));
  if (next !== 0) {
    store64(addr(next + 8), u64(a));
  }
  bd.heads.set(i, a);
  bd.blocks.set(i, usize(bd.blocks.get(i) + 1));
}

/** Unlinks the free block at a from list k. */
function bdUnlink(k: u32, a: usize): void {
  const i = usize(k);
  const next = addr(load64(a));
  const prev = addr(load64(addr(a + 8)));
  if (prev === 0) {
    bd.heads.set(i, next);
  } else {
    store64(prev, u64(next));
  }
  if (next !== 0) {
    store64(addr(next + 8), u64(prev));
  }
  bd.blocks.set(i, usize(bd.blocks.get(i) - 1));
}

/** 2^order pages aligned to their size, not zeroed; 0 if none is free, if order is too large,
 * or if a corrupted free list was found (then bdFault() says so). */
export function bdAlloc(order: u32): usize {
  if (!bd.ready || order >= PAGE_MAX_ORDER || bd.fault !== PAGE_OK) {
    return usize(0);
  }
  let j = order;
  while (j < PAGE_MAX_ORDER && bd.heads.get(usize(j)) === 0) {
    j = u32(j + 1);
  }
  if (j >= PAGE_MAX_ORDER) {
    return usize(0);
  }
  const a = bd.heads.get(usize(j));
  if (!bdManaged(a) || usize(a % PAGE_SIZE) !== 0 || bdState(a) !== u32(FRAME_FREE | j)) {
    bd.fault = PAGE_ERR_CORRUPT;
    bd.faultAt = a;
    return usize(0);
  }
  bdUnlink(j, a);
  while (j > order) {
    j = u32(j - 1);
    const half = usize(a + orderPages(j) * PAGE_SIZE);
    bdSetState(half, u32(FRAME_FREE | j));
    bdPush(j, half);
  }
  bdSetState(a, u32(FRAME_ALLOC | order));
  const pages = orderPages(order);
  bd.freePages = usize(bd.freePages - pages);
  return a;
}

/** Whether the block at a may be freed as order: PAGE_OK or the PAGE_ERR_* reason. */
export function bdCheckFree(a: usize, order: u32): u32 {
  if (order >= PAGE_MAX_ORDER) {
    return PAGE_ERR_ORDER;
  }
  if (!bdManaged(a)) {
    return PAGE_ERR_OUTSIDE;
  }
  if (usize(usize(a / PAGE_SIZE) % orderPages(order)) !== 0 || usize(a % PAGE_SIZE) !== 0) {
    return PAGE_ERR_MISALIGNED;
  }
  const s = bdState(a);
  const kind = u32(s & FRAME_KIND_MASK);
  if (s === u32(FRAME_ALLOC | order)) {
    return PAGE_OK;
  }
  if (kind === FRAME_ALLOC) {
    return PAGE_ERR_WRONG_ORDER;
  }
  if (kind === FRAME_FREE || kind === FRAME_CACHED) {
    return PAGE_ERR_DOUBLE_FREE;
  }
  return PAGE_ERR_NOT_ALLOCATED;
}

/** Frees the block at a of the given order: PAGE_OK, or the PAGE_ERR_* reason it was refused
 * (then nothing changed). */
export function bdFree(a: usize, order: u32): u32 {
  const code = bdCheckFree(a, order);
  if (code !== PAGE_OK) {
    return code;
  }
  bdRelease(a, order);
  return PAGE_OK;
}

/** Returns a checked allocated block to the lists, merging it with free buddies. */
function bdRelease(a: usize, order: u32): void {
  const pages = orderPages(order);
  bd.freePages = usize(bd.freePages + pages);
  bdSetState(a, FRAME_TAIL);
  let pfn = usize(a / PAGE_SIZE);
  let k = order;
  while (k < u32(PAGE_MAX_ORDER - 1)) {
    const size = orderPages(k);
    const buddyPfn = usize(pfn % usize(size * 2)) === 0 ? usize(pfn + size) : usize(pfn - size);
    if (buddyPfn < bd.basePfn || usize(buddyPfn - bd.basePfn) >= bd.frames) {
      break;
    }
    const b = usize(buddyPfn * PAGE_SIZE);
    if (bdState(b) !== u32(FRAME_FREE | k)) {
      break;
    }
    bdUnlink(k, b);
    bdSetState(b, FRAME_TAIL);
    pfn = pfn < buddyPfn ? pfn : buddyPfn;
    k = u32(k + 1);
  }
  const head = usize(pfn * PAGE_SIZE);
  bdSetState(head, u32(FRAME_FREE | k));
  bdPush(k, head);
}

/** Marks an allocated order-0 frame as held by a per-CPU cache (page_cache.ts). */
export function bdMarkCached(a: usize): void {
  bdSetState(a, FRAME_CACHED);
}

/** Marks a cached frame as allocated (order 0) again. */
export function bdMarkAllocated(a: usize): void {
  bdSetState(a, FRAME_ALLOC);
}

/** Fills the block at a of the given order with zeros. */
export function bdZero(a: usize, order: u32): void {
  memSet(a, u8(0), usize(orderPages(order) * PAGE_SIZE));
}

/** PAGE_OK, or PAGE_ERR_CORRUPT once bdAlloc found a free list inconsistent. */
export function bdFault(): u32 {
  return bd.fault;
}

/** The address of the inconsistent list entry bdFault reports. */
export function bdFaultAt(): usize {
  return bd.faultAt;
}

/** Pages handed to the allocator by the PhysMap (free, allocated, cached or reserved). */
export function bdTotalPages(): usize {
  return bd.totalPages;
}

/** Pages kept back at init: the page map and page 0. */
export function bdReservedPages(): usize {
  return bd.reservedPages;
}

/** Pages on the free lists (per-CPU caches not included). */
export function bdFreePages(): usize {
  return bd.freePages;
}

/** Free ranges left out because the page map of the whole span fit nowhere. */
export function bdDroppedPages(): usize {
  return bd.droppedPages;
}

/** Free blocks on list k. */
export function bdFreeBlocks(k: u32): usize {
  return bd.blocks.get(usize(k));
}

/** Walks every free list and checks it against the page map and the counters: PAGE_OK or
 * PAGE_ERR_CORRUPT (for tests and the stress test; O(free blocks)). */
export function bdVerify(): u32 {
  let pages = usize(0);
  for (let k = u32(0); k < PAGE_MAX_ORDER; k = u32(k + 1)) {
    let a = bd.heads.get(usize(k));
    let prev = usize(0);
    let n = usize(0);
    while (a !== 0) {
      if (!bdManaged(a) || bdState(a) !== u32(FRAME_FREE | k) || n >= bd.frames) {
        return PAGE_ERR_CORRUPT;
      }
      if (usize(usize(a / PAGE_SIZE) % orderPages(k)) !== 0 || addr(load64(addr(a + 8))) !== prev) {
        return PAGE_ERR_CORRUPT;
      }
      pages = usize(pages + orderPages(k));
      n = usize(n + 1);
      prev = a;
      a = addr(load64(a));
    }
    if (n !== bd.blocks.get(usize(k))) {
      return PAGE_ERR_CORRUPT;
    }
  }
  return pages === bd.freePages ? PAGE_OK : PAGE_ERR_CORRUPT;
}

/** The state byte's order field (for FRAME_FREE and FRAME_ALLOC states). */
export function frameOrder(s: u32): u32 {
  return u32(s & FRAME_ORDER_MASK);
}

/** The state byte's kind (FRAME_FREE, FRAME_ALLOC, FRAME_CACHED or below 0x40). */
export function frameKind(s: u32): u32 {
  return u32(s & FRAME_KIND_MASK);
}
