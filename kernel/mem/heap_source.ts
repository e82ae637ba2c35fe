// Where the kernel heap gets its pages: an injected page source, and the heap's mode.
//
// The heap does not call the page allocator directly: heapInit (kernel/mem/heap.ts) hands it a
// pair of functions, so the heap depends on no allocator's state and tests, the differential
// program and the benchmark give it pages of their own (kernel/mem/heap_test_pages.ts). The
// kernel passes pageAlloc/pageFree of kernel/mem/page_alloc.ts. Contract of the source:
// alloc(order) returns the address of 2^order contiguous 4 KiB pages aligned to their size, or
// 0 when it has none; free(addr, order) takes back exactly such a block. The heap counts the
// pages it holds here (every call goes through sourceAlloc/sourceFree), for heapStats.
// Single CPU, interrupts off: no lock yet. With SMP (issue 5) the source must be safe to call
// from any CPU (the page allocator takes its own lock), and this state becomes read-only after
// init.

import { u32, usize } from "../int.ts";

/** Allocates 2^order pages aligned to their size; 0 = out of memory. */
export type PageAllocFn = (order: u32) => usize;
/** Frees 2^order pages at addr, as allocated. */
export type PageFreeFn = (addr: usize, order: u32) => void;

/** The page source and mode of the heap. */
export class HeapSource {
  alloc: PageAllocFn = noPages;
  free: PageFreeFn = keepPages;
  /** Debug mode: poison, redzones, full double-free checks (heap_debug.ts). */
  debug: boolean = false;
  /** 4 KiB pages currently held from the source. */
  pages: usize = usize(0);
}

/** The one heap's source. */
export const heapSource = new HeapSource();

/** The source before heapInit: it has no pages. */
function noPages(_order: u32): usize {
  return usize(0);
}

/** The matching free (never called: nothing was allocated). */
function keepPages(_addr: usize, _order: u32): void {}

/** Sets the source and mode, forgetting the pages of any earlier source. */
export function sourceInit(alloc: PageAllocFn, free: PageFreeFn, debug: boolean): void {
  heapSource.alloc = alloc;
  heapSource.free = free;
  heapSource.debug = debug;
  heapSource.pages = usize(0);
}

/** The number of 4 KiB pages in a block of the given order. */
export function pagesOf(order: u32): usize {
  return usize(u32(1) << order);
}

/** 2^order pages from the source, or 0. */
export function sourceAlloc(order: u32): usize {
  const a = heapSource.alloc(order);
  if (a !== 0) {
    const n = pagesOf(order);
    heapSource.pages = usize(heapSource.pages + n);
  }
  return a;
}

/** Gives 2^order pages at a back to the source. */
export function sourceFree(a: usize, order: u32): void {
  const n = pagesOf(order);
  heapSource.pages = usize(heapSource.pages - n);
  heapSource.free(a, order);
}
