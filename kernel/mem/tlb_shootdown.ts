// TLB shootdown: making the other CPUs drop stale translations after a page-table change.
//
// vm.ts changes a page table, then flushes the changed pages from this CPU's TLB. Other CPUs may
// still cache the old translation: on x86_64 invlpg and a CR3 reload act on the executing CPU
// only, so software must interrupt the others and have them flush (Intel SDM vol.3 §4.10.5
// "Propagation of Paging-Structure Changes to Multiple Processors"). On aarch64 the TLBI ...IS
// forms arch/aarch64/mmu.ts uses already reach every CPU of the inner-shareable domain (Arm ARM
// DDI 0487 D8.13 "TLB maintenance"), so the arch says TLB_BROADCAST and tlbShootdown does
// nothing more there.
//
// Protocol (per target CPU c, two u64 counters in one zeroed page, tlb_words.ts):
//   req[c]  bumped (atomic add) by each CPU that wants c to flush, after its page-table stores;
//   ack[c]  the highest req[c] value c has served: c reads r = req[c], flushes its whole TLB,
//           then raises ack[c] to r (a compare-and-swap loop, so it never goes backwards when
//           the IRQ handler and the waiting loop below serve the same CPU).
// tlbShootdown (after the caller's local flush): for every other online CPU, bump req[c] and
// send it IPI kind 2 (the arch routes it to kernel/irq.ts, which calls tlbShootdownService);
// then, per target, snapshot req[c] (at least this call's bump) and wait until ack[c] reaches
// it. A flush that read r >= the snapshot started after this CPU's table stores (all counter
// accesses are sequentially consistent atomics), so the old translation is gone from c. Later
// senders' bumps in the snapshot are each followed by their own IPI, so the wait ends.
// While waiting, the sender serves its own req: two CPUs shooting each other down at once, or
// a sender waited on by a CPU that has interrupts off, both make progress (no deadlock). Remote
// CPUs always flush everything (one IPI per change, whatever its size); the sender keeps vm.ts's
// per-page policy locally.
//
// Invariants: nothing happens before tlbShootdownInit (Deno tests of vm.ts, and the boot before
// the scheduler: one CPU); only CPUs the platform reports online are targeted, and an online CPU
// must take the IPI eventually (it may have interrupts off for a while: the sender waits). A CPU
// coming online while a change is in flight may be missed: it starts with the tables already
// changed, but the TLB it filled during bring-up could hold the old entry; callers change
// shared mappings after smpStart or before it (kernel/main.ts). The caller must not migrate to
// another CPU between its local flush and the end of tlbShootdown (kernel/sched never migrates
// threads today).

import { u32, u64, usize } from "../int.ts";
import { tlbWordCas, tlbWordIncrement, tlbWordLoad } from "./tlb_words.ts";

/** The ipiSend kind of a TLB flush request (arch/<ARCH>/mod.ts ipiSend). */
export const IPI_TLB: u32 = u32(2);
/** The most CPUs the counters page holds. */
export const TLB_CPUS_MAX: u32 = u32(8);
/** Bytes between two CPUs' counters (one cache line each, so no false sharing). */
const STRIDE: usize = usize(64);

/** The index of the CPU running the caller. */
export type TlbCpuFn = () => u32;
/** Whether cpu c is online (takes interrupts and may cache translations). */
export type TlbOnlineFn = (c: u32) => boolean;
/** Sends cpu c the TLB flush IPI. */
export type TlbIpiFn = (c: u32) => void;
/** An operation without arguments (flush this CPU's TLB; relax in a spin loop). */
export type TlbVoidFn = () => void;

function noCpu(): u32 {
  return u32(0);
}
function noneOnline(_c: u32): boolean {
  return false;
}
function noIpi(_c: u32): void {}
function nothing(): void {}

/** What the shootdown needs from the machine (kernel/tlb_boot.ts fills it from the arch and the
 *  scheduler; Deno tests from a simulation). */
