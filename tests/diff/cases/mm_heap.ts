"use unsafe";
// The kernel heap (kernel/mem/heap_core.ts and its parts) over a page source in the hosted RAM
// (1 MiB at 0x40000000, kernel/mem/heap_test_pages.ts): a block of every size class and some
// large ones, their usable sizes and offsets from the RAM base, the statistics, running out of
// pages and recovering, the faults it reports as values (double free, foreign pointer, overflow
// in debug mode, write after free), and a heapStress run in both modes. Page sources are
// function values stored in a struct; pool and large headers are layout views; the pools are a
// StructArray; HeapStats holds FixedArrays by value.
// @rule R-FN-2
// @rule R-ARRAY-8
// @rule R-LAYOUT-6
// @rule R-STRUCT-7
// @rule R-UNSAFE-3

import { u32, u8, usize } from "../../../kernel/int.ts";
import { store8 } from "../../../kernel/intrinsics.ts";
import { classSize, HEAP_CLASSES } from "../../../kernel/mem/heap_classes.ts";
import {
  heapAlloc,
  heapAllocZeroed,
  heapRelease,
  heapSetup,
  heapTrim,
  heapUsable,
} from "../../../kernel/mem/heap_core.ts";
import { HeapFault } from "../../../kernel/mem/heap_fault.ts";
import { heapFillStats, HeapStats } from "../../../kernel/mem/heap_stats.ts";
import { heapStress, HeapStressResult } from "../../../kernel/mem/heap_stress.ts";
import {
  testPageAlloc,
  testPageFree,
  testPagesBadFrees,
  testPagesInit,
  testPagesLimit,
  testPagesOut,
} from "../../../kernel/mem/heap_test_pages.ts";
import { println, showBool, showU32, showUsize } from "../lib/out.ts";

const RAM: usize = usize(0x40000000);
const RAM_SIZE: usize = usize(0x100000);

function start(debug: boolean): void {
  testPagesInit(RAM, RAM_SIZE);
  heapSetup(testPageAlloc, testPageFree, debug);
}

function showStats(): void {
  const s = new HeapStats();
  heapFillStats(s);
  for (let c = usize(0); c < HEAP_CLASSES; c = usize(c + 1)) {
    if (s.objects.get(c) !== 0 || s.pages.get(c) !== 0) {
      showU32("  class", s.classSize.get(c));
      showU32("    objects", s.objects.get(c));
      showUsize("    bytes", s.bytes.get(c));
      showU32("    pages", s.pages.get(c));
    }
  }
  showUsize("  pool objects", s.poolObjects);
  showUsize("  pool bytes", s.poolBytes);
  showUsize("  pool pages", s.poolPages);
  showUsize("  large blocks", s.largeBlocks);
  showUsize("  large pages", s.largePages);
  showUsize("  large bytes", s.largeBytes);
  showUsize("  source pages", s.sourcePages);
  showUsize("  faults", s.faults);
}

function showFault(name: string, f: HeapFault): void {
  showU32(name, u32(f));
}

function showBlock(name: string, b: usize): void {
  showUsize(name, b === 0 ? usize(0) : usize(b - RAM));
}

function classes(): void {
  println("classes");
  start(false);
  for (let c = u32(0); usize(c) < HEAP_CLASSES; c = u32(c + 1)) {
    const size = classSize(c);
    const b = heapAlloc(size);
    showBlock("block", b);
    showUsize("usable", heapUsable(b));
  }
  const big = heapAlloc(usize(10000));
  showBlock("large", big);
  showUsize("large usable", heapUsable(big));
  const z = heapAllocZeroed(usize(0));
  showBlock("size 0", z);
  showStats();
}

function exhaustion(): void {
  println("exhaustion");
  start(false);
  testPagesLimit(usize(2));
  let n = u32(0);
  let last = usize(0);
  while (true) {
    const b = heapAlloc(usize(500));
    if (b === 0) {
      break;
    }
    last = b;
    n = u32(n + 1);
  }
  showU32("blocks of 500 in 2 pages", n);
  showBlock("large when out", heapAlloc(usize(3000)));
  showFault("free last", heapRelease(last));
  showBlock("again", heapAlloc(usize(500)));
  showStats();
}

function faults(): void {
  println("faults");
  start(false);
  const a = heapAlloc(usize(40));
  const b = heapAlloc(usize(40));
  showFault("misaligned", heapRelease(usize(a + 8)));
  showFault("inside slot", heapRelease(usize(a + 16)));
  showFault("free a", heapRelease(a));
  showFault("free a again", heapRelease(a));
  showFault("free b", heapRelease(b));
  showFault("free b again (empty page)", heapRelease(b));
  const l = heapAlloc(usize(5000));
  showFault("free large", heapRelease(l));
  showFault("free large again", heapRelease(l));
  showFault("never allocated", heapRelease(usize(RAM + 0x80000)));
  println("debug");
  start(true);
  const d = heapAlloc(usize(40));
  const e = heapAlloc(usize(40));
  showUsize("usable", heapUsable(d));
  store8(usize(d + 40), u8(0));
  showFault("overflow", heapRelease(d));
  showFault("free e", heapRelease(e));
  showFault("free e again", heapRelease(e));
  store8(usize(e + 30), u8(1));
  showBlock("alloc after write after free", heapAlloc(usize(40)));
  const big = heapAlloc(usize(3000));
  store8(usize(big + 3001), u8(2));
  showFault("large overflow", heapRelease(big));
  showStats();
}

function stress(debug: boolean): void {
  println(debug ? "stress debug" : "stress");
  start(debug);
  const out = new HeapStressResult();
  showBool("ok", heapStress(u32(3000), u32(2024), out));
  showU32("allocs", out.allocs);
  showU32("frees", out.frees);
  showU32("large", out.largeAllocs);
  showU32("oom", out.oom);
  showU32("corrupt", out.corrupt);
  showU32("faults", out.faults);
  showBool("stats same", out.statsSame);
  showUsize("peak bytes", out.peakBytes);
  showUsize("trimmed", heapTrim());
  showUsize("pages out", testPagesOut());
  showUsize("bad frees", testPagesBadFrees());
}

export function main(): void {
  classes();
  exhaustion();
  faults();
  stress(false);
  stress(true);
}
