// Mutexes: sleeping locks with an owner and a FIFO queue of waiters, handed off on unlock.
//
// mutexLock takes a free mutex at once; otherwise the caller joins the wait queue, BLOCKED,
// and schedules away. mutexUnlock by the owner gives the mutex directly to the first waiter
// (owner = that thread, then it is woken): FIFO and starvation-free, and the woken thread has
// nothing to retry, so nothing after its switch depends on shared state (the property the
// simulated scheduler tests rely on). The cost is a convoy under contention (the mutex stays
// owned while the next owner waits to be scheduled); OSv hands off too. The wait queue and owner
// are guarded by the mutex's spinlock (interrupts off while held), and the caller's own
// transition to BLOCKED happens under it, so a wakeup cannot be lost. Not recursive: locking a
// mutex one owns, or unlocking one one does not own, panics (kernel bugs). Mutexes are for
// threads only: never in interrupt handlers or timer callbacks.
// A Mutex must be mutexInit'ed (it takes a lock word, spinlock.ts) before use.

import { u32, u64 } from "../int.ts";
import { panic } from "../panic.ts";
import { schedCurrent, schedIrqOff, schedIrqRestore, schedule, schedWake } from "./scheduler.ts";
import { spinFree, spinInit, SpinLock, spinLock, spinUnlock } from "./spinlock.ts";
import { thread, ThreadState } from "./thread_table.ts";
import { WaitQueue, wqPop, wqPush } from "./wait_queue.ts";

export class Mutex {
  lock: SpinLock = new SpinLock();
  /** The owning thread (0 = unlocked). */
  owner: u32 = u32(0);
  waiters: WaitQueue = new WaitQueue();
  /** Times a locker had to wait. */
  contended: u64 = u64(0n);
}

export function mutexInit(m: Mutex): void {
  spinInit(m.lock);
  m.owner = u32(0);
}

/** Releases m's lock word (m must be unlocked with no waiters). */
export function mutexDestroy(m: Mutex): void {
  if (m.owner !== 0) {
    panic("sched: destroying a locked mutex");
  }
  spinFree(m.lock);
}

/** Takes m, waiting as long as it takes. */
export function mutexLock(m: Mutex): void {
  const self = schedCurrent();
  const s = schedIrqOff();
  const l = spinLock(m.lock);
  if (m.owner === 0) {
    m.owner = self;
    spinUnlock(m.lock, l);
    schedIrqRestore(s);
    return;
  }
  if (m.owner === self) {
    panic("sched: mutex locked twice by its owner");
  }
  m.contended = u64(m.contended + 1n);
  wqPush(m.waiters, self);
  const me = thread(self);
  me.state = ThreadState.BLOCKED;
  spinUnlock(m.lock, l);
  schedule();
  schedIrqRestore(s);
  // Woken by mutexUnlock's handoff: m.owner is self.
}

/** Takes m if it is free; true if taken. */
export function mutexTryLock(m: Mutex): boolean {
  const self = schedCurrent();
  const l = spinLock(m.lock);
  const free = m.owner === 0;
  if (free) {
    m.owner = self;
  }
  spinUnlock(m.lock, l);
  return free;
}

/** Releases m (the caller must own it): the first waiter becomes the owner and is woken. */
export function mutexUnlock(m: Mutex): void {
  const self = schedCurrent();
  const l = spinLock(m.lock);
  if (m.owner !== self) {
    panic("sched: mutex unlocked by a thread that does not own it");
  }
  const next = wqPop(m.waiters);
  m.owner = next;
  spinUnlock(m.lock, l);
  if (next !== 0) {
    schedWake(next, u64(0n));
  }
}

/** The owner of m (0 = unlocked): a snapshot, for assertions. */
export function mutexOwner(m: Mutex): u32 {
  return m.owner;
}
