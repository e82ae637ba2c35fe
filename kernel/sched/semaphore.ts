// Counting semaphores: semWait takes a unit or waits for one, semPost gives one.
//
// A unit posted while threads wait is handed to the first waiter directly (FIFO; the count
// stays 0), so a woken waiter owns its unit and retries nothing; otherwise the count grows.
// The count and wait queue are guarded by the semaphore's spinlock, under which a waiter also
// becomes BLOCKED (no lost wakeup). semPost never blocks: interrupt handlers and timer
// callbacks may post. A Semaphore must be semInit'ed before use.

import { u32, u64 } from "../int.ts";
import { schedCurrent, schedIrqOff, schedIrqRestore, schedule, schedWake } from "./scheduler.ts";
import { spinFree, spinInit, SpinLock, spinLock, spinUnlock } from "./spinlock.ts";
import { thread, ThreadState } from "./thread_table.ts";
import { WaitQueue, wqPop, wqPush } from "./wait_queue.ts";

export class Semaphore {
  lock: SpinLock = new SpinLock();
  count: u32 = u32(0);
  waiters: WaitQueue = new WaitQueue();
}

/** Sets s up with count units. */
export function semInit(s: Semaphore, count: u32): void {
  spinInit(s.lock);
  s.count = count;
}

export function semDestroy(s: Semaphore): void {
  spinFree(s.lock);
}

/** Takes a unit, waiting for a post if there is none. */
export function semWait(s: Semaphore): void {
  const self = schedCurrent();
  const irq = schedIrqOff();
  const l = spinLock(s.lock);
  if (s.count > 0) {
    s.count = u32(s.count - 1);
    spinUnlock(s.lock, l);
    schedIrqRestore(irq);
    return;
  }
  wqPush(s.waiters, self);
  const me = thread(self);
  me.state = ThreadState.BLOCKED;
  spinUnlock(s.lock, l);
  schedule();
  schedIrqRestore(irq);
}

/** Takes a unit if there is one; true if taken. */
export function semTryWait(s: Semaphore): boolean {
  const l = spinLock(s.lock);
  const ok = s.count > 0;
  if (ok) {
    s.count = u32(s.count - 1);
  }
  spinUnlock(s.lock, l);
  return ok;
}

/** Gives a unit: to the first waiter if any, else to the count. */
export function semPost(s: Semaphore): void {
  const l = spinLock(s.lock);
  const t = wqPop(s.waiters);
  if (t === 0) {
    s.count = u32(s.count + 1);
  }
  spinUnlock(s.lock, l);
  if (t !== 0) {
    schedWake(t, u64(0n));
  }
}

/** The available units (a snapshot). */
export function semCount(s: Semaphore): u32 {
  return s.count;
}
