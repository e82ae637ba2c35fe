// Threads and the scheduler over the simulated platform (sched_sim.ts): who runs next, round
// robin between equal threads, preemption by the slice timer, sleep, join/detach/exit and
// reaping, thread table exhaustion, wakeups across CPUs.

import assert from "node:assert/strict";
import { u32, u64 } from "../int.ts";
import { irqRestore, irqSave, machine } from "../intrinsics.ts";
import { irqRescheduleArrived, irqTable } from "../irq.ts";
import { expectPanic, sim, simAdvance, simBoot } from "./sched_sim.ts";
import { stackArenaRegions } from "./stack_arena.ts";
import {
  SCHED_SLICE_NS,
  schedCpu,
  schedCurrent,
  schedIdleOnce,
  schedTimerInterrupt,
} from "./scheduler.ts";
import {
  CPU_ANY,
  schedSecondaryOnline,
  threadCreate,
  threadCreateOn,
  threadDetach,
  threadEntry,
  threadExit,
  threadJoin,
  threadSleepNs,
  threadStackBytes,
  threadState,
  threadYield,
} from "./thread.ts";
import { thread, THREAD_MAX, ThreadState } from "./thread_table.ts";
import { Semaphore, semInit, semWait } from "./semaphore.ts";

const MS = 1000000n;
const MAIN = 1;
const IDLE0 = 2;

function body(arg: u64): u64 {
  return u64(arg + 1n);
}

Deno.test("sched: schedInit adopts the boot context as main and makes an idle thread", () => {
  simBoot();
  assert.equal(schedCurrent(), MAIN);
  assert.equal(thread(u32(MAIN)).state, ThreadState.RUNNING);
  assert.equal(thread(u32(MAIN)).name, "main");
  assert.equal(schedCpu(u32(0)).idle, IDLE0);
  assert.ok(thread(u32(IDLE0)).isIdle);
  assert.equal(schedCpu(u32(0)).rq.count, 0, "the idle thread is never queued");
  assert.equal(irqTable.timer, schedTimerInterrupt);
  assert.equal(sim.armed, SCHED_SLICE_NS, "main's first slice is armed");
  assert.equal(threadStackBytes(), 32768 - 4096 - 1024);
});

Deno.test("sched: schedInit unmaps a guard page under every stack region of the arena", () => {
  simBoot();
  const arenas = [...sim.live].filter(([, order]) => order === 9);
  assert.equal(arenas.length, 1, "one 2 MiB arena");
  const base = arenas[0][0];
  assert.equal(base % 0x200000, 0);
  assert.equal(sim.unmapped.size, THREAD_MAX - 1);
  for (let t = 1; t < THREAD_MAX; t++) assert.ok(sim.unmapped.has(base + t * 32768));
  assert.ok(!sim.unmapped.has(base), "region 0 (no thread) is not used");
  assert.equal(thread(u32(MAIN)).meta, base + 2 * 32768 - 1024, "main's meta in its region");
});

Deno.test("sched: threadCreate queues the thread on its stack region; yield runs it", () => {
  simBoot();
  const pages = sim.live.size;
  const a = threadCreate(body, u64(5n), "a");
  assert.equal(a, 3);
  const t = thread(a);
  assert.equal(t.state, ThreadState.RUNNABLE);
  assert.equal(sim.live.size, pages, "no allocation per thread");
  assert.ok(sim.unmapped.has(t.stackBase), "its region starts with a guard page");
  assert.equal(t.meta, t.stackBase + 32768 - 1024);
  threadYield();
  assert.equal(schedCurrent(), a);
  assert.deepEqual(sim.switches, [[MAIN, a]]);
  assert.equal(thread(u32(MAIN)).state, ThreadState.RUNNABLE);
  assert.ok(sim.fpuSaves >= 2 && sim.fpuRestores >= 1, "FPU state saved and restored");
});

Deno.test("sched: yield with nothing else runnable keeps running", () => {
  simBoot();
  threadYield();
  assert.equal(schedCurrent(), MAIN);
  assert.deepEqual(sim.switches, []);
});

Deno.test("sched: equal threads share the CPU round robin, a spinning thread is preempted", () => {
  simBoot();
  const ids = [threadCreate(body, u64(0n), "a"), threadCreate(body, u64(0n), "b")];
  ids.push(threadCreate(body, u64(0n), "c"));
  // Nobody yields: only the slice timer moves the CPU from thread to thread.
  for (let i = 0; i < 40; i++) simAdvance(SCHED_SLICE_NS);
  const order = sim.switches.map(([, to]) => to);
  const cycle = [ids[0], ids[1], ids[2], MAIN];
  assert.deepEqual(order, Array.from({ length: 40 }, (_, i) => cycle[i % 4]));
  for (const t of ids) assert.equal(thread(t).switchIns, 10n);
  assert.equal(schedCpu(u32(0)).preemptions, 40n);
  assert.equal(sim.armed, sim.now + SCHED_SLICE_NS);
});

