// The scheduler's platform: everything the arch-neutral core needs from the machine, as an ops
// table of function values (docs/SUBSET.md §4 "Function values"; the same pattern as
// kernel/mem/pt_format.ts).
//
// The core (run queues, timers, threads, synchronization) never calls arch code or the CPU-state
// intrinsics directly: it calls schedPlatform's fields. On metal, the coordinator fills a
// SchedPlatform with the arch's clock and one-shot timer (nowNs, timerArm, timerCancel), its
// per-CPU index and reschedule IPI, and platform_metal.ts's wrappers of the intrinsics
// (contextSwitch, contextInit, fpuSave/fpuRestore, irqSave/irqRestore, irqEnableAndWait) and
// of the kernel's page allocator and page tables (stack pages and their guard pages); then
// schedInit copies it here. Deno tests fill one with a simulation (sched_sim.ts): a clock they
// advance, a timer that only records its deadline, a switchTo that records the switch and
// returns at once. Because switchTo may return at once, every decision (who runs next, who is
// woken, which timer expires, when a slice ends) is taken before the switch, in ordinary code,
// and whatever runs after it (finishSwitch) is correct whether the switch really happened or not.
//
// Invariants: schedPlatform.ready is false until schedInit; the placeholders below are never
// called on a ready platform; a field is replaced only by schedInit, before any thread exists.

import { u32, u64, usize } from "../int.ts";
import { unreachable } from "../intrinsics.ts";

/** Monotonic nanoseconds since some point at boot. */
export type SchedNowFn = () => u64;
/** Arms this CPU's one-shot timer for an absolute deadline (nanoseconds, nowNs's clock). */
export type SchedArmFn = (deadlineNs: u64) => void;
/** An operation without arguments or result (timer cancel, idle wait, IRQ enable). */
export type SchedVoidFn = () => void;
/** The index of the CPU running the caller, in [0, CPU_MAX). */
export type SchedCpuFn = () => u32;
/** Sends a reschedule IPI to cpu. */
export type SchedIpiFn = (cpu: u32) => void;
/** Saves the current stack pointer at saveSpAt and continues on newSp (switch.S). */
export type SchedSwitchFn = (saveSpAt: usize, newSp: usize) => void;
/** Prepares a fresh stack below stackTop whose first switch-in runs threadEntry; returns its SP. */
export type SchedInitStackFn = (stackTop: usize) => usize;
/** Saves or restores FPU/SIMD state at a 16-aligned raw address. */
export type SchedFpuFn = (a: usize) => void;
/** Disables interrupts and returns the previous state. */
export type SchedIrqSaveFn = () => u64;
/** Restores an interrupt state irqSave returned. */
export type SchedIrqRestoreFn = (s: u64) => void;
/** 2^order contiguous pages aligned to their size (0 = out of memory); never freed. */
export type SchedPageAllocFn = (order: u32) => usize;
/** Unmaps the 4 KiB page at va from the kernel's space (a guard page); true if done. */
export type SchedGuardFn = (va: usize) => boolean;

/** The machine as the scheduler sees it. */
export class SchedPlatform {
  /** False until schedInit copied a filled platform. */
  ready: boolean = false;
  nowNs: SchedNowFn = unsetNow;
  timerArm: SchedArmFn = unsetArm;
  timerCancel: SchedVoidFn = unsetVoid;
  cpuIndex: SchedCpuFn = unsetCpu;
  ipiReschedule: SchedIpiFn = unsetIpi;
  /** Enables interrupts and waits for one, atomically (no lost wakeup): sti;hlt / wfi. */
  idleWait: SchedVoidFn = unsetVoid;
  /** Enables interrupts (a new thread starts with them on). */
  irqEnable: SchedVoidFn = unsetVoid;
  switchTo: SchedSwitchFn = unsetSwitch;
  initStack: SchedInitStackFn = unsetInitStack;
  fpuSave: SchedFpuFn = unsetFpu;
  fpuRestore: SchedFpuFn = unsetFpu;
  irqSave: SchedIrqSaveFn = unsetIrqSave;
  irqRestore: SchedIrqRestoreFn = unsetIrqRestore;
  pageAlloc: SchedPageAllocFn = unsetPageAlloc;
  guardUnmap: SchedGuardFn = unsetGuard;
}

/** The platform the scheduler runs on (filled by schedPlatformSet). */
export const schedPlatform: SchedPlatform = new SchedPlatform();

/** Copies p's operations into schedPlatform and marks it ready. */
export function schedPlatformSet(p: SchedPlatform): void {
  const q = schedPlatform;
  q.nowNs = p.nowNs;
  q.timerArm = p.timerArm;
  q.timerCancel = p.timerCancel;
  q.cpuIndex = p.cpuIndex;
  q.ipiReschedule = p.ipiReschedule;
  q.idleWait = p.idleWait;
  q.irqEnable = p.irqEnable;
  q.switchTo = p.switchTo;
  q.initStack = p.initStack;
  q.fpuSave = p.fpuSave;
  q.fpuRestore = p.fpuRestore;
  q.irqSave = p.irqSave;
  q.irqRestore = p.irqRestore;
  q.pageAlloc = p.pageAlloc;
  q.guardUnmap = p.guardUnmap;
  q.ready = true;
}

function unsetNow(): u64 {
  unreachable();
}
function unsetArm(_d: u64): void {
  unreachable();
}
function unsetVoid(): void {
  unreachable();
}
function unsetCpu(): u32 {
  unreachable();
}
function unsetIpi(_c: u32): void {
  unreachable();
}
function unsetSwitch(_s: usize, _n: usize): void {
  unreachable();
}
function unsetInitStack(_t: usize): usize {
  unreachable();
}
function unsetFpu(_a: usize): void {
  unreachable();
}
function unsetIrqSave(): u64 {
  unreachable();
}
function unsetIrqRestore(_s: u64): void {
  unreachable();
}
function unsetPageAlloc(_o: u32): usize {
  unreachable();
}
function unsetGuard(_va: usize): boolean {
  unreachable();
}
