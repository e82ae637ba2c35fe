"use unsafe";
// Boot-time self-tests that the boot tests (tests/boot_test.ts) switch on from the command line.
//
//   --test-mem    heavy allocation on the real machine: the page allocator's stress
//                 (page_stress.ts: random orders 0-6, every byte written and read back) and the
//                 heap's (heap_stress.ts: random sizes, every byte written and read back), each
//                 ending with all memory returned; prints one line each and `memtest: ok`, or
//                 panics with what failed.
//   --test-guard  writes into the boot stack's guard page: must fault (unmapped page).
//   --test-wx     writes into the kernel's own text: must fault (W^X; CR0.WP on x86_64).
//   --test-null   reads address 8: must fault (page 0 is never mapped).
//   --test-thread-overflow  the same in a thread: its guard page faults, and the backtrace walks
//                 the thread's stack.
//   --test-overflow  recurses with 512-byte frames until the boot stack runs into its guard
//                 page: must fault there and be reported from the exception stack (x86_64 IST1,
//                 aarch64 SP_EL0), not crash or reset.
// A fault ends in kernel/fault.ts's report and a panic (status 1); reaching the line after the
// access means the protection is missing, which panics with its own message, so a boot test
// that only checked the status could not mistake one for the other.

import { mulU32, u32, u64, u8, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { threadCreate, threadJoin } from "./sched/mod.ts";
import { addr, load8, store32, store8 } from "./intrinsics.ts";
import { klog } from "./klog.ts";
import { panic } from "./panic.ts";
import { pageStress, StressResult } from "./mem/page_stress.ts";
import { heapStress, HeapStressResult } from "./mem/heap_stress.ts";
import { memImage } from "./mem/mem_init.ts";
import { logPages } from "./mem/mem_init.ts";

const pageResult: StressResult = new StressResult();
const heapResult: HeapStressResult = new HeapStressResult();

/** Runs the page and heap stress tests; panics on any failure. */
export function selftestMemory(rounds: u32): void {
  const pagesOk = pageStress(rounds, u32(0x2545f491), pageResult);
  const p = pageResult;
  klog(
    `memtest: pages: ${p.rounds} rounds, ${p.allocations} allocations, ${p.frees} frees, peak ${p.peakLivePages} pages, ${p.oomEvents} out of memory, ${p.failures} failures`,
  );
  if (!pagesOk) {
    panic("memtest: the page allocator stress test failed");
  }
  const heapOk = heapStress(rounds, u32(0x9e3779b9), heapResult);
  const h = heapResult;
  klog(
    `memtest: heap: ${h.allocs} allocations (${h.largeAllocs} large), ${h.frees} frees, peak ${h.peakBytes} bytes, ${h.oom} out of memory, ${h.corrupt} corrupt, ${h.faults} faults`,
  );
  if (!heapOk) {
    panic("memtest: the heap stress test failed");
  }
  logPages("memtest: pages after");
  klog("memtest: ok");
}

/** Writes into the boot stack's guard page. */
export function selftestGuard(): void {
  const at = usize(memImage.guardStart + 0x800);
  klog(`selftest: writing to the stack guard page`);
  store8(addr(at), u8(0x5a));
  panic("selftest: a write to the stack guard page did not fault");
}

/** Writes into the kernel's text. */
export function selftestWriteText(): void {
  klog("selftest: writing to kernel text");
  store32(addr(memImage.textStart + 0x40), u32(0));
  panic("selftest: a write to kernel text did not fault");
}

/** Reads from page 0. */
export function selftestNull(): void {
  klog("selftest: reading address 8");
  const v = load8(usize(8));
  klog(`selftest: read ${u64(v)}`);
  panic("selftest: a read of page 0 did not fault");
}

/** Recurses until the stack overflows; each frame keeps 512 bytes live across the call. */
function deep(n: u32): u32 {
  const a = new FixedArray<u32>(128, u32(0));
  a.set(usize(n % 128), n);
  if (n === 0xffffffff) {
    return u32(0);
  }
  const below = deep(u32(n + 1));
  return u32(below + a.get(usize(u32(mulU32(n, u32(7))) % 128)));
}

/** Overflows the boot stack into its guard page. */
export function selftestOverflow(): void {
  klog("selftest: overflowing the boot stack");
  const v = deep(u32(0));
  klog(`selftest: recursion returned ${v}`);
  panic("selftest: a stack overflow did not fault");
}

function overflowBody(_arg: u64): u64 {
  return u64(deep(u32(0)));
}

/** Overflows a thread's stack into its guard page (the report's backtrace walks the thread's
 *  stack, which the kernel registers with kernel/backtrace.ts). */
export function selftestThreadOverflow(): void {
  klog("selftest: overflowing a thread stack");
  const t = threadCreate(overflowBody, u64(0n), "overflow");
  if (t === 0) {
    panic("selftest: threadCreate failed");
  }
  threadJoin(t);
  panic("selftest: a thread stack overflow did not fault");
}