Deno.test("sched: a slice that is not over does not preempt", () => {
  simBoot();
  threadCreate(body, u64(0n), "a");
  simAdvance(SCHED_SLICE_NS - 1n);
  assert.equal(schedCurrent(), MAIN);
  simAdvance(1n);
  assert.equal(schedCurrent(), 3);
});

Deno.test("sched: sleep runs the idle thread, wakes on time, and the idle thread is tickless", () => {
  simBoot();
  const start = sim.now;
  threadSleepNs(u64(20n * MS));
  assert.equal(thread(u32(MAIN)).state, ThreadState.SLEEPING);
  assert.equal(schedCurrent(), IDLE0);
  assert.equal(sim.armed, start + 20n * MS, "only the sleep timer is armed, no slice on idle");
  simAdvance(20n * MS - 1n);
  assert.equal(schedCurrent(), IDLE0);
  simAdvance(1n);
  assert.equal(schedCurrent(), MAIN, "woken onto an idle CPU: switched at the interrupt");
  assert.equal(sim.now - start, 20n * MS);
});

Deno.test("sched: the idle loop runs what is queued and waits otherwise", () => {
  simBoot();
  threadSleepNs(u64(MS));
  assert.equal(schedCurrent(), IDLE0);
  const s = irqSave();
  schedIdleOnce();
  irqRestore(s);
  assert.equal(sim.idleWaits, 1);
  assert.equal(machine.irqEnabled, true, "the wait enables interrupts");
  assert.equal(schedCurrent(), IDLE0);
});

Deno.test("sched: threadEntry runs the body with interrupts on, then the thread exits", () => {
  simBoot();
  let sawIrq = false;
  const a = threadCreate(
    (arg: u64) => {
      sawIrq = machine.irqEnabled;
      return u64(arg * 2n);
    },
    u64(21n),
    "a",
  );
  threadYield();
  assert.equal(schedCurrent(), a);
  machine.irqEnabled = false; // a new stack starts inside schedule(), interrupts off
  threadEntry();
  assert.ok(sawIrq);
  assert.equal(schedCurrent(), MAIN);
  assert.equal(threadState(a), ThreadState.ZOMBIE);
  assert.equal(thread(a).exitValue, 42n);
  assert.equal(threadJoin(a), 42n);
  assert.equal(threadState(a), ThreadState.FREE);
});

Deno.test("sched: join of an exited thread returns its value and frees the entry for reuse", () => {
  simBoot();
  const a = threadCreate(body, u64(0n), "a");
  threadYield();
  threadExit(u64(7n)); // as a
  assert.equal(schedCurrent(), MAIN);
  assert.equal(threadState(a), ThreadState.ZOMBIE);
  assert.equal(threadCreate(body, u64(0n), "b"), a + 1, "a zombie's entry is not reused");
  assert.equal(threadJoin(a), 7n);
  assert.equal(threadState(a), ThreadState.FREE);
  assert.equal(threadCreate(body, u64(0n), "c"), a, "reused after the join");
});

Deno.test("sched: join before exit blocks; the exit hands the value over and wakes the joiner", () => {
  simBoot();
  const a = threadCreate(body, u64(0n), "a");
  threadJoin(a); // main blocks (the simulated call returns at the switch)
  assert.equal(thread(u32(MAIN)).state, ThreadState.BLOCKED);
  assert.equal(schedCurrent(), a);
  threadExit(u64(99n)); // as a: nothing else runnable, the idle thread takes over
  assert.equal(schedCurrent(), IDLE0);
  assert.equal(threadState(a), ThreadState.FREE, "joined: the entry is freed by the reaper");
  assert.equal(thread(u32(MAIN)).state, ThreadState.RUNNABLE);
  assert.equal(thread(u32(MAIN)).wakeValue, 99n);
  schedIdleOnce();
  assert.equal(schedCurrent(), MAIN);
});

