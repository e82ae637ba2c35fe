// The scheduler: per-CPU current thread, run queue and idle thread; schedule(), wakeups,
// preemption by the time-slice timer, and the interrupt handlers that drive them.
//
// schedule() runs on the CPU that calls it, with interrupts off (the caller holds an irqSave
// state, or is an interrupt handler). Under the run-queue lock it puts the current thread back
// at the tail if it is still RUNNING (a yield or a preemption; a thread that blocked, slept or
// exited has already changed its state and stays off the queue), takes the head (the idle
// thread if the queue is empty) and marks it RUNNING; then, with the lock released, it arms the
// CPU's time-slice timer (SCHED_SLICE_NS; cancelled while the idle thread runs: tickless),
// saves the outgoing thread's FPU/SIMD state and switches stacks. Everything is decided before
// the switch; what follows it, schedFinishSwitch(), runs on the incoming thread (after
// switchTo returns in schedule(), or first thing in threadEntry for a new thread): it restores
// the incoming thread's FPU state and, if the outgoing thread was EXITING, finishes it
// (only now does nobody run on its stack): its exit value goes to a joiner, or it becomes a
// ZOMBIE until joined, or its entry is freed if it was detached. Under a
// simulated platform switchTo returns at once and schedFinishSwitch runs right after: the
// same code, the same result.
//
// Preemption: the slice timer's callback sets needResched; the timer interrupt handler
// (schedTimerInterrupt, registered with kernel/irq.ts) expires kernel timers and then calls
// schedule() if needResched is set. The switch happens inside the interrupt handler, on the
// interrupted thread's stack; the arch restores the interrupted frame when that thread runs
// again. A wakeup never preempts a running thread (round robin: the woken thread waits its
// turn at the tail), except the idle thread: waking a thread on a CPU that runs its idle
// thread sets needResched there, and for another CPU sends it a reschedule IPI
// (schedRescheduleInterrupt). Threads stay on the CPU they were created on (no migration or
// load balancing yet; threadCreate spreads them over the online CPUs), so only a thread's own
// CPU ever switches to it, and a wakeup racing with the switch away from the woken thread is
// harmless: the thread is on that CPU's queue and the CPU pops it only after the switch.

import { u32, u64, usize } from "../int.ts";
import { StructArray } from "../array.ts";
import { schedPlatform } from "./platform.ts";
import { rqPop, rqPush, RunQueue } from "./run_queue.ts";
import { spinInit, spinLock, spinUnlock } from "./spinlock.ts";
import {
  thread,
  threadClear,
  threadFpuArea,
  threadLock,
  threadSpSlot,
  ThreadState,
} from "./thread_table.ts";
import { spSlotRead } from "./raw.ts";
import { TIMER_SLICE_BASE, timerArmIn, timerCancel, timerExpire, timerSet } from "./timer.ts";

/** A thread runs at most this long before the next runnable thread of its CPU gets a turn. */
export const SCHED_SLICE_NS: u64 = u64(10000000n);

export class CpuSched {
  online: boolean = false;
  /** The thread running on this CPU, its idle thread, and the thread switched away from
   *  whose switch is not finished yet (0 = none). */
  current: u32 = u32(0);
  idle: u32 = u32(0);
  prev: u32 = u32(0);
  /** Call schedule() at the next preemption point (end of an interrupt, idle loop). */
  needResched: boolean = false;
  rq: RunQueue = new RunQueue();
  switches: u64 = u64(0n);
  preemptions: u64 = u64(0n);
}

const cpus = new StructArray<CpuSched>(8, CpuSched);

/** The scheduler state of cpu c. */
export function schedCpu(c: u32): CpuSched {
  return cpus.get(usize(c));
}

/** The scheduler state of the calling CPU. */
export function schedThisCpu(): CpuSched {
  return cpus.get(usize(schedPlatform.cpuIndex()));
}

/** The id of the thread running on the calling CPU. */
export function schedCurrent(): u32 {
  return schedThisCpu().current;
}

