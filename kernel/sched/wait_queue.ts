// Wait queues: FIFO lists of blocked threads, the building block of mutexes, condition
// variables, semaphores, futexes and join.
//
// Intrusive and doubly linked through the thread table (Thread.wqNext/wqPrev, ids, 0 = none),
// so a waiter can be taken out of the middle in O(1) (a futex timeout) and a queue costs two
// ids. A thread is on at most one wait queue at a time (Thread.wqOn says whether it is on one).
// No lock of its own: the structure that holds the queue (a Mutex, a Condvar, a futex bucket)
// has a spinlock, and every function here expects the caller to hold it. Blocking and waking
// are not done here: callers mark the thread BLOCKED and call schedule() (scheduler.ts
// schedBlock), wakers take a thread off and call schedWake.

import { u32 } from "../int.ts";
import { panic } from "../panic.ts";
import { thread } from "./thread_table.ts";

export class WaitQueue {
  head: u32 = u32(0);
  tail: u32 = u32(0);
}

/** True if nobody waits on q. */
export function wqEmpty(q: WaitQueue): boolean {
  return q.head === 0;
}

/** Appends t (on no wait queue) at the tail. */
export function wqPush(q: WaitQueue, t: u32): void {
  const th = thread(t);
  if (th.wqOn) {
    panic("sched: thread already on a wait queue");
  }
  th.wqOn = true;
  th.wqNext = u32(0);
  th.wqPrev = q.tail;
  if (q.tail === 0) {
    q.head = t;
  } else {
    const last = thread(q.tail);
    last.wqNext = t;
  }
  q.tail = t;
}

/** Removes t, which must be on q. */
export function wqRemove(q: WaitQueue, t: u32): void {
  const th = thread(t);
  if (!th.wqOn) {
    panic("sched: removing a thread that is on no wait queue");
  }
  if (th.wqPrev === 0) {
    q.head = th.wqNext;
  } else {
    const pt = thread(th.wqPrev);
    pt.wqNext = th.wqNext;
  }
  if (th.wqNext === 0) {
    q.tail = th.wqPrev;
  } else {
    const nt = thread(th.wqNext);
    nt.wqPrev = th.wqPrev;
  }
  th.wqNext = u32(0);
  th.wqPrev = u32(0);
  th.wqOn = false;
}

/** Removes and returns the first waiter (0 if none). */
export function wqPop(q: WaitQueue): u32 {
  const t = q.head;
  if (t !== 0) {
    wqRemove(q, t);
  }
  return t;
}

/** The first waiter without removing it (0 if none). */
export function wqPeek(q: WaitQueue): u32 {
  return q.head;
}

/** The waiter after t on its queue (0 at the end). */
export function wqNextOf(t: u32): u32 {
  return thread(t).wqNext;
}
