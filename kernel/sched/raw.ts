"use unsafe";
// The scheduler's raw-memory accessors: the only unsafe code of kernel/sched's core.
//
// Three kinds of raw words live outside every kernel struct, because the hardware (or the
// subset) demands it:
//   - lock words: the subset's atomics (docs/SUBSET.md §10, R-MEM-2) act on raw memory only,
//     never on struct fields, so each spinlock's word is a u32 in a page the lock pool owns
//     (lock_pool.ts). 0 = free, 1 = held. Acquire is atomicCas32 (sequentially consistent, so
//     it is also the acquire barrier), release atomicStore32 (seq_cst, so the release barrier);
//   - saved stack pointers: contextSwitch stores the outgoing stack pointer at a raw address
//     (arch/<ARCH>/switch.S), so a thread's SP slot is a u64 at the top of its stack region
//     (thread_table.ts), read here to switch back to it;
//   - futex words: futexWait compares the u32 a (user) thread passed by address.
// Every address must be aligned to its width, else the atomics panic `misaligned address`;
// callers only pass addresses they made (pool slots, SP slots) or that futexWait checked.

import { u32, u64, usize } from "../int.ts";
import { addr, atomicCas32, atomicLoad32, atomicStore32, load64, store64 } from "../intrinsics.ts";

/** Tries once to take the lock word at a (0 -> 1); true if this call took it. */
export function lockWordTry(a: usize): boolean {
  return atomicCas32(addr(a), u32(0), u32(1));
}

/** Releases the lock word at a (stores 0). */
export function lockWordRelease(a: usize): void {
  atomicStore32(addr(a), u32(0));
}

/** Sets the lock word at a to free without an atomic read-modify-write (initialisation). */
export function lockWordInit(a: usize): void {
  atomicStore32(addr(a), u32(0));
}

/** True if the lock word at a is held (for assertions and tests). */
export function lockWordHeld(a: usize): boolean {
  return atomicLoad32(addr(a)) !== 0;
}

/** The stack pointer saved in the slot at a. */
export function spSlotRead(a: usize): usize {
  return usize(load64(addr(a)));
}

/** Stores sp in the slot at a. */
export function spSlotWrite(a: usize, sp: usize): void {
  store64(addr(a), u64(sp));
}

/** The u32 futex word at a (4-aligned, else panic), read atomically. */
export function futexWordLoad(a: usize): u32 {
  return atomicLoad32(addr(a));
}
