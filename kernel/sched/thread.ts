// Threads: create, exit, join, detach, yield, sleep; the entry of every new thread; and
// schedInit, which adopts the boot context as the first thread.
//
// threadCreate reserves a table entry, whose id names its stack region in the stack arena
// (stack_arena.ts: guard page unmapped at schedInit, stack, meta block with the saved SP and
// FPU area), prepares the stack with the platform's initStack (contextInit: the first
// switch-in starts threadEntry), copies the creator's FPU/SIMD state as the new thread's
// initial state (a valid control word: a zeroed x86 FXSAVE image would unmask every SIMD
// exception) and queues the thread on the least loaded online CPU, or on the one asked for.
// A full thread table is a value: id 0.
//
// threadEntry (C symbol kernel_sched_thread__threadEntry, called by arch/<ARCH>/switch.S's
// trampoline) finishes the switch, enables interrupts, runs body(arg) and exits with its value.
// threadExit marks the thread EXITING and schedules away for good; the next thread on its CPU
// reaps it (scheduler.ts schedFinishSwitch: exit value handed to a joiner, or kept in a ZOMBIE
// entry until threadJoin or threadDetach). A joined or detached thread's entry is
// freed by whichever of them comes last. On metal threadExit never returns; under a simulated
// platform (switchTo returns) it does, with the thread already gone.
//
// Blocking calls (join, sleep) hand over everything the waiter needs before waking it (the
// exit value in Thread.wakeValue), so nothing after the switch depends on shared state: the
// same holds for the synchronization primitives (mutex handoff, semaphore handoff, futex
// result).

import { u32, u64, usize } from "../int.ts";
import { CPU_MAX } from "../cpu.ts";
import { irqSetRescheduleHandler, irqSetTimerHandler } from "../irq.ts";
import { panic } from "../panic.ts";
import { SchedPlatform, schedPlatform, schedPlatformSet } from "./platform.ts";
import { spSlotWrite } from "./raw.ts";
import {
  schedArmSlice,
  schedCpu,
  schedCpuInit,
  schedCpuOffline,
  schedCpuOnline,
  schedCurrent,
  schedFinishSwitch,
  schedIdleOnce,
  schedIrqOff,
  schedIrqRestore,
  schedRescheduleInterrupt,
  schedTimerInterrupt,
  schedule,
  schedWake,
  schedYield,
} from "./scheduler.ts";
import { lockPoolInit, spinInit, spinLock, spinUnlock } from "./spinlock.ts";
import {
  thread,
  THREAD_MAX,
  threadClear,
  threadExists,
  type ThreadFn,
  threadFpuArea,
  threadLock,
  threadSpSlot,
  ThreadState,
} from "./thread_table.ts";
import { futexInit } from "./futex.ts";
import {
  stackArenaInit,
  stackArenaRegions,
  stackBytes,
  stackRegion,
  stackTop,
} from "./stack_arena.ts";
import { TIMER_SLICE_BASE, timerArmIn, timerInit, timerSet } from "./timer.ts";

/** threadCreateOn's cpu for "any online CPU". */
export const CPU_ANY: u32 = u32(0xffffffff);

/** Sets up the scheduler on the boot CPU: platform, lock pool, timers, the boot context as
 *  thread "main" (running), an idle thread for CPU 0, and the interrupt handlers. cpus is the
 *  number of CPUs that may come online (schedStartSecondary). Panics if memory is out. */
export function schedInit(p: SchedPlatform, cpuCount: u32): void {
  if (cpuCount === 0 || cpuCount > CPU_MAX || cpuCount > 8) {
    panic("sched: bad CPU count");
  }
  if (TIMER_SLICE_BASE < THREAD_MAX) {
    panic("sched: thread timers overlap the slice timers");
  }
  schedPlatformSet(p);
  if (!lockPoolInit()) {
    panic("sched: out of memory for the lock pool");
  }
  if (!stackArenaInit()) {
    panic("sched: cannot set up the stack arena");
  }
  spinInit(threadLock);
  for (let i = u32(0); i < THREAD_MAX; i = u32(i + 1)) {
    threadClear(thread(i));
  }
  timerInit(cpuCount);
  futexInit();
  for (let c = u32(0); c < cpuCount; c = u32(c + 1)) {
    schedCpuInit(c);
  }
  for (let c = cpuCount; c < 8; c = u32(c + 1)) {
    schedCpuOffline(c);
  }
  const main = adopt("main", u32(0));
  const idle = createThread(idleBody, u64(0n), "idle0", u32(0), true);
  if (main === 0 || idle === 0) {
    panic("sched: out of memory for the first threads");
  }
  schedCpuOnline(u32(0), main, idle);
  schedArmSlice();
  irqSetTimerHandler(schedTimerInterrupt);
  irqSetRescheduleHandler(schedRescheduleInterrupt);
}