/** Sets up cpu c's run queue and slice timer (schedInit, for every possible CPU). */
export function schedCpuInit(c: u32): void {
  const cs = cpus.get(usize(c));
  cs.online = false;
  cs.current = u32(0);
  cs.idle = u32(0);
  cs.prev = u32(0);
  cs.needResched = false;
  cs.switches = u64(0n);
  cs.preemptions = u64(0n);
  cs.rq.head = u32(0);
  cs.rq.tail = u32(0);
  cs.rq.count = u32(0);
  spinInit(cs.rq.lock);
  timerSet(u32(TIMER_SLICE_BASE + c), sliceExpired, u64(c));
}

/** Marks cpu c as never coming online (beyond schedInit's CPU count). */
export function schedCpuOffline(c: u32): void {
  const cs = cpus.get(usize(c));
  cs.online = false;
}

/** Marks cpu c online with current thread cur and idle thread idle. */
export function schedCpuOnline(c: u32, cur: u32, idle: u32): void {
  const cs = cpus.get(usize(c));
  cs.current = cur;
  cs.idle = idle;
  cs.online = true;
}

/** Starts a time slice for the thread running on the calling CPU (schedInit: the boot thread
 *  runs without having been scheduled). */
export function schedArmSlice(): void {
  const c = schedPlatform.cpuIndex();
  timerArmIn(u32(TIMER_SLICE_BASE + c), SCHED_SLICE_NS);
}

/** The platform's monotonic clock, in nanoseconds. */
export function schedNowNs(): u64 {
  return schedPlatform.nowNs();
}

/** The calling CPU's index. */
export function schedCpuIndex(): u32 {
  return schedPlatform.cpuIndex();
}

/** Disables interrupts; returns the state for schedIrqRestore. */
export function schedIrqOff(): u64 {
  return schedPlatform.irqSave();
}

/** Restores an interrupt state from schedIrqOff. */
export function schedIrqRestore(s: u64): void {
  schedPlatform.irqRestore(s);
}

/** Picks the next thread of the calling CPU and switches to it. Interrupts must be off. */
export function schedule(): void {
  const c = schedPlatform.cpuIndex();
  const cs = cpus.get(usize(c));
  const cur = cs.current;
  const ct = thread(cur);
  const s = spinLock(cs.rq.lock);
  if (ct.state === ThreadState.RUNNING) {
    ct.state = ThreadState.RUNNABLE;
    if (!ct.isIdle) {
      rqPush(cs.rq, cur);
    }
  }
  let next = rqPop(cs.rq);
  if (next === 0) {
    next = cs.idle;
  }
  const nt = thread(next);
  nt.state = ThreadState.RUNNING;
  cs.needResched = false;
  // Published under the lock: a waker on another CPU decides whether to send an IPI from
  // cs.current (idle or not), so it must never see the thread that is being switched away.
  cs.current = next;
  if (next !== cur) {
    cs.prev = cur;
  }
  spinUnlock(cs.rq.lock, s);
  const slice = u32(TIMER_SLICE_BASE + c);
  if (nt.isIdle) {
    timerCancel(slice);
  } else {
    timerArmIn(slice, SCHED_SLICE_NS);
  }
  if (next === cur) {
    return;
  }
  const fpuOut = threadFpuArea(ct);
  schedPlatform.fpuSave(fpuOut);
  cs.switches = u64(cs.switches + 1n);
  nt.switchIns = u64(nt.switchIns + 1n);
  const newSp = spSlotRead(threadSpSlot(nt));
  const saveAt = threadSpSlot(ct);
  schedPlatform.switchTo(saveAt, newSp);
  schedFinishSwitch();
}

/** The end of a switch, on the incoming thread: FPU state back, the outgoing thread's switch
 *  finished (an exited one reaped). Idempotent; interrupts off. */
