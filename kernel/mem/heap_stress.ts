"use unsafe";
// A self-check of the kernel heap on the running machine: a long random mix of allocations and
// frees, every byte of every block written and verified.
//
// heapStress(rounds, seed, out) drives the heap that heapInit set up with a deterministic
// xorshift32 sequence (Marsaglia, shifts 13/17/5): each round allocates (three times in four
// while a slot of the STRESS_SLOTS live table is free) a block of a random size (mostly 0..1023
// bytes, one in 32 a large block of 2033..34800) and fills all of its requested bytes with a
// pattern derived from the round, or frees a random live block after verifying its pattern and
// that kmallocUsable covers its size. Out of memory is tolerated and counted (the test runs on
// machines with as little as 4 MiB of RAM). At the end every live block is verified and freed,
// the spare pages are trimmed, and the heap's statistics must equal those at the start (after
// a trim there too). The result is false on any corrupted byte, heap fault, stats mismatch; it
// goes through heap_core.ts, not the panicking kernel face, so that hosted builds run it too.

import { xorshift32 } from "../xorshift.ts";
import { FixedArray } from "../array.ts";
import { u32, u8, usize } from "../int.ts";
import { addr, load8, store8 } from "../intrinsics.ts";
import { heapAlloc, heapRelease, heapTrim, heapUsable } from "./heap_core.ts";
import { HeapFault } from "./heap_fault.ts";
import { heapFillStats, HeapStats, heapStatsSame } from "./heap_stats.ts";

/** The size of the live table. */
export const STRESS_SLOTS: usize = usize(256);

const LIVE = new FixedArray<usize>(256, usize(0));
const SIZE = new FixedArray<usize>(256, usize(0));
const TAG = new FixedArray<u8>(256, u8(0));

/** What a heapStress run did. */
export class HeapStressResult {
  allocs: u32 = u32(0);
  frees: u32 = u32(0);
  largeAllocs: u32 = u32(0);
  /** Allocations that got 0 (out of memory). */
  oom: u32 = u32(0);
  /** Blocks whose bytes were not what was written. */
  corrupt: u32 = u32(0);
  /** Frees or usable-size queries the heap refused (a fault). */
  faults: u32 = u32(0);
  /** The stats after the final frees equal those at the start. */
  statsSame: boolean = false;
  /** The most bytes live at once. */
  peakBytes: usize = usize(0);
}

/** Fills n bytes at b with the pattern of tag. */
export function heapPatternFill(b: usize, n: usize, tag: u8): void {
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    store8(addr(b + i), u8(u32(tag) + u32(i % 251)));
  }
}

/** True if the n bytes at b still hold the pattern of tag. */
export function heapPatternIntact(b: usize, n: usize, tag: u8): boolean {
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    if (load8(addr(b + i)) !== u8(u32(tag) + u32(i % 251))) {
      return false;
    }
  }
  return true;
}

/** Verifies and frees live slot j (the last slot moves into it); returns its size. */
function drop(j: usize, n: usize, out: HeapStressResult): usize {
  const b = LIVE.get(j);
  const size = SIZE.get(j);
  if (!heapPatternIntact(b, size, TAG.get(j))) {
    out.corrupt = u32(out.corrupt + 1);
  }
  if (heapUsable(b) < size) {
    out.faults = u32(out.faults + 1);
  }
  if (heapRelease(b) !== HeapFault.NONE) {
    out.faults = u32(out.faults + 1);
  }
  out.frees = u32(out.frees + 1);
  const last = usize(n - 1);
  LIVE.set(j, LIVE.get(last));
  SIZE.set(j, SIZE.get(last));
  TAG.set(j, TAG.get(last));
  return size;
}

/** Runs rounds random operations from seed (non-zero) on the heap; fills out; true if no
 *  byte, fault or statistic went wrong. */
export function heapStress(rounds: u32, seed: u32, out: HeapStressResult): boolean {
  const before = new HeapStats();
  const after = new HeapStats();
  heapTrim();
  heapFillStats(before);
  let x = seed;
  let n = usize(0);
  let live = usize(0);
  for (let r = u32(0); r < rounds; r = u32(r + 1)) {
    x = xorshift32(x);
    if (u32(x & 3) !== 0 && n < STRESS_SLOTS) {
      const pick = u32(x >>> 8);
      let size = usize(u32(pick % 1024));
      if (u32(pick % 32) === 0) {
        size = usize(2033 + u32(pick % 32768));
        out.largeAllocs = u32(out.largeAllocs + 1);
      }
      const b = heapAlloc(size);
      if (b === 0) {
        out.oom = u32(out.oom + 1);
      } else {
        const tag = u8(x);
        heapPatternFill(b, size, tag);
        LIVE.set(n, b);
        SIZE.set(n, size);
        TAG.set(n, tag);
        n = usize(n + 1);
        out.allocs = u32(out.allocs + 1);
        live = usize(live + size);
        if (live > out.peakBytes) {
          out.peakBytes = live;
        }
      }
    } else if (n > 0) {
      const j = usize(usize(x >>> 4) % n);
      const size = drop(j, n, out);
      n = usize(n - 1);
      live = usize(live - size);
    }
  }
  while (n > 0) {
    drop(usize(n - 1), n, out);
    n = usize(n - 1);
  }
  heapTrim();
  heapFillStats(after);
  out.statsSame = heapStatsSame(before, after);
  return out.corrupt === 0 && out.faults === 0 && out.statsSame;
}
