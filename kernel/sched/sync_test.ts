// Spinlocks, mutexes, condition variables, semaphores and futexes over the simulated platform.
// A blocking call returns at its switch under the simulation; the test then acts as the thread
// the scheduler picked (schedCurrent()).

import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import { irqRestore, irqSave, machine, store32 } from "../intrinsics.ts";
import { Errno } from "../errno.ts";
import { expectPanic, SIM_RAM, SIM_RAM_BYTES, simAdvance, simBoot } from "./sched_sim.ts";
import { schedCurrent, schedule } from "./scheduler.ts";
import { threadCreate, threadYield } from "./thread.ts";
import { thread, ThreadState } from "./thread_table.ts";
import {
  lockPoolUsed,
  spinFree,
  spinHeld,
  spinInit,
  SpinLock,
  spinLock,
  spinUnlock,
} from "./spinlock.ts";
import { Mutex, mutexInit, mutexLock, mutexOwner, mutexTryLock, mutexUnlock } from "./mutex.ts";
import {
  Condvar,
  condvarBroadcast,
  condvarInit,
  condvarSignal,
  condvarWaitBegin,
} from "./condvar.ts";
import { Semaphore, semCount, semInit, semPost, semTryWait, semWait } from "./semaphore.ts";
import { futexWait, futexWaiters, futexWake } from "./futex.ts";

const MAIN = 1;

function body(arg: u64): u64 {
  return arg;
}

/** Creates n threads (ids 3, 4, ... after main and idle). */
function spawn(n: number): u32[] {
  const ids: u32[] = [];
  for (let i = 0; i < n; i++) ids.push(threadCreate(body, u64(0n), "t"));
  return ids;
}

Deno.test("spinlock: masks interrupts while held and restores them; words come from the pool", () => {
  simBoot();
  const used = lockPoolUsed();
  const l = new SpinLock();
  spinInit(l);
  assert.equal(lockPoolUsed(), used + 1);
  assert.ok(machine.irqEnabled);
  const s = spinLock(l);
  assert.equal(s, 1n);
  assert.ok(spinHeld(l) && !machine.irqEnabled);
  const l2 = new SpinLock();
  spinInit(l2);
  const s2 = spinLock(l2); // nested: interrupts already off
  assert.equal(s2, 0n);
  spinUnlock(l2, s2);
  assert.ok(!machine.irqEnabled, "the inner unlock keeps them off");
  spinUnlock(l, s);
  assert.ok(!spinHeld(l) && machine.irqEnabled);
  spinFree(l2);
  spinFree(l);
  assert.equal(lockPoolUsed(), used);
  expectPanic(() => spinLock(new SpinLock()), "sched: spinLock on an uninitialised lock");
});

Deno.test("mutex: waiters get the mutex handed over in FIFO order", () => {
  simBoot();
  const m = new Mutex();
  mutexInit(m);
  mutexLock(m);
  assert.equal(mutexOwner(m), MAIN);
  const [a, b] = spawn(2);
  threadYield(); // -> a
  assert.equal(schedCurrent(), a);
  assert.equal(mutexTryLock(m), false);
  mutexLock(m); // a blocks -> b
  assert.equal(thread(a).state, ThreadState.BLOCKED);
  assert.equal(schedCurrent(), b);
  mutexLock(m); // b blocks -> main
  assert.equal(schedCurrent(), MAIN);
  mutexUnlock(m);
  assert.equal(mutexOwner(m), a, "handed to the first waiter");
  assert.equal(thread(a).state, ThreadState.RUNNABLE);
  assert.equal(thread(b).state, ThreadState.BLOCKED);
  mutexLock(m); // main queues behind b -> a runs
  assert.equal(schedCurrent(), a);
  mutexUnlock(m);
  assert.equal(mutexOwner(m), b);
  threadYield(); // a -> b
  assert.equal(schedCurrent(), b);
  mutexUnlock(m);
  assert.equal(mutexOwner(m), MAIN);
  assert.equal(m.contended, 3n);
  expectPanic(() => mutexUnlock(m), "sched: mutex unlocked by a thread that does not own it");
});

Deno.test("mutex: locking a mutex one owns panics", () => {
  simBoot();
  const m = new Mutex();
  mutexInit(m);
  mutexLock(m);
  expectPanic(() => mutexLock(m), "sched: mutex locked twice by its owner");
});

/** condvarWait up to its switch, as the scheduler would run it. */
function waitBegin(cv: Condvar, m: Mutex): void {
  const s = irqSave();
  condvarWaitBegin(cv, m);
  schedule();
  irqRestore(s);
}

