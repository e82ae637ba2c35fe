"use unsafe";
// The kernel heap's pools: one per size class (heap_classes.ts), made of 4 KiB pool pages.
//
// A pool page starts with a PoolPage header: the head of its free list, POOL_MAGIC (at offset
// 8), its class, how many of its slots are in use, and the links of its class's partial list. Its slots
// follow at POOL_HEADER; a free slot's first 8 bytes hold the address of the next free slot of
// the same page (0 ends the list). Because a pool page is 4 KiB aligned and every block the heap
// hands out starts in the first page of what it got from the page source, the header of any
// block is at the block's address rounded down to 4 KiB: kfree finds it in O(1), and its magic
// tells a pool page from a large block (heap_large.ts).
// Per class: `partial`, a doubly linked list of the pages that have a free slot and at least
// one slot in use (the page allocations are taken from is its head), and `spare`, at most one
// page with no slot in use, kept off the list so that a class that empties and refills its last
// page does not thrash the page source. A full page is on no list. Invariants: a page is on the
// partial list iff 0 < inUse < perPage; an empty page is the spare or gone back to the source
// (with its magic cleared); `objects` is the sum of inUse over the class's pages and `pages`
// counts them, spare included.
// Fast path: poolAlloc pops the head page's free list; poolFree pushes onto the block's page.
// In non-debug mode most frees and allocations stop in front of the pools, in the per-CPU
// magazines of heap_magazine.ts; a cached slot counts as in use here until magFlush. poolCheck's
// exact-slot test multiplies by the class's reciprocal (heap_classes.ts classSlotOf), no divide.
// In debug mode a new page's free slots are poisoned like freed ones (heap_debug.ts).
// Single CPU, interrupts off: no lock. With SMP (issue 5) each CPU gets its own classes (indexed
// by currentCpu(), kernel/cpu.ts) and a lock guards frees of another CPU's blocks.

import { StructArray } from "../array.ts";
import { u16, u32, u64, usize } from "../int.ts";
import { addr, load32, load64, store64 } from "../intrinsics.ts";
import { layout, type LayoutOf } from "../layout.ts";
import { classPerPage, classSize, classSlotOf, HEAP_CLASSES, POOL_HEADER } from "./heap_classes.ts";
import { HeapFault } from "./heap_fault.ts";
import { debugPoison } from "./heap_debug.ts";
import { heapSource, sourceAlloc, sourceFree } from "./heap_source.ts";

/** The magic of a pool page header. */
export const POOL_MAGIC: u32 = u32(0x504f4f4c); // "POOL"

export const PoolPage = layout("PoolPage", {
  freeHead: "u64",
  magic: "u32",
  cls: "u16",
  inUse: "u16",
  next: "u64",
  prev: "u64",
});
export type PoolPage = LayoutOf<typeof PoolPage>;

/** One class's pool. */
export class PoolClass {
  /** Head of the partial list (0: empty). */
  partial: usize = usize(0);
  /** A page with no slot in use, or 0. */
  spare: usize = usize(0);
  /** Pages held, spare included. */
  pages: u32 = u32(0);
  /** Slots in use. */
  objects: u32 = u32(0);
}

const POOLS = new StructArray<PoolClass>(HEAP_CLASSES, PoolClass);

/** Forgets every pool (their pages belong to a previous page source). */
export function poolsInit(): void {
  for (let c = usize(0); c < POOLS.length; c = usize(c + 1)) {
    const k = POOLS.get(c);
    k.partial = usize(0);
    k.spare = usize(0);
    k.pages = u32(0);
    k.objects = u32(0);
  }
}

/** Class c's pool (read-only use: stats). */
export function poolOf(c: u32): PoolClass {
  return POOLS.get(usize(c));
}

/** The magic word of the header of the page at a (pool, large, or anything): at offset 8 in
 *  both kinds of header, so that a page source that threads a free block on a list through its
 *  first 8 bytes leaves a freed large block's LARGE_FREED mark alone. */
export function pageMagic(a: usize): u32 {
  return load32(addr(a + 8));
}

/** A free slot of class c, or 0 when the page source is out of pages. */
export function poolAlloc(c: u32): usize {
  const k = POOLS.get(usize(c));
  let page = k.partial;
  if (page === 0) {
    page = poolRefill(c, k);
    if (page === 0) {
      return usize(0);
    }
  }
  const h = PoolPage.at(page);
  const slot = addr(h.freeHead);
  const next = load64(slot);
  h.freeHead = next;
  h.inUse = u16(h.inUse + 1);
  k.objects = u32(k.objects + 1);
  if (next === 0n) {
    // Full: off the partial list, of which it is the head.
    const after = addr(h.next);
    k.partial = after;
    if (after !== 0) {
      const v = PoolPage.at(after);
      v.prev = u64(0n);
    }
    h.next = u64(0n);
  }
  return slot;
}

