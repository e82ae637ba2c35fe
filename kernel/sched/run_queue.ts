// A CPU's run queue: the runnable threads of that CPU in FIFO order.
//
// Policy: round robin with a fixed time slice (scheduler.ts, SCHED_SLICE_NS). A thread that is
// preempted or yields goes to the tail, a woken thread to the tail, the head runs next. Why not
// OSv's runtime-based fairness (each thread's decaying CPU time, lowest first): with equal
// threads both give equal shares, and FIFO is O(1) with no clock reads per decision and no
// arithmetic to get wrong; what FIFO lacks is a boost for threads that mostly sleep (latency of
// I/O-bound threads under load), which can be added later as a second queue without changing
// the callers. The idle thread is never on a queue: the scheduler runs it when the queue is
// empty.
//
// The list is intrusive (Thread.rqNext, ids, 0 = end: the subset has no references in fields).
// Every function here expects the caller to hold q.lock (with interrupts off): the queue of a
// CPU is changed by that CPU (schedule) and by any CPU that wakes one of its threads.

import { u32 } from "../int.ts";
import { panic } from "../panic.ts";
import { SpinLock } from "./spinlock.ts";
import { thread } from "./thread_table.ts";

export class RunQueue {
  lock: SpinLock = new SpinLock();
  head: u32 = u32(0);
  tail: u32 = u32(0);
  count: u32 = u32(0);
}

/** Appends thread t (not on any run queue) at the tail. */
export function rqPush(q: RunQueue, t: u32): void {
  const th = thread(t);
  if (th.isIdle) {
    panic("sched: idle thread on a run queue");
  }
  th.rqNext = u32(0);
  if (q.tail === 0) {
    q.head = t;
  } else {
    const last = thread(q.tail);
    last.rqNext = t;
  }
  q.tail = t;
  q.count = u32(q.count + 1);
}

/** Removes and returns the head (0 if the queue is empty). */
export function rqPop(q: RunQueue): u32 {
  const t = q.head;
  if (t === 0) {
    return u32(0);
  }
  const th = thread(t);
  q.head = th.rqNext;
  if (q.head === 0) {
    q.tail = u32(0);
  }
  th.rqNext = u32(0);
  q.count = u32(q.count - 1);
  return t;
}

/** Removes t from the queue if it is there; true if it was. O(length). */
export function rqRemove(q: RunQueue, t: u32): boolean {
  let prev = u32(0);
  let cur = q.head;
  while (cur !== 0) {
    const next = thread(cur).rqNext;
    if (cur === t) {
      if (prev === 0) {
        q.head = next;
      } else {
        const pt = thread(prev);
        pt.rqNext = next;
      }
      if (q.tail === t) {
        q.tail = prev;
      }
      const tt = thread(t);
      tt.rqNext = u32(0);
      q.count = u32(q.count - 1);
      return true;
    }
    prev = cur;
    cur = next;
  }
  return false;
}