export function schedFinishSwitch(): void {
  const cs = schedThisCpu();
  const fpuIn = threadFpuArea(thread(cs.current));
  schedPlatform.fpuRestore(fpuIn);
  const p = cs.prev;
  cs.prev = u32(0);
  if (p !== 0 && thread(p).state === ThreadState.EXITING) {
    reap(p);
  }
}

/** Finishes exited thread t, now that nobody runs on its stack: hands its exit value to a
 *  joiner, or keeps it as a ZOMBIE, or frees the entry (detached). Its stack region belongs to
 *  its id (stack_arena.ts) and simply waits for the next thread with that id. */
function reap(t: u32): void {
  const th = thread(t);
  const l = spinLock(threadLock);
  const joiner = th.joiner;
  const v = th.exitValue;
  if (th.detached || joiner !== 0) {
    threadClear(th);
  } else {
    th.state = ThreadState.ZOMBIE;
  }
  spinUnlock(threadLock, l);
  if (joiner !== 0) {
    schedWake(joiner, v);
  }
}

/** Makes blocked or sleeping thread t runnable on its CPU with wakeValue v; false if it was
 *  not waiting (already woken, e.g. by a timeout). Any CPU, any interrupt state. */
export function schedWake(t: u32, v: u64): boolean {
  const th = thread(t);
  const cs = cpus.get(usize(th.cpu));
  const s = spinLock(cs.rq.lock);
  const woke = th.state === ThreadState.BLOCKED || th.state === ThreadState.SLEEPING;
  let kick = false;
  if (woke) {
    th.state = ThreadState.RUNNABLE;
    th.wakeValue = v;
    th.wakeups = u64(th.wakeups + 1n);
    rqPush(cs.rq, t);
    kick = cs.current === cs.idle;
    if (kick) {
      cs.needResched = true;
    }
  }
  spinUnlock(cs.rq.lock, s);
  const here = schedPlatform.cpuIndex();
  if (kick && th.cpu !== here) {
    schedPlatform.ipiReschedule(th.cpu);
  }
  return woke;
}

/** Gives the CPU to the next runnable thread, if any (the caller stays runnable). */
export function schedYield(): void {
  const s = schedPlatform.irqSave();
  schedule();
  schedPlatform.irqRestore(s);
}

/** Runnable threads waiting on cpu c's queue (a racy snapshot). */
export function schedQueued(c: u32): u32 {
  return cpus.get(usize(c)).rq.count;
}

/** The time-slice timer's callback: the current thread of cpu arg has had its slice. */
function sliceExpired(arg: u64): void {
  const cs = cpus.get(usize(u32(arg)));
  cs.needResched = true;
}

/** The timer interrupt (kernel/irq.ts irqSetTimerHandler): expires kernel timers, then
 *  preempts the current thread if its slice is over or a thread was woken onto an idle CPU. */
export function schedTimerInterrupt(): void {
  timerExpire(schedPlatform.nowNs());
  const cs = schedThisCpu();
  if (cs.needResched) {
    if (!thread(cs.current).isIdle) {
      cs.preemptions = u64(cs.preemptions + 1n);
    }
    schedule();
  }
}

/** The reschedule IPI (kernel/irq.ts irqSetRescheduleHandler): another CPU woke a thread here
 *  while this CPU was idle. */
export function schedRescheduleInterrupt(): void {
  if (schedThisCpu().needResched) {
    schedule();
  }
}

/** One round of an idle thread: run whatever is runnable, else wait for an interrupt. Returns
 *  after the wait (or after the idle thread is switched back to). */
export function schedIdleOnce(): void {
  schedPlatform.irqSave();
  schedule();
  // Back on the idle thread with interrupts off. A thread queued here since the idle thread
  // was picked is run first; one queued after this check finds cs.current === idle under the
  // run-queue lock, so its waker sends an IPI (or, on this CPU, an interrupt handler sets
  // needResched), and the wait returns at once for the pending interrupt: no lost wakeup.
  const cs = schedThisCpu();
  if (cs.rq.count !== 0 || cs.needResched) {
    schedPlatform.irqEnable();
    return;
  }
  schedPlatform.idleWait();
}
