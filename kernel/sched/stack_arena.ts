// The stack arena: every thread's stack region, carved from one 2 MiB block at schedInit.
//
// Thread id t owns region t of the arena, [base + t * 32 KiB, base + (t + 1) * 32 KiB):
//   [region, region + 4K)            guard page, unmapped: a stack overflow faults there
//   [region + 4K, top)               the stack (27 KiB), growing down from top
//   [top, top + 1K)                  meta: the saved stack pointer (u64, at top) and the FPU/SIMD
//                                    area (top + 64, 16-aligned; 512 or 528 bytes fit) — above
//                                    the stack, so an overflow reaches the guard before them.
// THREAD_MAX (64) regions of 32 KiB are exactly one order-9 block (2 MiB, 2 MiB-aligned) from
// the page allocator; region 0 (id 0 = no thread) is unused. On a small machine (the 4 MiB
// class) a 2 MiB block may not exist: the arena then takes the largest block down to order 6
// (256 KiB, 8 regions: the boot thread, an idle thread and a few more), and thread ids stop at
// stackArenaRegions() - 1 (threadCreate then returns 0, a value, like a full table).
// Why one arena instead of a page-allocator block per thread: unmapping a guard page inside
// RAM that the kernel maps with 2 MiB blocks splits the block, and on aarch64 the split is
// break-before-make (Arm ARM DDI 0487 D8.16.1): for a moment the whole 2 MiB block is unmapped,
// which faults if the page tables being written, the running stack, or anything another CPU
// touches lies in it (kernel/mem/vm.ts; a per-thread block did fault exactly so on aarch64,
// writing a table frame in the block being split). The arena is a block nobody uses yet when
// schedInit unmaps all its guard pages, once, from the boot stack (in the image, mapped with
// pages), so the split is safe, and afterwards thread creation and exit change no page table
// at all (no TLB shootdown with SMP). The cost: 2 MiB of RAM held from boot whatever the
// number of threads, and region 0's 32 KiB unused.
// A context the scheduler adopts (the boot thread, a secondary CPU's idle thread) keeps its
// own stack; only the meta block of its region is used.

import { u32, usize } from "../int.ts";
import { schedPlatform } from "./platform.ts";
import { THREAD_MAX } from "./thread_table.ts";

/** Page order of the arena: 2^9 pages = 2 MiB = THREAD_MAX regions of 32 KiB. */
export const ARENA_ORDER: u32 = u32(9);
/** The smallest arena accepted: 2^6 pages = 256 KiB = 8 regions. */
export const ARENA_MIN_ORDER: u32 = u32(6);
export const STACK_REGION_BYTES: usize = usize(32768);
export const GUARD_BYTES: usize = usize(4096);
/** Bytes of the meta block above the stack. */
export const META_BYTES: usize = usize(1024);

class StackArena {
  base: usize = usize(0);
  /** Regions in the arena (region 0 unused): THREAD_MAX, or fewer on a small machine. */
  regions: u32 = u32(0);
}

const arena: StackArena = new StackArena();

/** Takes the arena (2 MiB, or the largest block down to 256 KiB) and unmaps the guard page of
 *  every region but 0; false if no such block exists or a page-table change is refused. */
export function stackArenaInit(): boolean {
  let order = ARENA_ORDER;
  let base = schedPlatform.pageAlloc(order);
  while (base === 0 && order > ARENA_MIN_ORDER) {
    order = u32(order - 1);
    base = schedPlatform.pageAlloc(order);
  }
  if (base === 0) {
    return false;
  }
  arena.base = base;
  arena.regions = u32(THREAD_MAX >>> u32(ARENA_ORDER - order));
  for (let t = u32(1); t < arena.regions; t = u32(t + 1)) {
    const guard = stackRegion(t);
    if (!schedPlatform.guardUnmap(guard)) {
      return false;
    }
  }
  return true;
}

/** The regions of the arena: thread ids are below this. */
export function stackArenaRegions(): u32 {
  return arena.regions;
}

/** The arena as [lo, hi) (for backtraces, which walk only registered stacks); 0, 0 before
 *  stackArenaInit. */
export function stackArenaLo(): usize {
  return arena.base;
}
export function stackArenaHi(): usize {
  return usize(arena.base + usize(arena.regions) * STACK_REGION_BYTES);
}

/** The base of thread t's region (its guard page). */
export function stackRegion(t: u32): usize {
  return usize(arena.base + usize(t) * STACK_REGION_BYTES);
}

/** The top of thread t's stack, which is also the base of its meta block. */
export function stackTop(t: u32): usize {
  return usize(usize(stackRegion(t) + STACK_REGION_BYTES) - META_BYTES);
}

/** Usable stack bytes per thread. */
export function stackBytes(): usize {
  return usize(usize(STACK_REGION_BYTES - GUARD_BYTES) - META_BYTES);
}
