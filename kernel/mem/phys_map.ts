// The physical memory map: which page-aligned ranges of RAM the page allocator may hand out.
//
// physMapBuild turns the boot loader's description (kernel/boot/boot_info.ts: RAM ranges and
// reserved ranges, as listed, possibly unsorted, overlapping or touching) into at most
// PHYS_MAP_MAX free ranges:
//   free = (union of the RAM ranges) - (each reserved range) - [imageStart, imageEnd),
// then each range shrunk to whole pages (start rounded up, end rounded down to PAGE_BYTES) and
// empty ones dropped. Everything is done in usize, so RAM at or above PHYS_LIMIT (2^52: a usize
// must stay below 2^53, and no machine the kernel targets has more physical address bits) is
// cut off and counted as reserved. The work list holds at most PHYS_MAP_MAX ranges at every
// step: each subtraction splits at most one range in two, and running out of room is an error
// (PHYS_MAP_ERR_TOO_MANY), never a silent loss.
//
// Invariants of a PhysMap after physMapBuild returned true:
//   - base[0 .. count) is strictly increasing, every range is non-empty, page-aligned at both
//     ends, and ranges are disjoint and do not touch (touching RAM was merged first);
//   - ramBytes = bytes in the union of the RAM ranges (each byte once) + the bytes cut off above
//     PHYS_LIMIT; freeBytes = the sum of the free ranges; reservedBytes = ramBytes - freeBytes,
//     i.e. RAM that is not free (the image, boot data, reserved ranges, page fragments), each
//     byte counted once however many reservations cover it. Reserved bytes outside RAM count
//     nowhere.
// After a false return, error says why (PHYS_MAP_ERR_*) and the ranges are not to be used.
// It runs once at boot, on one CPU, before anything allocates: no lock.

