// The kernel heap: kmalloc/kfree for objects of any size, over pages from an injected source.
//
// This is the kernel's face of the heap. The work is done by heap_core.ts (dispatch and
// checks), heap_pool.ts (size-class pools of 4 KiB pages: the small-object fast path),
// heap_large.ts (whole-page blocks above 2032 bytes), heap_debug.ts (poison and redzones) and
// heap_stats.ts, which report faults as values so that hosted builds can run them; here every
// fault is a kernel bug and panics, after a line naming the block:
//   heap: double free of 0x...         then  panic: heap: double free
//   heap: overflow after 0x...         then  panic: heap: overflow
//   heap: free of foreign pointer 0x...  then  panic: heap: foreign pointer
// (panic takes a fixed string, so the address goes on the klog line before it).
// Contract: kmalloc(size) returns a 16-byte aligned block of at least size bytes, or 0 when
// memory is out (the heap is then unchanged); kmalloc(0) returns a real 16-byte block.
// kfree(0) does nothing. Which faults are caught: always a pointer that is not 16-aligned, whose
// page has no heap magic, that is not exactly a slot or a large block's start, a free into a page
// with no slot in use or of the slot that heads its page's free list, and a second free of a
// large block whose pages were not reused, and (non-debug) every double free of a slot still in
// a per-CPU front cache (heap_magazine.ts); with heapInit(..., true) (debug) also every double
// free of a pool slot, writes past the requested size into the redzone (on free), and writes
// into freed slots (when the slot is handed out again); new memory is 0xa5 and freed memory
// 0x6b. A foreign pointer must still point into RAM (its page is read).
// Single CPU, interrupts off: no lock. SMP (issue 5) brings per-CPU pools and a heap lock
// (heap_core.ts says where).

import { hex } from "../fmt.ts";
import { usize } from "../int.ts";
import { klog } from "../klog.ts";
import { panic } from "../panic.ts";
import { heapAlloc, heapAllocZeroed, heapRelease, heapSetup, heapUsable } from "./heap_core.ts";
import { HeapFault, heapFault } from "./heap_fault.ts";
import { heapFillStats, type HeapStats } from "./heap_stats.ts";
import { HEAP_LOCK, memLock, memUnlock } from "./mem_lock.ts";
import type { PageAllocFn, PageFreeFn } from "./heap_source.ts";

export { heapTrim } from "./heap_core.ts";
export { HeapStats } from "./heap_stats.ts";

/** Starts the heap over a page source; debug turns on poison, redzones and full checks. Call
 *  once at boot (a second call forgets every block of the first). */
export function heapInit(alloc: PageAllocFn, free: PageFreeFn, debug: boolean): void {
  heapSetup(alloc, free, debug);
}

/** A 16-byte aligned block of at least size bytes (debug mode: 0xa5), or 0 when out of
 *  memory. */
export function kmalloc(size: usize): usize {
  const s = memLock(HEAP_LOCK);
  const b = heapAlloc(size);
  memUnlock(HEAP_LOCK, s);
  if (b === 0) {
    failIfFault();
  }
  return b;
}

/** Like kmalloc, with the block's usable bytes zeroed. */
export function kmallocZeroed(size: usize): usize {
  const s = memLock(HEAP_LOCK);
  const b = heapAllocZeroed(size);
  memUnlock(HEAP_LOCK, s);
  if (b === 0) {
    failIfFault();
  }
  return b;
}

/** Frees a block of kmalloc (0: nothing); panics on a foreign pointer, a double free or an
 *  overflow it detects. */
export function kfree(b: usize): void {
  const s = memLock(HEAP_LOCK);
  const f = heapRelease(b);
  memUnlock(HEAP_LOCK, s);
  if (f !== HeapFault.NONE) {
    fail(f, b);
  }
}

/** The usable size of the live block b (debug mode: the size asked for); panics if b is not
 *  one. */
export function kmallocUsable(b: usize): usize {
  const s = memLock(HEAP_LOCK);
  const n = heapUsable(b);
  memUnlock(HEAP_LOCK, s);
  if (n === 0) {
    failIfFault();
  }
  return n;
}

/** Fills out with the heap's present state (heap_stats.ts). */
export function heapStats(out: HeapStats): void {
  const s = memLock(HEAP_LOCK);
  heapFillStats(out);
  memUnlock(HEAP_LOCK, s);
}

/** Panics if an allocation just failed on a fault rather than for want of memory. */
function failIfFault(): void {
  if (heapFault.fault !== HeapFault.NONE) {
    fail(heapFault.fault, heapFault.at);
  }
}

function fail(f: HeapFault, b: usize): never {
  if (f === HeapFault.DOUBLE_FREE) {
    klog(`heap: double free of ${hex(b)}`);
    panic("heap: double free");
  }
  if (f === HeapFault.OVERFLOW) {
    klog(`heap: overflow after ${hex(b)}`);
    panic("heap: overflow");
  }
  if (f === HeapFault.WRITE_AFTER_FREE) {
    klog(`heap: write after free of ${hex(b)}`);
    panic("heap: write after free");
  }
  if (f === HeapFault.CORRUPT) {
    klog(`heap: corrupt header for ${hex(b)}`);
    panic("heap: corrupt header");
  }
  klog(`heap: free of foreign pointer ${hex(b)}`);
  panic("heap: foreign pointer");
}
