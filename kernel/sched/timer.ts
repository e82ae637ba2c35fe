// Kernel timers: one-shot callbacks at absolute deadlines, per CPU, tickless.
//
// Each CPU keeps its armed timers in a list sorted by deadline (ties in arming order), and its
// one-shot hardware timer (the platform's timerArm: TSC-deadline or LAPIC timer on x86_64, the
// generic timer's CNTV_CVAL on aarch64) is armed for the head's deadline only: no periodic
// tick. The timer interrupt calls timerExpire(now), which takes every expired timer off the
// list in deadline order, runs its callback (with the list lock released and interrupts off,
// in interrupt context: a callback may wake threads and arm timers, never block), and re-arms
// the hardware for the new head (or cancels it when the list is empty). The platform's
// timerArm must fire at once (or very soon) for a deadline already past.
// Why a sorted list and not a hierarchical wheel: the kernel has at most TIMER_MAX timers
// (a thread's sleep/timeout timer, one time-slice timer per CPU, a few others), so insertion
// is a short walk; a wheel pays off with thousands of timers (network stacks) and can replace
// this file behind the same API.
//
// Timers are entries of a static table, named by id (no references in fields): ids 1 ..
// THREAD_MAX-1 are the threads' own timers (thread t uses timer t), TIMER_SLICE_BASE + cpu the
// time-slice timers, the rest come from timerAlloc. A timer is armed on the CPU that arms it
// (timerArmAt) and fires there; timerCancel works from any CPU under that CPU's list lock and
// says whether it removed the timer before it fired (false: it had fired or was not armed).
// Lock order: the timer list lock is innermost (callbacks run without it).

import { u32, u64, usize } from "../int.ts";
import { StructArray } from "../array.ts";
import { panic } from "../panic.ts";
import { schedPlatform } from "./platform.ts";
import { spinInit, SpinLock, spinLock, spinUnlock } from "./spinlock.ts";

/** A timer's callback: gets the argument set with the timer. */
export type TimerFn = (arg: u64) => void;

export const TIMER_MAX: u32 = u32(128);
/** The time-slice timer of cpu c is TIMER_SLICE_BASE + c. */
export const TIMER_SLICE_BASE: u32 = u32(64);
/** The first id timerAlloc hands out. */
export const TIMER_DYNAMIC_BASE: u32 = u32(72);

function noCallback(_arg: u64): void {}

export class KTimer {
  /** Reserved (a thread's or slice timer, or allocated). */
  used: boolean = false;
  armed: boolean = false;
  cpu: u32 = u32(0);
  deadline: u64 = u64(0n);
  fn: TimerFn = noCallback;
  arg: u64 = u64(0n);
  next: u32 = u32(0);
  prev: u32 = u32(0);
}

export class TimerCpu {
  lock: SpinLock = new SpinLock();
  head: u32 = u32(0);
  /** What the hardware is armed for (valid when hwArmed). */
  hwDeadline: u64 = u64(0n);
  hwArmed: boolean = false;
  fired: u64 = u64(0n);
}

const timers = new StructArray<KTimer>(128, KTimer);
const timerCpus = new StructArray<TimerCpu>(8, TimerCpu);
const allocLock: SpinLock = new SpinLock();

/** Sets up the per-CPU lists for cpus CPUs and reserves the fixed ids (at schedInit). */
export function timerInit(cpus: u32): void {
  spinInit(allocLock);
  for (let c = u32(0); c < cpus; c = u32(c + 1)) {
    const tc = timerCpus.get(usize(c));
    tc.head = u32(0);
    tc.hwArmed = false;
    tc.hwDeadline = u64(0n);
    tc.fired = u64(0n);
    spinInit(tc.lock);
  }
  for (let i = u32(1); i < TIMER_MAX; i = u32(i + 1)) {
    const t = timers.get(usize(i));
    t.used = i < TIMER_DYNAMIC_BASE;
    t.armed = false;
    t.cpu = u32(0);
    t.deadline = u64(0n);
    t.fn = noCallback;
    t.arg = u64(0n);
    t.next = u32(0);
    t.prev = u32(0);
  }
}

function timerOf(id: u32): KTimer {
  if (id === 0 || id >= TIMER_MAX) {
    panic("sched: bad timer id");
  }
  return timers.get(usize(id));
}

/** A free timer with callback fn(arg), or 0 if none is left. */
export function timerAlloc(fn: TimerFn, arg: u64): u32 {
  const s = spinLock(allocLock);
  let id = u32(0);
  for (let i = TIMER_DYNAMIC_BASE; i < TIMER_MAX; i = u32(i + 1)) {
    const t = timers.get(usize(i));
    if (!t.used) {
      t.used = true;
      id = i;
      break;
    }
  }
  spinUnlock(allocLock, s);
  if (id !== 0) {
    timerSet(id, fn, arg);
  }
  return id;
}

