// Boot self-test of the TLB shootdown (kernel/mem/tlb_shootdown.ts), switched on by `--test-tlb`
// on the command line (kernel/main.ts, after smpStart).
//
// A test page at TLB_TEST_VA (2 GiB: above QEMU's RAM at -m 128M on both arches, x86_64 RAM from
// 0, aarch64 RAM from 1 GiB, and below both device windows, arch/<ARCH>/platform.ts; the test
// refuses to run if something is mapped there) is mapped read-only to frame A, which holds 0xA.
// One thread pinned on every other online CPU reads it in a loop, so each CPU's TLB caches the
// translation, then stops touching it (phase STOP) and says so. The boot thread unmaps the page
// and maps it again to frame B, which holds 0xB (vmUnmap + vmMap on kernelSpace: the local flush
// plus the shootdown), and reads it itself; then (phase READ) each thread reads the page once
// more and reports the value. Every CPU must see 0xB: a CPU that kept the stale translation reads
// 0xA (x86_64 without the flush IPI). Prints the number of readers and of shootdowns that sent
// IPIs (0 on aarch64: TLB_BROADCAST), then `tlb: <N> CPUs saw the new mapping` (N counts the boot
// CPU); panics otherwise, or if a thread does
// not answer within TLB_TEST_TIMEOUT_NS.

