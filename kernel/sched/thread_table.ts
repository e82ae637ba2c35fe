// The thread table: every thread's state, in one static table indexed by thread id.
//
// Why a static table: the subset has no dynamic objects (instances are module-level consts,
// stack locals or held by value, docs/SUBSET.md §5.1) and no field may hold a reference, so
// threads are named by index and every link between them (run queue, wait queue, joiner) is an
// id. THREAD_MAX = 64 entries; id 0 means "no thread", so 63 threads can exist: the boot
// thread, one idle thread per CPU (8 at most), the self-tests' threads and room for a first
// application. An entry costs about 150 bytes; and a 32 KiB region of the stack arena
// (stack_arena.ts: 2 MiB for the whole table). Raise the constant when applications need more.
//
// A thread's stack region, guard page and meta block (saved SP, FPU area) are described in
// stack_arena.ts.
//
// States: FREE (entry unused), EMBRYO (reserved by threadCreate, being set up), RUNNABLE (on
// its CPU's run queue), RUNNING (current on its CPU), BLOCKED (on a wait queue or in join),
// SLEEPING (waiting for its timer), EXITING (called threadExit; still on its stack until the
// next thread on its CPU finishes the switch), ZOMBIE (exited, waiting to be joined).
// Transitions of state happen under the lock of the structure the thread is moving between
// (wait-queue owner's lock, run-queue lock, thread table lock), with interrupts off.

import { u32, u64, usize } from "../int.ts";
import { StructArray } from "../array.ts";
import { SpinLock } from "./spinlock.ts";

/** A thread's body: gets the argument given to threadCreate, returns the exit value. */
export type ThreadFn = (arg: u64) => u64;

export enum ThreadState {
  FREE = 0,
  EMBRYO = 1,
  RUNNABLE = 2,
  RUNNING = 3,
  BLOCKED = 4,
  SLEEPING = 5,
  EXITING = 6,
  ZOMBIE = 7,
}

/** Thread table entries; ids are 1 .. THREAD_MAX - 1. */
export const THREAD_MAX: u32 = u32(64);
/** Offset of the FPU area in the meta block. */
export const META_FPU_OFFSET: usize = usize(64);

function noBody(_arg: u64): u64 {
  return u64(0n);
}

export class Thread {
  state: ThreadState = ThreadState.FREE;
  /** The CPU whose run queue the thread belongs to (fixed at creation: no migration yet). */
  cpu: u32 = u32(0);
  body: ThreadFn = noBody;
  arg: u64 = u64(0n);
  name: string = "";
  /** Base of its stack region (stack_arena.ts), 0 for an adopted context (own stack). */
  stackBase: usize = usize(0);
  /** Base of the meta block: SP slot at +0, FPU area at +META_FPU_OFFSET. */
  meta: usize = usize(0);
  /** The idle thread of its CPU: never on a run queue. */
  isIdle: boolean = false;
  /** Next thread on the run queue (0 = last). */
  rqNext: u32 = u32(0);
  /** Wait queue links (0 = none) and whether the thread is on a wait queue now. */
  wqNext: u32 = u32(0);
  wqPrev: u32 = u32(0);
  wqOn: boolean = false;
  /** What the waker handed over: a join's exit value, a futex result. */
  wakeValue: u64 = u64(0n);
  exitValue: u64 = u64(0n);
  /** The thread waiting in threadJoin for this one (0 = none). */
  joiner: u32 = u32(0);
  detached: boolean = false;
  /** The futex word's address while waiting in futexWait. */
  futexAddr: usize = usize(0);
  /** Times this thread was switched in, and woken. */
  switchIns: u64 = u64(0n);
  wakeups: u64 = u64(0n);
}

/** All threads, by id (entry 0 unused). */
export const threads = new StructArray<Thread>(64, Thread);

/** The thread with id t (1 <= t < THREAD_MAX, else panic). */
export function thread(t: u32): Thread {
  return threads.get(usize(t));
}

/** The raw address of t's saved stack pointer. */
export function threadSpSlot(t: Thread): usize {
  return t.meta;
}

/** The raw address of t's FPU/SIMD save area. */
export function threadFpuArea(t: Thread): usize {
  return usize(t.meta + META_FPU_OFFSET);
}

/** True if t is a valid id of a thread that exists (not FREE). */
export function threadExists(t: u32): boolean {
  return t !== 0 && t < THREAD_MAX && thread(t).state !== ThreadState.FREE;
}

/** Resets entry t to FREE with default fields. */
export function threadClear(t: Thread): void {
  t.state = ThreadState.FREE;
  t.cpu = u32(0);
  t.body = noBody;
  t.arg = u64(0n);
  t.name = "";
  t.stackBase = usize(0);
  t.meta = usize(0);
  t.isIdle = false;
  t.rqNext = u32(0);
  t.wqNext = u32(0);
  t.wqPrev = u32(0);
  t.wqOn = false;
  t.wakeValue = u64(0n);
  t.exitValue = u64(0n);
  t.joiner = u32(0);
  t.detached = false;
  t.futexAddr = usize(0);
  t.switchIns = u64(0n);
  t.wakeups = u64(0n);
}

/** Guards thread table allocation, join, detach and reaping (outermost scheduler lock). */
export const threadLock: SpinLock = new SpinLock();