/** Cancels and frees a timer from timerAlloc. */
export function timerFree(id: u32): void {
  if (id < TIMER_DYNAMIC_BASE) {
    panic("sched: freeing a reserved timer");
  }
  timerCancel(id);
  const s = spinLock(allocLock);
  const t = timerOf(id);
  t.used = false;
  spinUnlock(allocLock, s);
}

/** Sets the callback of a timer that is not armed. */
export function timerSet(id: u32, fn: TimerFn, arg: u64): void {
  const t = timerOf(id);
  if (t.armed) {
    panic("sched: timerSet on an armed timer");
  }
  t.fn = fn;
  t.arg = arg;
}

/** Arms timer id for the absolute deadline on the calling CPU (re-arms it if armed). */
export function timerArmAt(id: u32, deadline: u64): void {
  timerCancel(id);
  const c = schedPlatform.cpuIndex();
  const tc = timerCpus.get(usize(c));
  const s = spinLock(tc.lock);
  const t = timerOf(id);
  t.cpu = c;
  t.deadline = deadline;
  t.armed = true;
  // Insert after every timer with deadline <= this one (FIFO among equals).
  let prev = u32(0);
  let cur = tc.head;
  while (cur !== 0 && timers.get(usize(cur)).deadline <= deadline) {
    prev = cur;
    cur = timers.get(usize(cur)).next;
  }
  t.prev = prev;
  t.next = cur;
  if (prev === 0) {
    tc.head = id;
  } else {
    const pt = timers.get(usize(prev));
    pt.next = id;
  }
  if (cur !== 0) {
    const ct = timers.get(usize(cur));
    ct.prev = id;
  }
  programHardware(tc);
  spinUnlock(tc.lock, s);
}

/** Arms timer id to fire ns nanoseconds from now. */
export function timerArmIn(id: u32, ns: u64): void {
  const now = schedPlatform.nowNs();
  timerArmAt(id, u64(now + ns));
}

/** Disarms timer id; true if it was armed (so its callback will not run). */
export function timerCancel(id: u32): boolean {
  const t = timerOf(id);
  if (!t.armed) {
    return false;
  }
  const tc = timerCpus.get(usize(t.cpu));
  const s = spinLock(tc.lock);
  const was = t.armed;
  if (was) {
    unlink(tc, id);
    const here = schedPlatform.cpuIndex();
    if (t.cpu === here) {
      programHardware(tc);
    }
  }
  spinUnlock(tc.lock, s);
  return was;
}

/** True if timer id is armed. */
export function timerArmed(id: u32): boolean {
  return timerOf(id).armed;
}

/** The deadline of timer id (meaningful while armed). */
export function timerDeadline(id: u32): u64 {
  return timerOf(id).deadline;
}

/** Runs the calling CPU's timers whose deadline is <= now, in deadline order; re-arms the
 *  hardware for the next one. Returns how many fired. Called with interrupts off. */
export function timerExpire(now: u64): u32 {
  const tc = timerCpus.get(usize(schedPlatform.cpuIndex()));
  let n = u32(0);
  while (true) {
    const s = spinLock(tc.lock);
    const h = tc.head;
    if (h === 0 || timers.get(usize(h)).deadline > now) {
      tc.hwArmed = false; // the interrupt consumed the hardware arm
      programHardware(tc);
      spinUnlock(tc.lock, s);
      return n;
    }
    unlink(tc, h);
    const t = timers.get(usize(h));
    const fn = t.fn;
    const arg = t.arg;
    spinUnlock(tc.lock, s);
    fn(arg);
    n = u32(n + 1);
    tc.fired = u64(tc.fired + 1n);
  }
}

/** The earliest armed deadline of cpu c, or 0 with none (tests, diagnostics). */
export function timerNextDeadline(c: u32): u64 {
  const h = timerCpus.get(usize(c)).head;
  return h === 0 ? u64(0n) : timers.get(usize(h)).deadline;
}

function unlink(tc: TimerCpu, id: u32): void {
  const t = timers.get(usize(id));
  if (t.prev === 0) {
    tc.head = t.next;
  } else {
    const pt = timers.get(usize(t.prev));
    pt.next = t.next;
  }
  if (t.next !== 0) {
    const nt = timers.get(usize(t.next));
    nt.prev = t.prev;
  }
  t.next = u32(0);
  t.prev = u32(0);
  t.armed = false;
}

/** Arms the hardware for tc's head, or cancels it; only for the calling CPU's list. */
function programHardware(tc: TimerCpu): void {
  const h = tc.head;
  if (h === 0) {
    if (tc.hwArmed) {
      schedPlatform.timerCancel();
      tc.hwArmed = false;
    }
    return;
  }
  const d = timers.get(usize(h)).deadline;
  if (!tc.hwArmed || tc.hwDeadline !== d) {
    schedPlatform.timerArm(d);
    tc.hwArmed = true;
    tc.hwDeadline = d;
  }
}