import { u32, u64, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { cpuRelax, fenceAcquire, fenceRelease } from "./intrinsics.ts";
import { hex } from "./fmt.ts";
import { klog } from "./klog.ts";
import { panic } from "./panic.ts";
import { CPU_MAX } from "./cpu.ts";
import { Errno } from "./errno.ts";
import { kernelSpace } from "./mem/mem_init.ts";
import { pageAllocZeroed, pageFree } from "./mem/page_alloc.ts";
import { tlbShootdownCount } from "./mem/tlb_shootdown.ts";
import { vmLookup, vmMap, vmUnmap } from "./mem/vm.ts";
import { PtWalk, VM_RO } from "./mem/vm_flags.ts";
import { schedCpuIndex, schedNowNs, threadCreateOn, threadJoin, threadYield } from "./sched/mod.ts";
import { tlbTestMark, tlbTestRead } from "./selftest_tlb_raw.ts";

/** The test page's virtual address (see the header). */
export const TLB_TEST_VA: usize = usize(0x80000000);
const PAGE: usize = usize(4096);
const OLD_VALUE: u32 = u32(0xa);
const NEW_VALUE: u32 = u32(0xb);
const TLB_TEST_TIMEOUT_NS: u64 = u64(5000000000n);

const PHASE_WARM: u32 = u32(0);
const PHASE_STOP: u32 = u32(1);
const PHASE_READ: u32 = u32(2);

class TlbTestState {
  phase: u32 = u32(0);
  /** Per CPU: 1 once its thread read the page (phase WARM), 2 once it stopped, 3 once it read
   *  again (phase READ). */
  step: FixedArray<u32> = new FixedArray<u32>(8, u32(0));
  /** Per CPU: what its thread read in phase READ. */
  seen: FixedArray<u32> = new FixedArray<u32>(8, u32(0));
  /** Per CPU: its thread's id, 0 if none. */
  ids: FixedArray<u32> = new FixedArray<u32>(8, u32(0));
}

const st: TlbTestState = new TlbTestState();

/** A pinned reader (arg: its CPU). */
function reader(arg: u64): u64 {
  const c = usize(arg);
  let reads = u64(0n);
  while (true) {
    fenceAcquire();
    if (st.phase !== PHASE_WARM) {
      break;
    }
    if (tlbTestRead(TLB_TEST_VA) === OLD_VALUE) {
      reads = u64(reads + 1n);
      if (st.step.get(c) === 0) {
        fenceRelease();
        st.step.set(c, u32(1));
      }
    }
    cpuRelax();
  }
  fenceRelease();
  st.step.set(c, u32(2));
  while (true) {
    fenceAcquire();
    if (st.phase === PHASE_READ) {
      break;
    }
    cpuRelax();
  }
  st.seen.set(c, tlbTestRead(TLB_TEST_VA));
  fenceRelease();
  st.step.set(c, u32(3));
  return reads;
}

/** Waits until every reader thread reached step s; panics after TLB_TEST_TIMEOUT_NS. */
function waitStep(s: u32): void {
  const deadline = u64(schedNowNs() + TLB_TEST_TIMEOUT_NS);
  for (let c = usize(0); c < usize(CPU_MAX); c = usize(c + 1)) {
    while (st.ids.get(c) !== 0) {
      fenceAcquire();
      if (st.step.get(c) >= s) {
        break;
      }
      if (schedNowNs() > deadline) {
        klog(`tlb: the thread on CPU ${c} did not reach step ${s}`);
        panic("tlb self-test: a CPU does not answer");
      }
      threadYield();
    }
  }
}

/** Runs the TLB shootdown self-test; panics on a failure. */
export function selftestTlb(): void {
  const w = new PtWalk();
  if (vmLookup(kernelSpace, TLB_TEST_VA, w)) {
    panic("tlb self-test: the test address is mapped (RAM too large?)");
  }
  const a = pageAllocZeroed(u32(0));
  const b = pageAllocZeroed(u32(0));
  if (a === 0 || b === 0) {
    panic("tlb self-test: out of memory");
  }
  tlbTestMark(a, OLD_VALUE);
  tlbTestMark(b, NEW_VALUE);
  if (vmMap(kernelSpace, TLB_TEST_VA, a, PAGE, VM_RO) !== Errno.OK) {
    panic("tlb self-test: cannot map the test page");
  }
  const me = schedCpuIndex();
  let readers = u32(0);
  st.phase = PHASE_WARM;
  for (let c = u32(0); c < CPU_MAX; c = u32(c + 1)) {
    st.step.set(usize(c), u32(0));
    st.seen.set(usize(c), u32(0));
    st.ids.set(usize(c), u32(0));
    if (c !== me) {
      const id = threadCreateOn(reader, u64(c), "tlbreader", c);
      st.ids.set(usize(c), id);
      if (id !== 0) {
        readers = u32(readers + 1);
      }
    }
  }
  fenceRelease();
  waitStep(u32(1));
  fenceRelease();
  st.phase = PHASE_STOP;
  waitStep(u32(2));
  const before = tlbShootdownCount();
  if (vmUnmap(kernelSpace, TLB_TEST_VA, PAGE) !== Errno.OK) {
    panic("tlb self-test: cannot unmap the test page");
  }
  if (vmMap(kernelSpace, TLB_TEST_VA, b, PAGE, VM_RO) !== Errno.OK) {
    panic("tlb self-test: cannot map the test page again");
  }
  const shootdowns = u64(tlbShootdownCount() - before);
  let ok = u32(0);
  if (tlbTestRead(TLB_TEST_VA) === NEW_VALUE) {
    ok = u32(ok + 1);
  } else {
    klog(`tlb: CPU ${me} (the boot CPU) saw the old mapping`);
  }
  fenceRelease();
  st.phase = PHASE_READ;
  waitStep(u32(3));
  for (let c = usize(0); c < usize(CPU_MAX); c = usize(c + 1)) {
    const id = st.ids.get(c);
    if (id !== 0) {
      threadJoin(id);
      const v = st.seen.get(c);
      if (v === NEW_VALUE) {
        ok = u32(ok + 1);
      } else {
        klog(`tlb: CPU ${c} saw ${hex(u64(v))}, the old mapping`);
      }
    }
  }
  vmUnmap(kernelSpace, TLB_TEST_VA, PAGE);
  pageFree(a, u32(0));
  pageFree(b, u32(0));
  klog(`tlb: ${readers} reader threads, ${shootdowns} shootdowns sent IPIs`);
  klog(`tlb: ${ok} CPUs saw the new mapping`);
  if (ok !== u32(readers + 1)) {
    panic("tlb self-test: a CPU kept a stale translation");
  }
}