Deno.test("condvar: wait releases the mutex; signal wakes one in FIFO order, broadcast all", () => {
  simBoot();
  const m = new Mutex();
  mutexInit(m);
  const cv = new Condvar();
  condvarInit(cv);
  const [a, b, c] = spawn(3);
  threadYield(); // -> a
  mutexLock(m);
  waitBegin(cv, m); // a waits -> b
  assert.equal(mutexOwner(m), 0, "the wait released the mutex");
  assert.equal(schedCurrent(), b);
  mutexLock(m);
  waitBegin(cv, m); // b waits -> c
  assert.equal(schedCurrent(), c);
  mutexLock(m);
  waitBegin(cv, m); // c waits -> main
  assert.equal(schedCurrent(), MAIN);
  mutexLock(m);
  assert.equal(condvarSignal(cv), true);
  assert.equal(thread(a).state, ThreadState.RUNNABLE);
  assert.equal(thread(b).state, ThreadState.BLOCKED);
  assert.equal(condvarBroadcast(cv), 2);
  assert.equal(condvarSignal(cv), false);
  mutexUnlock(m);
  threadYield(); // -> a, which takes the mutex again as condvarWait's second half
  assert.equal(schedCurrent(), a);
  mutexLock(m);
  assert.equal(mutexOwner(m), a);
});

Deno.test("condvar: a signal with no waiter is lost (callers re-check their condition)", () => {
  simBoot();
  const cv = new Condvar();
  condvarInit(cv);
  assert.equal(condvarSignal(cv), false);
  assert.equal(condvarBroadcast(cv), 0);
});

Deno.test("semaphore: units are counted, and handed to waiters in FIFO order", () => {
  simBoot();
  const s = new Semaphore();
  semInit(s, u32(1));
  semWait(s);
  assert.equal(semCount(s), 0);
  assert.equal(semTryWait(s), false);
  const [a, b] = spawn(2);
  threadYield(); // -> a
  semWait(s); // a blocks -> b
  semWait(s); // b blocks -> main
  assert.equal(schedCurrent(), MAIN);
  semPost(s);
  assert.equal(thread(a).state, ThreadState.RUNNABLE);
  assert.equal(thread(b).state, ThreadState.BLOCKED);
  assert.equal(semCount(s), 0, "handed over, not counted");
  semPost(s);
  assert.equal(thread(b).state, ThreadState.RUNNABLE);
  semPost(s);
  assert.equal(semCount(s), 1);
  assert.equal(semTryWait(s), true);
});

const WORD = usize(SIM_RAM + SIM_RAM_BYTES - 256);
const OTHER = usize(WORD + 128); // same bucket (32 buckets of 4-byte words)

Deno.test("futex: wait checks the value; wake wakes at most n waiters of that address", () => {
  simBoot();
  store32(WORD, u32(5));
  store32(OTHER, u32(5));
  assert.equal(futexWait(WORD, u32(6), u64(0n)), Errno.EAGAIN);
  assert.equal(futexWait(usize(WORD + 2), u32(5), u64(0n)), Errno.EINVAL);
  const [a, b, c] = spawn(3);
  threadYield(); // -> a
  futexWait(WORD, u32(5), u64(0n)); // -> b
  futexWait(WORD, u32(5), u64(0n)); // -> c
  futexWait(OTHER, u32(5), u64(0n)); // -> main
  assert.equal(schedCurrent(), MAIN);
  assert.equal(futexWaiters(WORD), 2);
  assert.equal(futexWake(WORD, u32(1)), 1);
  assert.equal(thread(a).state, ThreadState.RUNNABLE);
  assert.equal(thread(b).state, ThreadState.BLOCKED);
  assert.equal(futexWake(WORD, u32(10)), 1, "only b is left on WORD");
  assert.equal(thread(c).state, ThreadState.BLOCKED, "a waiter of another word in the bucket");
  assert.equal(futexWaiters(OTHER), 1);
  assert.equal(futexWake(OTHER, u32(0)), 0);
  assert.equal(futexWake(OTHER, u32(1)), 1);
  assert.equal(thread(a).wakeValue, 0n);
});

Deno.test("futex: a timeout wakes the waiter with ETIMEDOUT; a wake cancels the timeout", () => {
  simBoot();
  store32(WORD, u32(0));
  const [a, b] = spawn(2);
  threadYield(); // -> a
  futexWait(WORD, u32(0), u64(5000000n)); // -> b
  futexWait(WORD, u32(0), u64(8000000n)); // -> main
  assert.equal(schedCurrent(), MAIN);
  assert.equal(futexWake(WORD, u32(0)), 0);
  simAdvance(5000000n);
  assert.equal(thread(a).state, ThreadState.RUNNABLE);
  assert.equal(thread(a).wakeValue, 1n, "timed out");
  assert.equal(futexWaiters(WORD), 1);
  assert.equal(futexWake(WORD, u32(5)), 1, "the timed-out waiter is not counted");
  assert.equal(thread(b).wakeValue, 0n);
  simAdvance(10000000n);
  assert.equal(thread(b).wakeValue, 0n, "b's timeout was cancelled by the wake");
});
