// Spinlocks with interrupt masking, and the pool of raw lock words they spin on.
//
// A SpinLock is held with interrupts off on the holding CPU (spinLock returns the previous
// interrupt state, spinUnlock restores it), so an interrupt handler on the same CPU can never
// spin on a lock its own CPU holds, and a holder is never preempted. Across CPUs the lock word
// is taken with an atomic compare-and-swap (test-and-test-and-set with cpuRelax between tries).
//
// Why a pool: the subset's atomics act on raw memory only, never on a class field (docs/SUBSET.md
// §10, R-MEM-2: atomicCas32(addr, ...) takes an address, and nothing can give the address of a
// kernel object, R-INTR-3). So a SpinLock holds the raw address of its word, and the words live
// in one page taken from the platform's page allocator at lockPoolInit: LOCK_POOL_WORDS u32 words
// (4 bytes each, packed: false sharing between unrelated locks is accepted for now; a later
// version can pad hot locks, the run queues', to cache lines). spinInit takes a free word,
// spinFree gives it back; the pool's own word (slot 0) guards the bitmap. A SpinLock whose word
// is 0 was never initialised: locking it panics (a kernel bug, not a state to handle).
// Lock order (outer first): thread table, futex bucket / mutex / condvar / semaphore, run
// queue, timer list. Nothing takes an outer lock while holding an inner one.

import { u32, u64, usize } from "../int.ts";
import { cpuRelax } from "../intrinsics.ts";
import { FixedArray } from "../array.ts";
import { panic } from "../panic.ts";
import { schedPlatform } from "./platform.ts";
import { lockWordHeld, lockWordInit, lockWordRelease, lockWordTry } from "./raw.ts";

/** Lock words in the pool page (4 KiB / 4 bytes); slot 0 is the pool's own lock. */
export const LOCK_POOL_WORDS: usize = usize(1024);

/** A spinlock: the raw address of its word, 0 before spinInit. */
export class SpinLock {
  word: usize = usize(0);
}

class LockPool {
  base: usize = usize(0);
  used: usize = usize(0);
  /** Slot i is taken. */
  taken: FixedArray<boolean> = new FixedArray<boolean>(1024, false);
}

const pool: LockPool = new LockPool();

/** Takes the pool page from the platform (once, at schedInit); false if out of memory. */
export function lockPoolInit(): boolean {
  const page = schedPlatform.pageAlloc(u32(0));
  if (page === 0) {
    return false;
  }
  pool.base = page;
  pool.used = usize(1);
  for (let i = usize(0); i < LOCK_POOL_WORDS; i = usize(i + 1)) {
    lockWordInit(usize(page + i * 4));
    pool.taken.set(i, i === 0);
  }
  return true;
}

/** Lock words in use (slot 0 included). */
export function lockPoolUsed(): usize {
  return pool.used;
}

/** Gives l a free lock word; panics when the pool is empty or not set up (boot-time bugs). */
export function spinInit(l: SpinLock): void {
  if (pool.base === 0) {
    panic("sched: spinInit before lockPoolInit");
  }
  const s = acquire(pool.base);
  let found = usize(0);
  for (let i = usize(1); i < LOCK_POOL_WORDS; i = usize(i + 1)) {
    if (!pool.taken.get(i)) {
      pool.taken.set(i, true);
      pool.used = usize(pool.used + 1);
      found = i;
      break;
    }
  }
  release(pool.base, s);
  if (found === 0) {
    panic("sched: out of lock words");
  }
  l.word = usize(pool.base + found * 4);
  lockWordInit(l.word);
}

/** Returns l's word to the pool (l must not be held); l is uninitialised afterwards. */
export function spinFree(l: SpinLock): void {
  if (l.word === 0) {
    return;
  }
  if (lockWordHeld(l.word)) {
    panic("sched: freeing a held spinlock");
  }
  const i = usize(usize(l.word - pool.base) / 4);
  const s = acquire(pool.base);
  pool.taken.set(i, false);
  pool.used = usize(pool.used - 1);
  release(pool.base, s);
  l.word = usize(0);
}

/** Disables interrupts, then spins until l is taken; returns the interrupt state to restore. */
export function spinLock(l: SpinLock): u64 {
  if (l.word === 0) {
    panic("sched: spinLock on an uninitialised lock");
  }
  return acquire(l.word);
}

/** Releases l, then restores the interrupt state spinLock returned. */
export function spinUnlock(l: SpinLock, s: u64): void {
  release(l.word, s);
}

/** True if l is held by some CPU (assertions and tests). */
export function spinHeld(l: SpinLock): boolean {
  return l.word !== 0 && lockWordHeld(l.word);
}

function acquire(word: usize): u64 {
  const s = schedPlatform.irqSave();
  while (!lockWordTry(word)) {
    while (lockWordHeld(word)) {
      cpuRelax();
    }
  }
  return s;
}

function release(word: usize, s: u64): void {
  lockWordRelease(word);
  schedPlatform.irqRestore(s);
}