/** Called on a secondary CPU once its per-CPU state (cpuIndex) and timer work, with interrupts
 *  off: adopts the running context as that CPU's idle thread and idles forever. */
export function schedStartSecondary(): void {
  schedSecondaryOnline();
  idleBody(u64(0n));
}

/** The first half of schedStartSecondary: the calling CPU's context becomes its idle thread
 *  and the CPU is online (threads may be created on it). Returns the idle thread's id. */
export function schedSecondaryOnline(): u32 {
  const c = schedPlatform.cpuIndex();
  if (c >= 8 || c === 0) {
    panic("sched: schedStartSecondary on a bad CPU");
  }
  const idle = adopt("idle", c);
  if (idle === 0) {
    panic("sched: out of memory for an idle thread");
  }
  const it = thread(idle);
  it.isIdle = true;
  schedCpuOnline(c, idle, idle);
  return idle;
}

/** Enters the running context as a thread of cpu c (RUNNING, on its own stack; its region's
 *  meta block holds its saved SP and FPU area); 0 if the table is full. */
function adopt(name: string, c: u32): u32 {
  const id = reserve();
  if (id === 0) {
    return u32(0);
  }
  const th = thread(id);
  th.name = name;
  th.cpu = c;
  th.meta = stackTop(id);
  th.state = ThreadState.RUNNING;
  return id;
}

/** The idle loop (never returns on metal). */
function idleBody(_arg: u64): u64 {
  while (true) {
    schedIdleOnce();
  }
}

/** Creates a thread running body(arg) on any online CPU; its id, or 0 if the thread table is
 *  full. */
export function threadCreate(body: ThreadFn, arg: u64, name: string): u32 {
  return createThread(body, arg, name, CPU_ANY, false);
}

/** As threadCreate, on cpu (CPU_ANY: the least loaded online CPU); 0 also if cpu is offline. */
export function threadCreateOn(body: ThreadFn, arg: u64, name: string, cpu: u32): u32 {
  return createThread(body, arg, name, cpu, false);
}

function createThread(body: ThreadFn, arg: u64, name: string, cpu: u32, idle: boolean): u32 {
  const c = cpu === CPU_ANY ? leastLoadedCpu() : cpu;
  if (!idle && (c >= CPU_MAX || !schedCpu(c).online)) {
    return u32(0);
  }
  const id = reserve();
  if (id === 0) {
    return u32(0);
  }
  const th = thread(id);
  const top = stackTop(id);
  th.stackBase = stackRegion(id);
  th.meta = top;
  th.body = body;
  th.arg = arg;
  th.name = name;
  th.cpu = c;
  th.isIdle = idle;
  const sp = schedPlatform.initStack(top);
  spSlotWrite(threadSpSlot(th), sp);
  const fpu = threadFpuArea(th);
  schedPlatform.fpuSave(fpu);
  if (!idle) {
    th.state = ThreadState.BLOCKED;
    schedWake(id, u64(0n));
  } else {
    th.state = ThreadState.RUNNABLE;
  }
  return id;
}

/** Bytes of usable stack below a thread's meta block (for tests and reports). */
export function threadStackBytes(): usize {
  return stackBytes();
}

