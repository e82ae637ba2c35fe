// Starting the TLB shootdown (kernel/mem/tlb_shootdown.ts) on the real machine.
//
// tlbBoot fills a TlbPlatform from the arch (TLB_BROADCAST, cpuIndex, ipiSend kind 2,
// tlbFlushAll) and the scheduler (which CPUs are online: kernel/sched's per-CPU state, set when
// a CPU joins the scheduler), takes one zeroed page for the request / acknowledge counters
// (never freed) and registers tlbShootdownService as the TLB flush IPI's handler (kernel/irq.ts).
// kernel/main.ts calls it once on the boot CPU after schedBoot and before smpStart, so every
// page-table change made while other CPUs run is shot down. It lives outside kernel/mem so that
// vm.ts does not import kernel/sched (which imports vm.ts for its guard pages).

import { u32 } from "./int.ts";
import { cpuIndex, ipiSend, TLB_BROADCAST, tlbFlushAll } from "@arch/mod.ts";
import { cpuRelax } from "./intrinsics.ts";
import { CPU_MAX } from "./cpu.ts";
import { irqSetTlbHandler } from "./irq.ts";
import { panic } from "./panic.ts";
import { pageAllocZeroed } from "./mem/page_alloc.ts";
import {
  IPI_TLB,
  TLB_CPUS_MAX,
  TlbPlatform,
  tlbShootdownInit,
  tlbShootdownService,
} from "./mem/tlb_shootdown.ts";
import { schedCpu } from "./sched/mod.ts";

function archSelf(): u32 {
  return cpuIndex();
}
function schedOnline(c: u32): boolean {
  return c < CPU_MAX && schedCpu(c).online;
}
function archIpi(c: u32): void {
  ipiSend(c, IPI_TLB);
}
function archFlushAll(): void {
  tlbFlushAll();
}
function relax(): void {
  cpuRelax();
}
function service(): void {
  tlbShootdownService();
}

/** Starts the TLB shootdown for up to CPU_MAX CPUs; panics if out of memory. */
export function tlbBoot(): void {
  const p = new TlbPlatform();
  p.broadcast = TLB_BROADCAST;
  p.cpus = CPU_MAX > TLB_CPUS_MAX ? TLB_CPUS_MAX : CPU_MAX;
  p.self = archSelf;
  p.online = schedOnline;
  p.ipi = archIpi;
  p.flushAll = archFlushAll;
  p.relax = relax;
  const page = pageAllocZeroed(u32(0));
  if (page === 0) {
    panic("tlb: out of memory for the shootdown counters");
  }
  irqSetTlbHandler(service);
  tlbShootdownInit(p, page);
}