/** Puts a page with free slots at the head of class c's partial list: the spare, or a new page
 *  from the source with all its slots threaded on its free list. Returns it, or 0. */
function poolRefill(c: u32, k: PoolClass): usize {
  let page = k.spare;
  if (page !== 0) {
    k.spare = usize(0);
  } else {
    page = sourceAlloc(u32(0));
    if (page === 0) {
      return usize(0);
    }
    k.pages = u32(k.pages + 1);
    const size = classSize(c);
    const first = addr(page + POOL_HEADER);
    let link = u64(0n);
    for (let i = classPerPage(c); i > 0; i = u32(i - 1)) {
      const slot = addr(first + usize(i - 1) * size);
      store64(slot, link);
      if (heapSource.debug) {
        debugPoison(addr(slot + 8), usize(size - 8));
      }
      link = u64(slot);
    }
    const h = PoolPage.at(page);
    h.magic = POOL_MAGIC;
    h.cls = u16(c);
    h.inUse = u16(0);
    h.freeHead = link;
  }
  const h = PoolPage.at(page);
  h.prev = u64(0n);
  h.next = u64(k.partial);
  if (k.partial !== 0) {
    const v = PoolPage.at(k.partial);
    v.prev = u64(page);
  }
  k.partial = page;
  return page;
}

/** The class of the pool page at page, checked: HEAP_CLASSES if the header is corrupt. */
export function poolClassOf(page: usize): u32 {
  const c = u32(PoolPage.at(page).cls);
  return usize(c) < HEAP_CLASSES ? c : u32(HEAP_CLASSES);
}

/** The slot at b in the pool page at page: FOREIGN unless b is exactly a slot, DOUBLE_FREE if
 *  it is visibly free (the page has no slot in use, or b heads its free list). Cheap checks,
 *  made in every mode; debug mode adds heap_debug.ts's. */
export function poolCheck(page: usize, b: usize): HeapFault {
  const h = PoolPage.at(page);
  const c = u32(h.cls);
  if (usize(c) >= HEAP_CLASSES) {
    return HeapFault.CORRUPT;
  }
  const first = addr(page + POOL_HEADER);
  if (b < first) {
    return HeapFault.FOREIGN;
  }
  // b is in the page (b - page < HEAP_PAGE), so off fits classSlotOf's range.
  const off = u32(usize(b - first));
  const slot = classSlotOf(c, off);
  if (slot >= classPerPage(c)) {
    return HeapFault.FOREIGN;
  }
  if (h.inUse === 0 || h.freeHead === u64(b)) {
    return HeapFault.DOUBLE_FREE;
  }
  return HeapFault.NONE;
}

/** Returns the (checked) slot b to its pool page at page. An emptied page becomes its class's
 *  spare, or goes back to the source if the class has one. */
export function poolFree(page: usize, b: usize): void {
  const h = PoolPage.at(page);
  const k = POOLS.get(usize(h.cls));
  const wasFull = h.freeHead === 0n;
  store64(b, h.freeHead);
  h.freeHead = u64(b);
  h.inUse = u16(h.inUse - 1);
  k.objects = u32(k.objects - 1);
  if (h.inUse === 0) {
    if (!wasFull) {
      unlink(k, page);
    }
    if (k.spare === 0) {
      k.spare = page;
    } else {
      release(k, page);
    }
  } else if (wasFull) {
    h.prev = u64(0n);
    h.next = u64(k.partial);
    if (k.partial !== 0) {
      const v = PoolPage.at(k.partial);
      v.prev = u64(page);
    }
    k.partial = page;
  }
}

/** Takes page off k's partial list. */
function unlink(k: PoolClass, page: usize): void {
  const h = PoolPage.at(page);
  const prev = addr(h.prev);
  const next = addr(h.next);
  if (prev === 0) {
    k.partial = next;
  } else {
    const v = PoolPage.at(prev);
    v.next = u64(next);
  }
  if (next !== 0) {
    const v = PoolPage.at(next);
    v.prev = u64(prev);
  }
  h.next = u64(0n);
  h.prev = u64(0n);
}

/** Gives an empty page of k back to the source; its magic is cleared first, so a stale pointer
 *  into it is FOREIGN rather than a pool slot (unless the page is reused). */
function release(k: PoolClass, page: usize): void {
  const v = PoolPage.at(page);
  v.magic = u32(0);
  k.pages = u32(k.pages - 1);
  sourceFree(page, u32(0));
}

/** Gives every class's spare page back to the source; returns how many pages went back. */
export function poolsTrim(): usize {
  let n = usize(0);
  for (let c = usize(0); c < POOLS.length; c = usize(c + 1)) {
    const k = POOLS.get(c);
    if (k.spare !== 0) {
      const page = k.spare;
      k.spare = usize(0);
      release(k, page);
      n = usize(n + 1);
    }
  }
  return n;
}
