"use unsafe";
// The kernel heap's front cache: a small per-CPU magazine of freed slots per size class.
//
// In non-debug mode kfree (heap_core.ts) puts a checked pool slot into the running CPU's
// magazine of its class instead of its pool page (heap_pool.ts), and kmalloc takes from that
// magazine first, in the style of OSv's per-CPU object caches and glibc's tcache: a cached slot
// stays "in use" for its page (inUse, the class's objects), so the fast paths touch neither the
// page header's free list nor the partial list, and a slot freed and soon reallocated on the
// same CPU goes round in a few loads and stores. A magazine is a LIFO stack of addresses (in
// MAG_SLOTS, a flat table: CPU_MAX x HEAP_CLASSES x MAG_MAX entries) with its depth in MAG_DEPTH.
// Memory bound: class c holds at most magCap(c) = min(MAG_MAX, MAG_BYTES / slot size) slots, so
// at most 1 KiB of cached blocks per class and CPU (16 slots up to 64 bytes, 1 slot of 1024,
// none of 1344 and 2032; at most 135 slots, 17328 bytes, per CPU); those slots can keep up to
// 135 pool pages of a CPU from going back to the page source, which is why magFlush gives every
// cached slot back to its pool before the heap's out-of-memory retry, in heapTrim and in
// heapStats (so the statistics stay exact: a flushed heap is what it would be with no front
// cache).
// Double frees: a cached slot carries MAG_KEY in its second 8 bytes (every slot is at least 16
// bytes); a free of a slot with the key scans its class's magazine (at most MAG_MAX entries)
// and is a DOUBLE_FREE if the slot is there, so every double free of a cached slot is caught (a
// key left by user data only costs the scan). magPop clears the key. Debug mode never uses the
// magazines: its poison and tag checks see every freed slot (heap_debug.ts).
// Concurrency: like the pools, a CPU's magazine is used only by that CPU with interrupts off;
// magFlush empties every CPU's magazines, which is safe only while one CPU runs the kernel
// (kernel/cpu.ts: until SMP bring-up, currentCpu() is 0); SMP must flush remote magazines by
// asking their CPUs, or under the heap lock (issue 5).

import { FixedArray } from "../array.ts";
import { CPU_MAX, currentCpu } from "../cpu.ts";
import { u32, u64, usize } from "../int.ts";
import { addr, load64, store64 } from "../intrinsics.ts";
import { classSize, HEAP_CLASSES, HEAP_PAGE } from "./heap_classes.ts";
import { poolFree } from "./heap_pool.ts";

/** The most slots a magazine holds. */
export const MAG_MAX: usize = usize(16);
/** The most bytes of cached slots per class and CPU. */
export const MAG_BYTES: usize = usize(1024);
/** The mark of a cached slot, at its offset 8 ("MAGAZINE"). */
export const MAG_KEY: u64 = u64(0x454e495a4147414dn);

/** Cached slot addresses: entry ((cpu * HEAP_CLASSES + c) * MAG_MAX + i). CPU_MAX x 22 x 16. */
const MAG_SLOTS = new FixedArray<usize>(2816, usize(0));
/** Slots held per magazine: entry (cpu * HEAP_CLASSES + c). */
const MAG_DEPTH = new FixedArray<u32>(176, u32(0));
/** The capacity of class c's magazines. */
const MAG_CAP = new FixedArray<u32>(22, u32(0));

/** Empties every magazine (their slots belong to a previous heap) and sets the capacities from
 *  the class sizes (heapClassesInit first). */
export function magInit(): void {
  for (let i = usize(0); i < MAG_DEPTH.length; i = usize(i + 1)) {
    MAG_DEPTH.set(i, u32(0));
  }
  for (let c = usize(0); c < HEAP_CLASSES; c = usize(c + 1)) {
    const n = usize(MAG_BYTES / classSize(u32(c)));
    MAG_CAP.set(c, u32(n < MAG_MAX ? n : MAG_MAX));
  }
}

/** The capacity of class c's magazines (for tests). */
export function magCap(c: u32): u32 {
  return MAG_CAP.get(usize(c));
}

/** The running CPU's magazine of class c (c < HEAP_CLASSES), as an index into MAG_DEPTH. */
function magIndex(c: u32): usize {
  return usize(usize(currentCpu()) * HEAP_CLASSES + usize(c));
}

/** A cached slot of class c from the running CPU's magazine, or 0 if it is empty. */
export function magPop(c: u32): usize {
  const m = magIndex(c);
  const n = MAG_DEPTH.get(m);
  if (n === 0) {
    return usize(0);
  }
  const d = u32(n - 1);
  MAG_DEPTH.set(m, d);
  const b = MAG_SLOTS.get(usize(m * MAG_MAX + usize(d)));
  store64(addr(b + 8), u64(0n));
  return b;
}

/** Caches the checked, live slot b of class c; false if the magazine is full (b is untouched). */
export function magPush(c: u32, b: usize): boolean {
  const m = magIndex(c);
  const n = MAG_DEPTH.get(m);
  if (n >= MAG_CAP.get(usize(c))) {
    return false;
  }
  MAG_SLOTS.set(usize(m * MAG_MAX + usize(n)), b);
  MAG_DEPTH.set(m, u32(n + 1));
  store64(addr(b + 8), MAG_KEY);
  return true;
}

/** True if slot b of class c is in a magazine (b carries MAG_KEY and is found by a scan). */
export function magHolds(c: u32, b: usize): boolean {
  if (load64(addr(b + 8)) !== MAG_KEY) {
    return false;
  }
  for (let cpu = u32(0); cpu < CPU_MAX; cpu = u32(cpu + 1)) {
    const m = usize(usize(cpu) * HEAP_CLASSES + usize(c));
    const n = usize(MAG_DEPTH.get(m));
    const base = usize(m * MAG_MAX);
    for (let i = usize(0); i < n; i = usize(i + 1)) {
      if (MAG_SLOTS.get(usize(base + i)) === b) {
        return true;
      }
    }
  }
  return false;
}

/** Gives every cached slot of every CPU back to its pool page; returns how many. */
export function magFlush(): usize {
  let total = usize(0);
  for (let m = usize(0); m < MAG_DEPTH.length; m = usize(m + 1)) {
    const n = usize(MAG_DEPTH.get(m));
    for (let i = usize(0); i < n; i = usize(i + 1)) {
      const b = MAG_SLOTS.get(usize(m * MAG_MAX + i));
      store64(addr(b + 8), u64(0n));
      poolFree(usize(b - usize(b % HEAP_PAGE)), b);
    }
    MAG_DEPTH.set(m, u32(0));
    total = usize(total + n);
  }
  return total;
}
