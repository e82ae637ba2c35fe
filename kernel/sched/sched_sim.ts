// Not kernel code: a simulated SchedPlatform for the Deno tests of kernel/sched.
//
// The clock is a number the test advances (simAdvance), the one-shot timer only records its
// deadline (simTick delivers the timer interrupt when the clock has reached it), switchTo
// records (from, to) thread ids and returns at once (Deno has one stack), initStack returns
// its argument, the FPU operations count, interrupts are the simulated machine's
// (machine.irqEnabled through irqSave/irqRestore), and memory is a bump page allocator over
// simulated RAM that records every block, with guard pages as a set of unmapped addresses.
// Because switchTo returns, a blocking call returns at its switch: the test then acts as the
// thread that took over (schedCurrent()), exactly as the scheduler decided.

import { u32, u64, usize } from "../int.ts";
import { irqRestore, irqSave, machine, store64 } from "../intrinsics.ts";
import { irqTimerFired } from "../irq.ts";
import { runToExit, setupX86, type Uart16550Model } from "../testing/devices.ts";
import { SchedPlatform } from "./platform.ts";
import { schedInit } from "./thread.ts";
import { thread, THREAD_MAX } from "./thread_table.ts";

export const SIM_RAM = 0x40000000;
export const SIM_RAM_BYTES = 8 * 1024 * 1024;

export class SimState {
  now = 0n;
  armed: bigint | null = null;
  cpu = 0;
  /** (from, to) thread ids per switch, in order. */
  switches: Array<[number, number]> = [];
  ipis: number[] = [];
  idleWaits = 0;
  fpuSaves = 0;
  fpuRestores = 0;
  /** Next free address of the bump allocator, and the blocks handed out (addr -> order). */
  next = SIM_RAM;
  live = new Map<number, number>();
  unmapped = new Set<number>();
  /** Make the next pageAlloc calls fail. */
  failAlloc = false;
  /** pageAlloc refuses orders above this (a machine without large free blocks). */
  maxOrder = 63;
  /** Runs once at the next call of timerCancel or switchTo: when schedule() picks the idle
   *  thread, the first of these is the slice timer's cancel, just after the run-queue lock is
   *  released; what another CPU does in that window. sim.cpu is restored afterwards. */
  onSwitch: (() => void) | null = null;
}

export let sim = new SimState();
let simUart: Uart16550Model | null = null;

/** Runs fn, which must panic with a message containing msg. */
export function expectPanic(fn: () => void, msg: string): void {
  if (simUart) simUart.out = [];
  const status = runToExit(fn);
  const text = simUart ? simUart.text() : "";
  if (status !== 1 || !text.includes(`panic: ${msg}`)) {
    throw new Error(
      `expected panic "${msg}", got status ${status}, output ${JSON.stringify(text)}`,
    );
  }
}

/** Advances the clock by ns; delivers the timer interrupt (kernel/irq.ts) if the armed
 *  deadline has passed, with interrupts off as the arch entry would. */
export function simAdvance(ns: bigint): void {
  sim.now += ns;
  if (sim.armed !== null && sim.now >= sim.armed) {
    sim.armed = null;
    const s = irqSave();
    irqTimerFired();
    irqRestore(s);
  }
}

function spToThread(sp: number): number {
  for (let t = 1; t < THREAD_MAX; t++) {
    if (thread(u32(t)).meta === sp) return t;
  }
  return -1;
}

function simNow(): u64 {
  return u64(sim.now);
}
function simArm(d: u64): void {
  sim.armed = d;
}
function simCancel(): void {
  sim.armed = null;
  runHook();
}
function simCpu(): u32 {
  return u32(sim.cpu);
}
function simIpi(c: u32): void {
  sim.ipis.push(c);
}
function simIdleWait(): void {
  machine.irqEnabled = true;
  sim.idleWaits++;
}
function simIrqEnable(): void {
  machine.irqEnabled = true;
}
function simSwitch(saveSpAt: usize, newSp: usize): void {
  // Under the simulation a saved "stack pointer" is the address of the slot itself, and
  // initStack returns the stack top, which is the meta block (the slot): newSp names the
  // incoming thread. The switch then "happens": the caller continues as the new thread.
  store64(saveSpAt, u64(saveSpAt));
  sim.switches.push([spToThread(saveSpAt), spToThread(newSp)]);
  runHook();
}

function runHook(): void {
  const f = sim.onSwitch;
  if (f) {
    sim.onSwitch = null;
    const cpu = sim.cpu;
    f();
    sim.cpu = cpu;
  }
}
function simInitStack(top: usize): usize {
  return top;
}
function simFpuSave(_a: usize): void {
  sim.fpuSaves++;
}
function simFpuRestore(_a: usize): void {
  sim.fpuRestores++;
}
function simIrqSave(): u64 {
  return irqSave();
}
function simIrqRestore(s: u64): void {
  irqRestore(s);
}
function simPageAlloc(order: u32): usize {
  if (sim.failAlloc || order > sim.maxOrder) return usize(0);
  const size = 4096 * 2 ** order;
  const a = Math.ceil(sim.next / size) * size;
  if (a + size > SIM_RAM + SIM_RAM_BYTES) return usize(0);
  sim.next = a + size;
  sim.live.set(a, order);
  return usize(a);
}
function simGuardUnmap(va: usize): boolean {
  sim.unmapped.add(va);
  return true;
}
/** A SchedPlatform over the simulation. */
export function simPlatform(): SchedPlatform {
  const p = new SchedPlatform();
  p.nowNs = simNow;
  p.timerArm = simArm;
  p.timerCancel = simCancel;
  p.cpuIndex = simCpu;
  p.ipiReschedule = simIpi;
  p.idleWait = simIdleWait;
  p.irqEnable = simIrqEnable;
  p.switchTo = simSwitch;
  p.initStack = simInitStack;
  p.fpuSave = simFpuSave;
  p.fpuRestore = simFpuRestore;
  p.irqSave = simIrqSave;
  p.irqRestore = simIrqRestore;
  p.pageAlloc = simPageAlloc;
  p.guardUnmap = simGuardUnmap;
  return p;
}

/** A fresh machine and simulation, and schedInit over it for cpus CPUs; the test runs as
 *  thread "main" (id 1) on CPU 0 with interrupts on. */
export function simBoot(cpus = 1, maxOrder = 63): SimState {
  const { uart } = setupX86();
  simUart = uart;
  machine.mapRam(SIM_RAM, new Uint8Array(SIM_RAM_BYTES));
  sim = new SimState();
  sim.maxOrder = maxOrder;
  schedInit(simPlatform(), u32(cpus));
  machine.irqEnabled = true;
  return sim;
}
