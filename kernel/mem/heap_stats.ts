// The kernel heap's statistics: what it holds now, per size class and in large blocks.
//
// heapStats(out) (kernel/mem/heap.ts) fills a caller-owned HeapStats from the heap's own
// counters: per class (heap_classes.ts) the objects in use, the bytes they occupy (objects x
// slot size: what the heap gives, not what was asked) and the pool pages held (the spare page
// included); over all pools the same sums; the large blocks in use, their pages and requested
// bytes (heap_large.ts); every page held from the page source (heap_source.ts), which is the
// pool pages plus the large pages; and the faults found since heapInit. It first gives every
// slot of the front caches (heap_magazine.ts) back to its pool, so a cached slot counts as free
// and the counts are those of a heap without the caches. Every value but `faults`
// describes the present state, so two snapshots taken with the same blocks live (after
// heapTrim, which releases the spare pages) are equal: heapStatsSame compares them.

import { FixedArray } from "../array.ts";
import { u32, usize } from "../int.ts";
import { classSize, HEAP_CLASSES } from "./heap_classes.ts";
import { heapFault } from "./heap_fault.ts";
import { largeCounters } from "./heap_large.ts";
import { magFlush } from "./heap_magazine.ts";
import { poolOf } from "./heap_pool.ts";
import { heapSource } from "./heap_source.ts";

/** A snapshot of the heap (filled by heapStats). Its arrays have HEAP_CLASSES (22) entries: a
 *  field's array length must be a literal (heap_stats_test.ts checks that they agree). */
export class HeapStats {
  /** Slot size of each class. */
  classSize: FixedArray<u32> = new FixedArray<u32>(22, u32(0));
  /** Objects in use per class. */
  objects: FixedArray<u32> = new FixedArray<u32>(22, u32(0));
  /** Bytes in use per class (objects x slot size). */
  bytes: FixedArray<usize> = new FixedArray<usize>(22, usize(0));
  /** Pool pages held per class (the spare included). */
  pages: FixedArray<u32> = new FixedArray<u32>(22, u32(0));
  poolObjects: usize = usize(0);
  poolBytes: usize = usize(0);
  poolPages: usize = usize(0);
  largeBlocks: usize = usize(0);
  largePages: usize = usize(0);
  /** Requested bytes of the large blocks. */
  largeBytes: usize = usize(0);
  /** Pages held from the page source (poolPages + largePages). */
  sourcePages: usize = usize(0);
  /** Faults found since heapInit (heap_fault.ts). */
  faults: usize = usize(0);
}

/** Fills out from the heap's counters. */
export function heapFillStats(out: HeapStats): void {
  magFlush();
  out.poolObjects = usize(0);
  out.poolBytes = usize(0);
  out.poolPages = usize(0);
  for (let c = u32(0); usize(c) < HEAP_CLASSES; c = u32(c + 1)) {
    const k = poolOf(c);
    const size = classSize(c);
    const i = usize(c);
    out.classSize.set(i, u32(size));
    out.objects.set(i, k.objects);
    out.bytes.set(i, usize(usize(k.objects) * size));
    out.pages.set(i, k.pages);
    out.poolObjects = usize(out.poolObjects + usize(k.objects));
    out.poolBytes = usize(out.poolBytes + out.bytes.get(i));
    out.poolPages = usize(out.poolPages + usize(k.pages));
  }
  out.largeBlocks = largeCounters.blocks;
  out.largePages = largeCounters.pages;
  out.largeBytes = largeCounters.bytes;
  out.sourcePages = heapSource.pages;
  out.faults = heapFault.count;
}

/** True when a and b describe the same state (every field but faults). */
export function heapStatsSame(a: HeapStats, b: HeapStats): boolean {
  for (let i = usize(0); i < HEAP_CLASSES; i = usize(i + 1)) {
    if (a.objects.get(i) !== b.objects.get(i) || a.pages.get(i) !== b.pages.get(i)) {
      return false;
    }
    if (a.bytes.get(i) !== b.bytes.get(i) || a.classSize.get(i) !== b.classSize.get(i)) {
      return false;
    }
  }
  return a.poolObjects === b.poolObjects && a.poolBytes === b.poolBytes &&
    a.poolPages === b.poolPages && a.largeBlocks === b.largeBlocks &&
    a.largePages === b.largePages && a.largeBytes === b.largeBytes &&
    a.sourcePages === b.sourcePages;
}