Deno.test("sched: a detached thread is freed when it exits; joining it panics", () => {
  simBoot();
  const a = threadCreate(body, u64(0n), "a");
  threadDetach(a);
  expectPanic(() => threadJoin(a), "sched: join of a detached or already joined thread");
  simBoot();
  const b = threadCreate(body, u64(0n), "b");
  threadDetach(b);
  threadYield();
  threadExit(u64(1n));
  assert.equal(threadState(b), ThreadState.FREE);
  const c = threadCreate(body, u64(0n), "c");
  threadYield();
  threadExit(u64(1n));
  assert.equal(threadState(c), ThreadState.ZOMBIE);
  threadDetach(c); // detaching a zombie frees it
  assert.equal(threadState(c), ThreadState.FREE);
});

Deno.test("sched: the thread table runs out as a value", () => {
  simBoot();
  const made: number[] = [];
  for (;;) {
    const t = threadCreate(body, u64(0n), "t");
    if (t === 0) break;
    made.push(t);
  }
  assert.equal(made.length, THREAD_MAX - 3, "63 ids minus main and idle");
  simBoot();
  assert.equal(threadCreateOn(body, u64(0n), "x", u32(1)), 0, "an offline CPU");
  assert.equal(threadCreate(body, u64(0n), "y"), 3, "the failed create left no entry behind");
  expectPanic(() => threadJoin(u32(MAIN)), "sched: join of a thread that cannot be joined");
});

Deno.test("sched: SMP: threads spread over online CPUs, a wakeup of an idle CPU sends an IPI", () => {
  simBoot(2);
  assert.equal(threadCreateOn(body, u64(0n), "x", u32(1)), 0, "cpu 1 is not online yet");
  sim.cpu = 1;
  const idle1 = schedSecondaryOnline();
  assert.equal(schedCurrent(), idle1);
  sim.cpu = 0;
  const a = threadCreate(body, u64(0n), "a"); // cpu 0 runs main, cpu 1 is idle
  assert.equal(thread(a).cpu, 1);
  assert.deepEqual(sim.ipis, [1]);
  const b = threadCreateOn(body, u64(0n), "b", u32(0));
  assert.equal(thread(b).cpu, 0);
  const c = threadCreate(body, u64(0n), "c");
  assert.equal(thread(c).cpu, 1, "cpu 0 has main and b, cpu 1 has a");
  assert.deepEqual(sim.ipis, [1, 1]);
  sim.cpu = 1;
  const s = irqSave();
  irqRescheduleArrived();
  irqRestore(s);
  assert.equal(schedCurrent(), a);
  sim.cpu = 0;
  assert.equal(schedCurrent(), MAIN);
  assert.equal(CPU_ANY, 0xffffffff);
});

Deno.test("sched: SMP: a wakeup while a CPU switches to its idle thread is not lost", () => {
  simBoot(2);
  sim.cpu = 1;
  const idle1 = schedSecondaryOnline();
  sim.cpu = 0;
  const x = threadCreateOn(body, u64(0n), "x", u32(1));
  sim.cpu = 1;
  const s = irqSave();
  irqRescheduleArrived();
  irqRestore(s);
  assert.equal(schedCurrent(), x);
  sim.ipis = [];
  let y = 0;
  // x blocks on cpu 1; while cpu 1 is switching to its idle thread (just after the run-queue
  // lock, at the slice timer's cancel), cpu 0 creates y there. The waker must already see cpu
  // 1 as idle and send it an IPI, or y would wait for an interrupt that never comes.
  const sem = new Semaphore();
  semInit(sem, u32(0));
  sim.onSwitch = () => {
    sim.cpu = 0;
    y = threadCreateOn(body, u64(0n), "y", u32(1));
  };
  semWait(sem);
  assert.equal(schedCurrent(), idle1);
  assert.deepEqual(sim.ipis, [1], "cpu 1 was already idle for the waker");
  assert.ok(schedCpu(u32(1)).needResched);
  schedIdleOnce(); // cpu 1's idle loop runs y
  assert.equal(schedCurrent(), y);
});

Deno.test("stack arena: without a 2 MiB block it takes a smaller one and caps thread ids", () => {
  simBoot(1, 6); // no block above 256 KiB: 8 regions of 32 KiB
  assert.equal(stackArenaRegions(), 8);
  const ids: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = threadCreate(arenaBody, u64(0n), "t");
    if (t === 0) break;
    ids.push(t);
  }
  assert.ok(ids.length >= 4, `only ${ids.length} threads on a small arena`);
  assert.ok(ids.every((t) => t > 0 && t < 8), `ids ${ids} leave the arena`);
  assert.equal(threadCreate(arenaBody, u64(0n), "t"), 0, "a full arena is a value, not a crash");
  assert.equal(sim.unmapped.size, 7, "every region but 0 has its guard page unmapped");
});

function arenaBody(_a: u64): u64 {
  return u64(0n);
}
