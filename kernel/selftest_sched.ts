// Boot self-tests of threads, the scheduler and synchronization (kernel/sched), switched on by
// `--test-threads` on the command line (the coordinator wires the flag in kernel/main.ts, after
// schedInit). They run on the boot thread ("main") and print one result line each, then
// `sched: ok`; a failure panics with what failed, and a hang (a thread never scheduled again)
// is caught by the boot test's timeout. Written to pass at -smp 1 (where only preemption lets
// the spinning thread's neighbours run) and unchanged at -smp 2 and 4 (threads spread over the
// CPUs, so the mutex, condvar and wakeups are exercised across CPUs, with reschedule IPIs).
//   counter   COUNTER_THREADS threads each add 1 COUNTER_ROUNDS times to a shared counter
//             under a mutex, yielding now and then with and without it held (so waiters queue
//             and handoff happens even on one CPU): the total must be exact.
//   condvar   a producer sends 1..ITEMS through an 8-slot ring guarded by a mutex and two
//             condvars (not full / not empty) to a consumer, which checks every item arrives
//             once and in order.
//   sleep     threadSleepNs(20 ms), measured with the platform clock: at least 20 ms and at
//             most SLEEP_SLACK_NS more (QEMU TCG is slow and noisy); prints the measured ns.
//   join      a joined thread's exit value comes back, a detached thread frees its own entry.
//   preempt   a thread spins without yielding on the boot thread's CPU while a second thread
//             there counts and yields; the boot thread sleeps, then both must have made
//             progress and the boot thread must have run again: only the time-slice timer can
//             take the CPU from the spinner.