export class TlbPlatform {
  /** The arch's TLB maintenance already reaches every CPU: no IPIs needed. */
  broadcast: boolean = false;
  /** CPUs that may come online, at most TLB_CPUS_MAX. */
  cpus: u32 = u32(1);
  self: TlbCpuFn = noCpu;
  online: TlbOnlineFn = noneOnline;
  ipi: TlbIpiFn = noIpi;
  flushAll: TlbVoidFn = nothing;
  relax: TlbVoidFn = nothing;
}

class TlbState {
  /** The counters page (8-aligned, zeroed); 0 before tlbShootdownInit. */
  base: usize = usize(0);
  p: TlbPlatform = new TlbPlatform();
  /** Shootdowns that sent IPIs (all CPUs; a statistic, updated without atomics). */
  shootdowns: u64 = u64(0n);
}

const st: TlbState = new TlbState();

/** Starts the shootdown with platform p and a zeroed page at base for the counters (at least
 *  TLB_CPUS_MAX * 64 bytes). The caller registers tlbShootdownService as the IPI's handler. */
export function tlbShootdownInit(p: TlbPlatform, base: usize): void {
  const q = st.p;
  q.broadcast = p.broadcast;
  q.cpus = p.cpus > TLB_CPUS_MAX ? TLB_CPUS_MAX : p.cpus;
  q.self = p.self;
  q.online = p.online;
  q.ipi = p.ipi;
  q.flushAll = p.flushAll;
  q.relax = p.relax;
  st.shootdowns = u64(0n);
  st.base = base;
}

/** Back to the state before tlbShootdownInit (Deno tests). */
export function tlbShootdownReset(): void {
  st.base = usize(0);
  st.shootdowns = u64(0n);
}

function reqWord(c: u32): usize {
  return usize(st.base + usize(c) * STRIDE);
}

function ackWord(c: u32): usize {
  return usize(st.base + usize(c) * STRIDE + 8);
}

/** True if cpu c has a request it has not served yet. */
export function tlbShootdownPending(c: u32): boolean {
  if (st.base === 0 || c >= st.p.cpus) {
    return false;
  }
  const ack = tlbWordLoad(ackWord(c));
  return ack !== tlbWordLoad(reqWord(c));
}

/** Shootdowns that sent at least one IPI since tlbShootdownInit. */
export function tlbShootdownCount(): u64 {
  return st.shootdowns;
}

/** Serves this CPU's pending requests: flushes its whole TLB and acknowledges them. The TLB
 *  IPI's handler; also called by waiting senders. True if there was something to serve. */
export function tlbShootdownService(): boolean {
  if (st.base === 0) {
    return false;
  }
  const me = st.p.self();
  if (me >= st.p.cpus) {
    return false;
  }
  const r = tlbWordLoad(reqWord(me));
  if (tlbWordLoad(ackWord(me)) >= r) {
    return false;
  }
  st.p.flushAll();
  raiseAck(me, r);
  return true;
}

/** ack[c] = max(ack[c], r). */
function raiseAck(c: u32, r: u64): void {
  const a = ackWord(c);
  while (true) {
    const old = tlbWordLoad(a);
    if (old >= r || tlbWordCas(a, old, r)) {
      return;
    }
  }
}

/** After a page-table change and this CPU's own flush: makes every other online CPU flush its
 *  TLB and waits until each did (see the header). Nothing to do before tlbShootdownInit, on an
 *  arch whose TLB maintenance is broadcast, or with one CPU online. */
export function tlbShootdown(): void {
  if (st.base === 0 || st.p.broadcast) {
    return;
  }
  const p = st.p;
  const me = p.self();
  let sent = u32(0);
  for (let c = u32(0); c < p.cpus; c = u32(c + 1)) {
    if (c !== me && p.online(c)) {
      tlbWordIncrement(reqWord(c));
      p.ipi(c);
      sent = u32(sent + 1);
    }
  }
  if (sent === 0) {
    return;
  }
  st.shootdowns = u64(st.shootdowns + 1n);
  for (let c = u32(0); c < p.cpus; c = u32(c + 1)) {
    if (c !== me && p.online(c)) {
      const want = tlbWordLoad(reqWord(c));
      while (tlbWordLoad(ackWord(c)) < want) {
        tlbShootdownService();
        p.relax();
      }
    }
  }
}
