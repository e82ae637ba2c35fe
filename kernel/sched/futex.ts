// Futexes: wait until a u32 in memory changes, keyed by its address (the shape of Linux's
// FUTEX_WAIT / FUTEX_WAKE, which the Linux ABI will map onto these).
//
// futexWait(a, expected, timeoutNs): under the lock of a's hash bucket it reads the word at a;
// if it is not `expected` it returns EAGAIN at once (the value changed since the caller looked:
// no sleep, no lost wakeup); else the caller joins the bucket's FIFO wait queue, BLOCKED, with
// its own timer armed when timeoutNs > 0, and schedules away. futexWake(a, n) wakes up to n
// waiters of a, oldest first, and returns how many. A waker that changes the word and then
// calls futexWake cannot slip between a waiter's check and its sleep: both happen under the
// bucket lock. Everything is decided by the waker or the timer: futexWake takes the waiter off
// the queue, cancels its timer and wakes it with result OK; the timeout callback takes it off
// (only if it is still queued: a waker may have won the race) and wakes it with ETIMEDOUT.
// The waiter only reads its result (Thread.wakeValue) after the switch.
// Buckets: FUTEX_BUCKETS lists hashed by word address (a / 4 mod FUTEX_BUCKETS); waiters of
// different addresses share a bucket and are told apart by Thread.futexAddr.
// Lock order: bucket, then run queue and timer list (inside schedWake, timerCancel).

import { u32, u64, usize } from "../int.ts";
import { StructArray } from "../array.ts";
import { Errno } from "../errno.ts";
import { schedCurrent, schedIrqOff, schedIrqRestore, schedule, schedWake } from "./scheduler.ts";
import { spinInit, SpinLock, spinLock, spinUnlock } from "./spinlock.ts";
import { futexWordLoad } from "./raw.ts";
import { thread, ThreadState } from "./thread_table.ts";
import { timerArmIn, timerCancel, timerSet } from "./timer.ts";
import { WaitQueue, wqNextOf, wqPeek, wqPush, wqRemove } from "./wait_queue.ts";

export const FUTEX_BUCKETS: u32 = u32(32);

const WAKE_OK: u64 = u64(0n);
const WAKE_TIMEOUT: u64 = u64(1n);

export class FutexBucket {
  lock: SpinLock = new SpinLock();
  waiters: WaitQueue = new WaitQueue();
}

const buckets = new StructArray<FutexBucket>(32, FutexBucket);

/** Sets up the buckets' locks (schedInit's caller, once). */
export function futexInit(): void {
  for (let i = u32(0); i < FUTEX_BUCKETS; i = u32(i + 1)) {
    const b = buckets.get(usize(i));
    b.waiters.head = u32(0);
    b.waiters.tail = u32(0);
    spinInit(b.lock);
  }
}

function bucketOf(a: usize): FutexBucket {
  return buckets.get(usize(usize(a / 4) % 32));
}

/** Sleeps while the u32 at a equals expected, until futexWake(a) or timeoutNs (0 = none).
 *  OK when woken, EAGAIN if the word differed, ETIMEDOUT, EINVAL for a misaligned or null a. */
export function futexWait(a: usize, expected: u32, timeoutNs: u64): Errno {
  if (a === 0 || usize(a % 4) !== 0) {
    return Errno.EINVAL;
  }
  const self = schedCurrent();
  const b = bucketOf(a);
  const s = schedIrqOff();
  const l = spinLock(b.lock);
  if (futexWordLoad(a) !== expected) {
    spinUnlock(b.lock, l);
    schedIrqRestore(s);
    return Errno.EAGAIN;
  }
  const th = thread(self);
  th.futexAddr = a;
  th.wakeValue = WAKE_OK;
  wqPush(b.waiters, self);
  th.state = ThreadState.BLOCKED;
  if (timeoutNs > 0n) {
    timerSet(self, futexTimeout, u64(self));
    timerArmIn(self, timeoutNs);
  }
  spinUnlock(b.lock, l);
  schedule();
  schedIrqRestore(s);
  return thread(self).wakeValue === WAKE_TIMEOUT ? Errno.ETIMEDOUT : Errno.OK;
}

/** Wakes up to n waiters of the word at a, oldest first; returns how many were woken. */
export function futexWake(a: usize, n: u32): u32 {
  const b = bucketOf(a);
  const l = spinLock(b.lock);
  let woken = u32(0);
  let t = wqPeek(b.waiters);
  while (t !== 0 && woken < n) {
    const next = wqNextOf(t);
    const th = thread(t);
    if (th.futexAddr === a) {
      wqRemove(b.waiters, t);
      th.futexAddr = usize(0);
      timerCancel(t);
      schedWake(t, WAKE_OK);
      woken = u32(woken + 1);
    }
    t = next;
  }
  spinUnlock(b.lock, l);
  return woken;
}

/** Waiters of the word at a (for tests and diagnostics). */
export function futexWaiters(a: usize): u32 {
  const b = bucketOf(a);
  const l = spinLock(b.lock);
  let n = u32(0);
  for (let t = wqPeek(b.waiters); t !== 0; t = wqNextOf(t)) {
    if (thread(t).futexAddr === a) {
      n = u32(n + 1);
    }
  }
  spinUnlock(b.lock, l);
  return n;
}

/** A futex wait's timeout: thread arg gives up waiting, if no waker took it first. */
function futexTimeout(arg: u64): void {
  const t = u32(arg);
  const th = thread(t);
  const a = th.futexAddr;
  if (a === 0) {
    return;
  }
  const b = bucketOf(a);
  const l = spinLock(b.lock);
  const queued = th.wqOn && th.futexAddr === a;
  if (queued) {
    wqRemove(b.waiters, t);
    th.futexAddr = usize(0);
  }
  spinUnlock(b.lock, l);
  if (queued) {
    schedWake(t, WAKE_TIMEOUT);
  }
}
