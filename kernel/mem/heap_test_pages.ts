"use unsafe";
// A simple page source over one region of RAM, for the heap's tests, its differential program
// and the malloc benchmark (not part of the kernel, which gives the heap its page allocator).
//
// testPagesInit(base, size) takes [base, base + size) (base 4 KiB aligned). testPageAlloc(order)
// returns 2^order pages aligned to their size: the last block freed of that order if there is
// one (per-order LIFO lists threaded through the free blocks' first 8 bytes), else the next
// aligned block past a bump pointer; blocks are never split or merged, and the alignment gaps
// the bump pointer skips are never used. It returns 0 when the region is exhausted or when
// `limit` pages are out (testPagesLimit: how tests make the heap run out at a chosen point).
// testPageFree checks that the block is inside the region and aligned to its order, else it
// counts a bad free (tests assert none). Invariant: out = pages handed out and not freed.

import { FixedArray } from "../array.ts";
import { alignUp, u32, u64, usize } from "../int.ts";
import { addr, load64, store64 } from "../intrinsics.ts";
import type { PageAllocFn, PageFreeFn } from "./heap_source.ts";

const PAGE: usize = usize(4096);
/** The largest order served. */
export const TEST_PAGES_MAX_ORDER: u32 = u32(15);

/** Free lists per order 0..TEST_PAGES_MAX_ORDER. */
const HEADS = new FixedArray<usize>(16, usize(0));

class TestPages {
  base: usize = usize(0);
  end: usize = usize(0);
  bump: usize = usize(0);
  limit: usize = usize(0);
  out: usize = usize(0);
  badFrees: usize = usize(0);
}

const pages = new TestPages();

/** The source's functions, as the heap takes them. */
export const TEST_PAGE_ALLOC: PageAllocFn = testPageAlloc;
export const TEST_PAGE_FREE: PageFreeFn = testPageFree;

/** Serves pages from [base, base + size), with no limit but the region. */
export function testPagesInit(base: usize, size: usize): void {
  pages.base = base;
  pages.end = usize(base + size);
  pages.bump = base;
  pages.limit = usize(size / PAGE);
  pages.out = usize(0);
  pages.badFrees = usize(0);
  for (let i = usize(0); i < HEADS.length; i = usize(i + 1)) {
    HEADS.set(i, usize(0));
  }
}

/** At most n pages out at a time from now on. */
export function testPagesLimit(n: usize): void {
  pages.limit = n;
}

/** Pages handed out and not freed. */
export function testPagesOut(): usize {
  return pages.out;
}

/** Frees of blocks outside the region or misaligned. */
export function testPagesBadFrees(): usize {
  return pages.badFrees;
}

/** 2^order pages aligned to their size, or 0. */
export function testPageAlloc(order: u32): usize {
  if (order > TEST_PAGES_MAX_ORDER) {
    return usize(0);
  }
  const n = usize(u32(1) << order);
  if (usize(pages.out + n) > pages.limit) {
    return usize(0);
  }
  let b = HEADS.get(usize(order));
  if (b !== 0) {
    HEADS.set(usize(order), addr(load64(b)));
  } else {
    const span = usize(n * PAGE);
    const start = alignUp(pages.bump, span);
    if (usize(start + span) > pages.end) {
      return usize(0);
    }
    pages.bump = usize(start + span);
    b = start;
  }
  pages.out = usize(pages.out + n);
  return b;
}

/** Takes back 2^order pages at a. */
export function testPageFree(a: usize, order: u32): void {
  if (order > TEST_PAGES_MAX_ORDER) {
    pages.badFrees = usize(pages.badFrees + 1);
    return;
  }
  const n = usize(u32(1) << order);
  const span = usize(n * PAGE);
  if (a < pages.base || usize(a + span) > pages.end || usize(a % span) !== 0 || n > pages.out) {
    pages.badFrees = usize(pages.badFrees + 1);
    return;
  }
  store64(a, u64(HEADS.get(usize(order))));
  HEADS.set(usize(order), a);
  pages.out = usize(pages.out - n);
}
