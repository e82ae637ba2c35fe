// Filling a SchedPlatform for the real kernel: the CPU-state wrappers of platform_metal.ts and
// the kernel's memory (kernel/mem/page_alloc.ts for stack regions, kernel/mem/vm.ts on
// kernelSpace for guard pages). The clock, one-shot timer, CPU index and reschedule IPI are the
// arch's, and the coordinator sets them on the same SchedPlatform before calling schedInit.
//
// Guard pages: guardUnmap removes the 4 KiB page at va from the kernel's address space
// (identity map, virtual = physical), with interrupts off. The scheduler calls it only at
// schedInit, for the guard pages of its stack arena (stack_arena.ts says why that one block,
// and why then: a split of a live 2 MiB block is break-before-make on aarch64). Pages the
// scheduler takes (pageAlloc: the lock pool page, the stack arena) are never given back.

import { u32, u64, usize } from "../int.ts";
import { clockNowNs, cpuIndex, ipiSend, timerArm, timerCancel } from "@arch/mod.ts";
import { CPU_MAX } from "../cpu.ts";
import { Errno } from "../errno.ts";
import { pageAlloc } from "../mem/page_alloc.ts";
import { kernelSpace } from "../mem/mem_init.ts";
import { vmUnmap } from "../mem/vm.ts";
import { SchedPlatform } from "./platform.ts";
import { schedInit } from "./thread.ts";
import {
  metalFpuRestore,
  metalFpuSave,
  metalIdleWait,
  metalInitStack,
  metalIrqEnable,
  metalIrqRestore,
  metalIrqSave,
  metalSwitchTo,
} from "./platform_metal.ts";

const PAGE: usize = usize(4096);

/** The reschedule IPI's kind (arch ipiSend). */
const IPI_RESCHEDULE: u32 = u32(1);

function archNow(): u64 {
  return clockNowNs();
}
function archTimerArm(deadlineNs: u64): void {
  timerArm(deadlineNs);
}
function archTimerCancel(): void {
  timerCancel();
}
function archCpu(): u32 {
  return cpuIndex();
}
function archIpiReschedule(cpu: u32): void {
  ipiSend(cpu, IPI_RESCHEDULE);
}

const platform: SchedPlatform = new SchedPlatform();

/** Starts the scheduler on the boot CPU with the arch's clock, timer, CPU index and IPIs (after
 *  irqInit and clockInit, before smpStart), then turns interrupts on: from here the boot code
 *  runs as a thread and can be preempted. */
export function schedBoot(): void {
  schedPlatformKernel(platform);
  platform.nowNs = archNow;
  platform.timerArm = archTimerArm;
  platform.timerCancel = archTimerCancel;
  platform.cpuIndex = archCpu;
  platform.ipiReschedule = archIpiReschedule;
  schedInit(platform, CPU_MAX);
  platform.irqEnable();
}

/** Sets p's CPU-state and memory operations to the real kernel's. */
export function schedPlatformKernel(p: SchedPlatform): void {
  p.switchTo = metalSwitchTo;
  p.initStack = metalInitStack;
  p.fpuSave = metalFpuSave;
  p.fpuRestore = metalFpuRestore;
  p.irqSave = metalIrqSave;
  p.irqRestore = metalIrqRestore;
  p.irqEnable = metalIrqEnable;
  p.idleWait = metalIdleWait;
  p.pageAlloc = kernelPageAlloc;
  p.guardUnmap = kernelGuardUnmap;
}

function kernelPageAlloc(order: u32): usize {
  return pageAlloc(order);
}

function kernelGuardUnmap(va: usize): boolean {
  const s = metalIrqSave();
  const err = vmUnmap(kernelSpace, va, PAGE);
  metalIrqRestore(s);
  return err === Errno.OK;
}