import { u32, u64, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { cpuRelax, fenceAcquire } from "./intrinsics.ts";
import { klog } from "./klog.ts";
import { panic } from "./panic.ts";
import {
  Condvar,
  condvarInit,
  condvarSignal,
  condvarWait,
  Mutex,
  mutexInit,
  mutexLock,
  mutexUnlock,
  schedCpuIndex,
  schedNowNs,
  threadCreate,
  threadCreateOn,
  threadDetach,
  threadJoin,
  threadSleepNs,
  ThreadState,
  threadState,
  threadYield,
} from "./sched/mod.ts";

const COUNTER_THREADS: u32 = u32(8);
const COUNTER_ROUNDS: u32 = u32(2000);
const ITEMS: u32 = u32(1000);
const RING: u32 = u32(8);
const SLEEP_NS: u64 = u64(20000000n);
const SLEEP_SLACK_NS: u64 = u64(40000000n);
const MS: u64 = u64(1000000n);

class SchedTestState {
  lock: Mutex = new Mutex();
  counter: u64 = u64(0n);
  ringLock: Mutex = new Mutex();
  notFull: Condvar = new Condvar();
  notEmpty: Condvar = new Condvar();
  ring: FixedArray<u32> = new FixedArray<u32>(8, u32(0));
  ringHead: u32 = u32(0);
  ringCount: u32 = u32(0);
  received: u32 = u32(0);
  outOfOrder: u32 = u32(0);
  detachedRan: boolean = false;
  stop: boolean = false;
  spins: u64 = u64(0n);
  steps: u64 = u64(0n);
}

const st: SchedTestState = new SchedTestState();
const ids = new FixedArray<u32>(8, u32(0));

/** Runs every thread self-test; panics on the first failure. */
export function selftestThreads(): void {
  mutexInit(st.lock);
  mutexInit(st.ringLock);
  condvarInit(st.notFull);
  condvarInit(st.notEmpty);
  testCounter();
  testCondvar();
  testSleep();
  testJoinDetach();
  testPreempt();
  klog("sched: ok");
}

function counterBody(arg: u64): u64 {
  for (let i = u32(0); i < COUNTER_ROUNDS; i = u32(i + 1)) {
    mutexLock(st.lock);
    st.counter = u64(st.counter + 1n);
    if (u32(i % 97) === 0) {
      threadYield(); // with the mutex held: the others queue on it
    }
    mutexUnlock(st.lock);
    if (u32(i % 31) === 0) {
      threadYield();
    }
  }
  return arg;
}

function testCounter(): void {
  st.counter = u64(0n);
  for (let i = u32(0); i < COUNTER_THREADS; i = u32(i + 1)) {
    const t = threadCreate(counterBody, u64(i), "counter");
    if (t === 0) {
      panic("sched: counter: threadCreate failed");
    }
    ids.set(usize(i), t);
  }
  for (let i = u32(0); i < COUNTER_THREADS; i = u32(i + 1)) {
    const v = threadJoin(ids.get(usize(i)));
    if (v !== u64(i)) {
      panic("sched: counter: a thread's exit value is wrong");
    }
  }
  const want = u64(u64(COUNTER_THREADS) * u64(COUNTER_ROUNDS));
  klog(`sched: counter: ${COUNTER_THREADS} threads x ${COUNTER_ROUNDS} = ${st.counter}`);
  if (st.counter !== want) {
    panic("sched: counter: lost or extra increments under the mutex");
  }
}

function producerBody(_arg: u64): u64 {
  for (let item = u32(1); item <= ITEMS; item = u32(item + 1)) {
    mutexLock(st.ringLock);
    while (st.ringCount === RING) {
      condvarWait(st.notFull, st.ringLock);
    }
    st.ring.set(usize(u32(st.ringHead + st.ringCount) % RING), item);
    st.ringCount = u32(st.ringCount + 1);
    condvarSignal(st.notEmpty);
    mutexUnlock(st.ringLock);
  }
  return u64(0n);
}

function consumerBody(_arg: u64): u64 {
  for (let want = u32(1); want <= ITEMS; want = u32(want + 1)) {
    mutexLock(st.ringLock);
    while (st.ringCount === 0) {
      condvarWait(st.notEmpty, st.ringLock);
    }
    const item = st.ring.get(usize(st.ringHead));
    st.ringHead = u32(u32(st.ringHead + 1) % RING);
    st.ringCount = u32(st.ringCount - 1);
    condvarSignal(st.notFull);
    mutexUnlock(st.ringLock);
    if (item !== want) {
      st.outOfOrder = u32(st.outOfOrder + 1);
    }
    st.received = u32(st.received + 1);
  }
  return u64(0n);
}

function testCondvar(): void {
  const c = threadCreate(consumerBody, u64(0n), "consumer");
  const p = threadCreate(producerBody, u64(0n), "producer");
  if (c === 0 || p === 0) {
    panic("sched: condvar: threadCreate failed");
  }
  threadJoin(p);
  threadJoin(c);
  klog(`sched: condvar: ${st.received} items received, ${st.outOfOrder} out of order`);
  if (st.received !== ITEMS || st.outOfOrder !== 0 || st.ringCount !== 0) {
    panic("sched: condvar: items lost, repeated or out of order");
  }
}

function testSleep(): void {
  const t0 = schedNowNs();
  threadSleepNs(SLEEP_NS);
  const dt = u64(schedNowNs() - t0);
  klog(`sched: sleep ${SLEEP_NS} ns took ${dt} ns`);
  if (dt < SLEEP_NS) {
    panic("sched: sleep: woke up early");
  }
  if (dt > u64(SLEEP_NS + SLEEP_SLACK_NS)) {
    panic("sched: sleep: woke up far too late");
  }
}

function tripleBody(arg: u64): u64 {
  return u64(arg * 3n);
}

function detachedBody(_arg: u64): u64 {
  st.detachedRan = true;
  return u64(0n);
}

function testJoinDetach(): void {
  const j = threadCreate(tripleBody, u64(14n), "joined");
  const d = threadCreate(detachedBody, u64(0n), "detached");
  if (j === 0 || d === 0) {
    panic("sched: join: threadCreate failed");
  }
  threadDetach(d);
  const v = threadJoin(j);
  // The detached thread exits on its own; give it up to a second.
  for (let i = u32(0); i < 100 && threadState(d) !== ThreadState.FREE; i = u32(i + 1)) {
    threadSleepNs(u64(10n * MS));
  }
  const freed = threadState(d) === ThreadState.FREE && threadState(j) === ThreadState.FREE;
  klog(`sched: join: exit value ${v}, detached thread ran=${st.detachedRan} freed=${freed}`);
  if (v !== 42n || !st.detachedRan || !freed) {
    panic("sched: join/detach failed");
  }
}

function spinnerBody(_arg: u64): u64 {
  while (true) {
    fenceAcquire();
    if (st.stop) {
      break;
    }
    st.spins = u64(st.spins + 1n);
    cpuRelax();
  }
  return u64(0n);
}

function stepperBody(_arg: u64): u64 {
  while (true) {
    fenceAcquire();
    if (st.stop) {
      break;
    }
    st.steps = u64(st.steps + 1n);
    threadYield();
  }
  return u64(0n);
}

function testPreempt(): void {
  const here = schedCpuIndex();
  st.stop = false;
  const s = threadCreateOn(spinnerBody, u64(0n), "spinner", here);
  const p = threadCreateOn(stepperBody, u64(0n), "stepper", here);
  if (s === 0 || p === 0) {
    panic("sched: preempt: threadCreate failed");
  }
  threadSleepNs(u64(100n * MS));
  // Running again means the spinner was preempted at least once.
  const spins = st.spins;
  const steps = st.steps;
  st.stop = true;
  threadJoin(s);
  threadJoin(p);
  klog(`sched: preempt: spinner ${spins} spins, neighbour ${steps} steps`);
  if (spins === 0n || steps === 0n) {
    panic("sched: preempt: a thread made no progress");
  }
}
