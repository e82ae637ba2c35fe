"use unsafe";
// The locks of the allocators: a test-and-set spinlock on a raw word, with interrupts masked.
//
// Once several CPUs run threads (kernel/sched, kernel/smp.ts), the page allocator and the heap
// are shared state: PAGE_LOCK guards the buddy allocator and its page caches
// (kernel/mem/page_alloc.ts), HEAP_LOCK the heap (kernel/mem/heap.ts); the heap takes pages
// under its own lock, so the order is always heap, then page. The subset's atomics act on raw
// addresses only, so each lock's word lives in a page the kernel gives at memLocksInit, called
// by kernel/main.ts once the scheduler is up and before other CPUs start: until then (one CPU,
// interrupts off, and under Deno) taking a lock only masks interrupts. memLock returns the
// interrupt state to give back to memUnlock. Not recursive: a holder must not call back into
// the same allocator (page_alloc and heap never do).

import { u32, u64, usize } from "../int.ts";
import { addr, atomicCas32, atomicStore32, cpuRelax, irqRestore, irqSave } from "../intrinsics.ts";

/** The page allocator's lock. */
export const PAGE_LOCK: u32 = u32(0);
/** The heap's lock. */
export const HEAP_LOCK: u32 = u32(1);

class MemLocks {
  /** Raw address of the lock words (PAGE_LOCK at +0, HEAP_LOCK at +64); 0 = off. */
  base: usize = usize(0);
}

const locks: MemLocks = new MemLocks();

/** Turns the locks on, with their words in the zeroed raw page at page. */
export function memLocksInit(page: usize): void {
  atomicStore32(page, u32(0));
  atomicStore32(addr(page + 64), u32(0));
  locks.base = page;
}

/** Masks interrupts and takes lock which (PAGE_LOCK, HEAP_LOCK); returns the interrupt state. */
export function memLock(which: u32): u64 {
  const s = irqSave();
  const base = locks.base;
  if (base !== 0) {
    const w = addr(base + usize(which) * 64);
    while (!atomicCas32(w, u32(0), u32(1))) {
      cpuRelax();
    }
  }
  return s;
}

/** Gives lock which back and restores the interrupt state memLock returned. */
export function memUnlock(which: u32, s: u64): void {
  const base = locks.base;
  if (base !== 0) {
    atomicStore32(addr(base + usize(which) * 64), u32(0));
  }
  irqRestore(s);
}
