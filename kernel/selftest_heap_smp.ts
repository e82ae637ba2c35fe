// Boot self-test (with --test-threads): the heap shared by threads on every CPU.
//
// HEAP_THREADS threads, spread over the online CPUs, each run HEAP_ROUNDS rounds of a
// deterministic xorshift mix: allocate a block of 16..1040 bytes (kmalloc), fill every byte with
// a pattern of its own thread and round, keep up to 8 live, and before each free check every
// byte. Blocks handed to two threads at once (a heap without its lock, kernel/mem/mem_lock.ts)
// show up as bytes of another thread's pattern. Afterwards the heap's pool objects must be back
// to what they were. Prints `heap: <T> threads, <A> allocations, <C> corrupt` and panics on any
// corruption or lost block.

import { mulU32, u32, u64, u8, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { klog } from "./klog.ts";
import { panic } from "./panic.ts";
import { HeapStats, heapStats, kfree, kmalloc } from "./mem/heap.ts";
import { heapPatternFill, heapPatternIntact } from "./mem/heap_stress.ts";
import { xorshift32 } from "./xorshift.ts";
import { CPU_ANY, threadCreateOn, threadJoin } from "./sched/mod.ts";

const HEAP_THREADS: u32 = u32(4);
const HEAP_ROUNDS: u32 = u32(600);
const LIVE: usize = usize(8);

class Totals {
  allocations: u64 = u64(0n);
  corrupt: u64 = u64(0n);
}

const totals: Totals = new Totals();

/** One thread's rounds; returns allocations << 32 | corrupt blocks. */
function worker(arg: u64): u64 {
  const live = new FixedArray<usize>(8, usize(0));
  const size = new FixedArray<usize>(8, usize(0));
  const tag = new FixedArray<u8>(8, u8(0));
  let x = u32(mulU32(u32(arg), u32(2654435761)) + 1);
  let allocs = u32(0);
  let corrupt = u32(0);
  for (let r = u32(0); r < HEAP_ROUNDS; r = u32(r + 1)) {
    x = xorshift32(x);
    const slot = usize(u32(x % u32(LIVE)));
    const old = live.get(slot);
    if (old !== 0) {
      if (!heapPatternIntact(old, size.get(slot), tag.get(slot))) {
        corrupt = u32(corrupt + 1);
      }
      kfree(old);
      live.set(slot, usize(0));
    }
    const n = usize(16 + u32(u32(x >>> 8) % 1025));
    const b = kmalloc(n);
    if (b !== 0) {
      const t = u8(u32(u32(arg) << 6) + u32(r & 63));
      heapPatternFill(b, n, t);
      live.set(slot, b);
      size.set(slot, n);
      tag.set(slot, t);
      allocs = u32(allocs + 1);
    }
  }
  for (let i = usize(0); i < LIVE; i = usize(i + 1)) {
    const b = live.get(i);
    if (b !== 0) {
      if (!heapPatternIntact(b, size.get(i), tag.get(i))) {
        corrupt = u32(corrupt + 1);
      }
      kfree(b);
    }
  }
  return u64(u64(u64(allocs) << 32n) | u64(corrupt));
}

/** Runs the shared-heap test; panics on corruption or a block not returned. */
export function selftestHeapShared(): void {
  const before = new HeapStats();
  heapStats(before);
  const ids = new FixedArray<u32>(4, u32(0));
  for (let t = u32(0); t < HEAP_THREADS; t = u32(t + 1)) {
    const id = threadCreateOn(worker, u64(t), "heap", CPU_ANY);
    if (id === 0) {
      panic("heap: threadCreate failed");
    }
    ids.set(usize(t), id);
  }
  for (let t = usize(0); t < ids.length; t = usize(t + 1)) {
    const r = threadJoin(ids.get(t));
    totals.allocations = u64(totals.allocations + u64(r >> 32n));
    totals.corrupt = u64(totals.corrupt + u64(r & 0xffffffffn));
  }
  const after = new HeapStats();
  heapStats(after);
  klog(
    `heap: ${HEAP_THREADS} threads, ${totals.allocations} allocations, ${totals.corrupt} corrupt`,
  );
  if (totals.corrupt !== 0n) {
    panic("heap: blocks were corrupted by another thread");
  }
  if (after.poolObjects !== before.poolObjects || after.largeBlocks !== before.largeBlocks) {
    panic("heap: blocks were lost");
  }
}
