// Condition variables: wait for a condition guarded by a mutex; signal wakes one waiter,
// broadcast all, in FIFO order.
//
// condvarWait(cv, m), with m held: under cv's spinlock the caller joins cv's wait queue and
// becomes BLOCKED, then it releases m and schedules away; woken, it takes m again (mutexLock)
// before returning. Joining the queue before releasing m is what makes the wait atomic with
// respect to the condition: a thread that changes the condition under m and then signals
// finds the waiter queued. The caller re-checks its condition in a loop (wakeups are not a
// promise that the condition holds: another thread may take m first). No wait morphing (moving
// waiters onto the mutex's queue, as OSv does): it would need the condvar to refer to its
// mutex, and a class field cannot hold a reference in the subset. Signal and broadcast may be
// called with or without m held; from interrupt context too (they never block).
// Under a simulated platform the re-lock after the switch runs at once, as the thread that
// took over: the simulated tests drive the two halves separately (condvarWaitBegin, then
// mutexLock when the waiter is current again).

import { u32 } from "../int.ts";
import { u64 } from "../int.ts";
import { schedCurrent, schedIrqOff, schedIrqRestore, schedule, schedWake } from "./scheduler.ts";
import { Mutex, mutexLock, mutexUnlock } from "./mutex.ts";
import { spinFree, spinInit, SpinLock, spinLock, spinUnlock } from "./spinlock.ts";
import { thread, ThreadState } from "./thread_table.ts";
import { WaitQueue, wqPop, wqPush } from "./wait_queue.ts";

export class Condvar {
  lock: SpinLock = new SpinLock();
  waiters: WaitQueue = new WaitQueue();
}

export function condvarInit(cv: Condvar): void {
  spinInit(cv.lock);
}

export function condvarDestroy(cv: Condvar): void {
  spinFree(cv.lock);
}

/** Releases m, waits for a signal, takes m again. The caller holds m. */
export function condvarWait(cv: Condvar, m: Mutex): void {
  const s = schedIrqOff();
  condvarWaitBegin(cv, m);
  schedule();
  schedIrqRestore(s);
  mutexLock(m);
}

/** The first half of condvarWait, up to the switch: queued, BLOCKED, m released. Interrupts
 *  must be off (the caller schedules next). */
export function condvarWaitBegin(cv: Condvar, m: Mutex): void {
  const self = schedCurrent();
  const l = spinLock(cv.lock);
  wqPush(cv.waiters, self);
  const me = thread(self);
  me.state = ThreadState.BLOCKED;
  spinUnlock(cv.lock, l);
  mutexUnlock(m);
}

/** Wakes the first waiter, if any; true if one was woken. */
export function condvarSignal(cv: Condvar): boolean {
  const l = spinLock(cv.lock);
  const t = wqPop(cv.waiters);
  spinUnlock(cv.lock, l);
  if (t === 0) {
    return false;
  }
  schedWake(t, u64(0n));
  return true;
}

/** Wakes every waiter; returns how many. */
export function condvarBroadcast(cv: Condvar): u32 {
  let n = u32(0);
  while (condvarSignal(cv)) {
    n = u32(n + 1);
  }
  return n;
}