import { u32, u64, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import type { BootInfo } from "../boot/boot_info.ts";

/** The most free ranges a PhysMap holds. */
export const PHYS_MAP_MAX: u32 = u32(64);
/** The page size the ranges are aligned to (kernel/mem/page_alloc.ts's PAGE_SIZE). */
export const PHYS_PAGE_BYTES: usize = usize(4096);
/** Physical addresses at or above this are ignored (counted as reserved RAM). */
export const PHYS_LIMIT: usize = usize(0x10000000000000);

export const PHYS_MAP_OK: u32 = u32(0);
/** No whole free page is left. */
export const PHYS_MAP_ERR_NO_MEMORY: u32 = u32(1);
/** More than PHYS_MAP_MAX ranges would be needed. */
export const PHYS_MAP_ERR_TOO_MANY: u32 = u32(2);

/** Free physical memory as sorted, disjoint, page-aligned ranges, and the totals. The tables'
 * length is the literal 64 (PHYS_MAP_MAX; phys_map_test checks they agree). */
export class PhysMap {
  count: u32 = u32(0);
  base: FixedArray<usize> = new FixedArray<usize>(64, usize(0));
  size: FixedArray<usize> = new FixedArray<usize>(64, usize(0));
  ramBytes: u64 = u64(0n);
  reservedBytes: u64 = u64(0n);
  freeBytes: u64 = u64(0n);
  error: u32 = u32(0);
}

// The work list: [start, end) pairs, rebuilt into the scratch pair at each step.
const workStart = new FixedArray<usize>(64, usize(0));
const workEnd = new FixedArray<usize>(64, usize(0));
const nextStart = new FixedArray<usize>(64, usize(0));
const nextEnd = new FixedArray<usize>(64, usize(0));
let workCount: usize = usize(0);
let nextCount: usize = usize(0);

/** Fills out with info's RAM minus its reserved ranges and the kernel image [imageStart,
 * imageEnd); false (and out.error) if no page is free or a limit is hit. */
export function physMapBuild(
  info: BootInfo,
  imageStart: usize,
  imageEnd: usize,
  out: PhysMap,
): boolean {
  out.count = u32(0);
  out.ramBytes = u64(0n);
  out.reservedBytes = u64(0n);
  out.freeBytes = u64(0n);
  out.error = PHYS_MAP_OK;
  workCount = usize(0);
  let above = u64(0n);
  for (let i = usize(0); i < usize(info.ramRangeCount); i = usize(i + 1)) {
    const base = info.ramRangeBase.get(i);
    const size = info.ramRangeSize.get(i);
    const kept = physClip(base, size);
    above = u64(above + u64(size - kept));
    if (kept !== 0n && !physAddUnion(usize(base), usize(u64(base + kept)))) {
      return physFail(out, PHYS_MAP_ERR_TOO_MANY);
    }
  }
  let inRam = u64(0n);
  for (let i = usize(0); i < workCount; i = usize(i + 1)) {
    inRam = u64(inRam + u64(usize(workEnd.get(i) - workStart.get(i))));
  }
  out.ramBytes = u64(inRam + above);

  for (let i = usize(0); i < usize(info.reservedCount); i = usize(i + 1)) {
    const base = info.reservedBase.get(i);
    const kept = physClip(base, info.reservedSize.get(i));
    if (kept !== 0n && !physSubtract(usize(base), usize(u64(base + kept)))) {
      return physFail(out, PHYS_MAP_ERR_TOO_MANY);
    }
  }
  if (imageStart < imageEnd && !physSubtract(imageStart, imageEnd)) {
    return physFail(out, PHYS_MAP_ERR_TOO_MANY);
  }

  let free = u64(0n);
  let n = usize(0);
  for (let i = usize(0); i < workCount; i = usize(i + 1)) {
    const start = physAlignUp(workStart.get(i));
    const end = physAlignDown(workEnd.get(i));
    if (start < end) {
      out.base.set(n, start);
      out.size.set(n, usize(end - start));
      free = u64(free + u64(usize(end - start)));
      n = usize(n + 1);
    }
  }
  out.count = u32(n);
  out.freeBytes = free;
  out.reservedBytes = u64(out.ramBytes - free);
  if (n === 0) {
    return physFail(out, PHYS_MAP_ERR_NO_MEMORY);
  }
  return true;
}

/** The part of [base, base + size) below PHYS_LIMIT, as a size (0 if none). The range does not
 * wrap past 2^64 (BootInfo's invariant), though it may end exactly there. */
function physClip(base: u64, size: u64): u64 {
  const limit = u64(PHYS_LIMIT);
  if (base >= limit) {
    return u64(0n);
  }
  const room = u64(limit - base);
  return size < room ? size : room;
}

function physFail(out: PhysMap, code: u32): boolean {
  out.error = code;
  out.count = u32(0);
  return false;
}

/** start rounded up to a page (start < PHYS_LIMIT, so it cannot pass 2^53). */
function physAlignUp(x: usize): usize {
  const r = usize(x % PHYS_PAGE_BYTES);
  return r === 0 ? x : usize(usize(x - r) + PHYS_PAGE_BYTES);
}

function physAlignDown(x: usize): usize {
  return usize(x - usize(x % PHYS_PAGE_BYTES));
}

/** Appends [start, end) to the scratch list; false if it is full. */
function physPush(start: usize, end: usize): boolean {
  if (nextCount >= usize(PHYS_MAP_MAX)) {
    return false;
  }
  nextStart.set(nextCount, start);
  nextEnd.set(nextCount, end);
  nextCount = usize(nextCount + 1);
  return true;
}

/** Makes the scratch list the work list. */
function physSwap(): void {
  for (let i = usize(0); i < nextCount; i = usize(i + 1)) {
    workStart.set(i, nextStart.get(i));
    workEnd.set(i, nextEnd.get(i));
  }
  workCount = nextCount;
}

/** Adds [start, end) to the sorted union, merging every range it overlaps or touches. */
function physAddUnion(start: usize, end: usize): boolean {
  let s = start;
  let e = end;
  for (let i = usize(0); i < workCount; i = usize(i + 1)) {
    const ws = workStart.get(i);
    const we = workEnd.get(i);
    if (we >= s && ws <= e) {
      s = ws < s ? ws : s;
      e = we > e ? we : e;
    }
  }
  nextCount = usize(0);
  let placed = false;
  for (let i = usize(0); i < workCount; i = usize(i + 1)) {
    const ws = workStart.get(i);
    const we = workEnd.get(i);
    if (we >= s && ws <= e) {
      continue; // merged into [s, e)
    }
    if (!placed && ws > e) {
      placed = true;
      if (!physPush(s, e)) {
        return false;
      }
    }
    if (!physPush(ws, we)) {
      return false;
    }
  }
  if (!placed && !physPush(s, e)) {
    return false;
  }
  physSwap();
  return true;
}

/** Removes [start, end) from every range of the work list (keeping the order). */
function physSubtract(start: usize, end: usize): boolean {
  nextCount = usize(0);
  for (let i = usize(0); i < workCount; i = usize(i + 1)) {
    const ws = workStart.get(i);
    const we = workEnd.get(i);
    if (we <= start || ws >= end) {
      if (!physPush(ws, we)) {
        return false;
      }
      continue;
    }
    if (ws < start && !physPush(ws, start)) {
      return false;
    }
    if (end < we && !physPush(end, we)) {
      return false;
    }
  }
  physSwap();
  return true;
}