/** A FREE entry turned EMBRYO, or 0 if the table is full. */
function reserve(): u32 {
  const l = spinLock(threadLock);
  let id = u32(0);
  const limit = stackArenaRegions();
  for (let i = u32(1); i < limit; i = u32(i + 1)) {
    if (thread(i).state === ThreadState.FREE) {
      const th = thread(i);
      threadClear(th);
      th.state = ThreadState.EMBRYO;
      id = i;
      break;
    }
  }
  spinUnlock(threadLock, l);
  return id;
}

/** The online CPU with the fewest queued threads (a racy snapshot: a heuristic). */
function leastLoadedCpu(): u32 {
  let best = u32(0);
  let bestLoad = u32(0xffffffff);
  for (let c = u32(0); c < CPU_MAX && c < 8; c = u32(c + 1)) {
    const cs = schedCpu(c);
    if (!cs.online) {
      continue;
    }
    let load = cs.rq.count;
    if (cs.current !== cs.idle) {
      load = u32(load + 1);
    }
    if (load < bestLoad) {
      best = c;
      bestLoad = load;
    }
  }
  return best;
}

/** Where every new thread starts (switch.S's trampoline calls it): finishes the switch,
 *  enables interrupts, runs the body and exits with its result. */
export function threadEntry(): void {
  schedFinishSwitch();
  schedPlatform.irqEnable();
  const th = thread(schedCurrent());
  const v = th.body(th.arg);
  threadExit(v);
}

/** Ends the calling thread with exit value v (for threadJoin). Does not return on metal. */
export function threadExit(v: u64): void {
  schedIrqOff();
  const self = schedCurrent();
  const th = thread(self);
  if (th.isIdle) {
    panic("sched: the idle thread cannot exit");
  }
  const l = spinLock(threadLock);
  th.exitValue = v;
  th.state = ThreadState.EXITING;
  spinUnlock(threadLock, l);
  schedule();
}

/** Waits for thread t to exit and returns its exit value; t's entry is freed. Panics on a
 *  thread that does not exist, is detached, already has a joiner, or is the caller. */
export function threadJoin(t: u32): u64 {
  const self = schedCurrent();
  if (t === self || !threadExists(t)) {
    panic("sched: join of a thread that cannot be joined");
  }
  const s = schedIrqOff();
  const l = spinLock(threadLock);
  const th = thread(t);
  if (th.detached || th.joiner !== 0) {
    panic("sched: join of a detached or already joined thread");
  }
  if (th.state === ThreadState.ZOMBIE) {
    const v = th.exitValue;
    threadClear(th);
    spinUnlock(threadLock, l);
    schedIrqRestore(s);
    return v;
  }
  th.joiner = self;
  const me = thread(self);
  me.state = ThreadState.BLOCKED;
  spinUnlock(threadLock, l);
  schedule();
  schedIrqRestore(s);
  return thread(self).wakeValue;
}

/** Lets thread t free itself when it exits (at once if it already has); it cannot be joined. */
export function threadDetach(t: u32): void {
  if (!threadExists(t)) {
    panic("sched: detach of a thread that does not exist");
  }
  const l = spinLock(threadLock);
  const th = thread(t);
  if (th.joiner !== 0) {
    panic("sched: detach of a thread being joined");
  }
  if (th.state === ThreadState.ZOMBIE) {
    threadClear(th);
  } else {
    th.detached = true;
  }
  spinUnlock(threadLock, l);
}

/** Gives the CPU to the next runnable thread of this CPU, if any. */
export function threadYield(): void {
  schedYield();
}

/** Sleeps at least ns nanoseconds (the calling thread's own timer wakes it). */
export function threadSleepNs(ns: u64): void {
  const s = schedIrqOff();
  const self = schedCurrent();
  const me = thread(self);
  me.state = ThreadState.SLEEPING;
  timerSet(self, sleepWake, u64(self));
  timerArmIn(self, ns);
  schedule();
  schedIrqRestore(s);
}

function sleepWake(arg: u64): void {
  schedWake(u32(arg), u64(0n));
}

/** The id of the calling thread. */
export function threadSelf(): u32 {
  return schedCurrent();
}

/** The state of thread t (FREE for an id that is out of range). */
export function threadState(t: u32): ThreadState {
  if (t === 0 || t >= THREAD_MAX) {
    return ThreadState.FREE;
  }
  return thread(t).state;
}
