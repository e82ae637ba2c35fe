"use unsafe";
// Bounds-checked reads of firmware-provided bytes: the boot parsers' only door to raw memory.
//
// A ByteWindow names a range [base, base + len) of physical memory that a boot protocol says
// holds a structure (Xen's hvm_start_info, a flattened devicetree, a command line). Every read
// takes an offset into the window and is checked against len before memory is touched, so a
// parser fed a corrupt length or offset never reads outside the window it was given.
//
// Errors are sticky, in the manner of ferror(3): a read out of range returns 0 and counts a fault
// in the window instead of reading. A parser does a run of reads, then asks windowOk() once
// before it trusts the values; a 0 read by mistake in between is harmless because it only steers
// the parser into more (rejected) reads or an early exit, never into memory. The fault count
// saturates, so it cannot wrap back to "ok".
//
// Invariants:
//   - base + len < 2^53 (windowOpen refuses a range that a usize cannot end; the window is then
//     empty and faulted);
//   - a read of n bytes at off is done only if off + n <= len;
//   - reads go one byte at a time: the firmware's structures need not be aligned, and on aarch64
//     with the MMU off all memory is Device memory, where an unaligned load faults.
// Multi-byte values are assembled explicitly as little-endian (PVH, x86) or big-endian
// (devicetree, Devicetree Specification v0.4 §5.1: "all values are big-endian").
// The caller of windowOpen vouches that the whole range is readable memory: that is the unsafe
// part, and it is why this is the one unsafe module of kernel/boot.

import { u32, u64, u8, usize } from "../int.ts";
import { load8 } from "../intrinsics.ts";

/** The largest usize, 2^53 - 1. */
export const USIZE_MAX: usize = usize(0x1fffffffffffff);

/** A checked view of [base, base + len) with a sticky count of rejected reads. */
export class ByteWindow {
  base: usize = usize(0);
  len: usize = usize(0);
  faults: u32 = u32(0);
}

/** Points w at [base, base + len) and clears its faults; false (and a faulted, empty window) if
 * the range would end past the largest usize. */
export function windowOpen(w: ByteWindow, base: usize, len: usize): boolean {
  w.base = base;
  w.faults = u32(0);
  if (len > usize(USIZE_MAX - base)) {
    w.len = usize(0);
    w.faults = u32(1);
    return false;
  }
  w.len = len;
  return true;
}

/** True while no read of w has been rejected since windowOpen. */
export function windowOk(w: ByteWindow): boolean {
  return w.faults === 0;
}

/** True if x is a valid usize (below 2^53), so that usize(x) cannot panic. */
export function fitsUsize(x: u64): boolean {
  return x <= u64(USIZE_MAX);
}

/** True if n bytes at off lie inside w; otherwise counts a fault. */
export function windowHas(w: ByteWindow, off: usize, n: usize): boolean {
  if (off <= w.len && n <= usize(w.len - off)) {
    return true;
  }
  if (w.faults < 0xffffffff) {
    w.faults = u32(w.faults + 1);
  }
  return false;
}

/** The byte at off, or 0 and a fault. */
export function readU8(w: ByteWindow, off: usize): u8 {
  if (!windowHas(w, off, usize(1))) {
    return u8(0);
  }
  return load8(usize(w.base + off));
}

/** The little-endian u32 at off, or 0 and a fault. */
export function readU32le(w: ByteWindow, off: usize): u32 {
  if (!windowHas(w, off, usize(4))) {
    return u32(0);
  }
  const p = usize(w.base + off);
  const b0 = u32(load8(p));
  const b1 = u32(load8(usize(p + 1)));
  const b2 = u32(load8(usize(p + 2)));
  const b3 = u32(load8(usize(p + 3)));
  return u32(b0 | (b1 << 8) | (b2 << 16) | (b3 << 24));
}

/** The big-endian u32 at off, or 0 and a fault. */
export function readU32be(w: ByteWindow, off: usize): u32 {
  if (!windowHas(w, off, usize(4))) {
    return u32(0);
  }
  const p = usize(w.base + off);
  const b0 = u32(load8(p));
  const b1 = u32(load8(usize(p + 1)));
  const b2 = u32(load8(usize(p + 2)));
  const b3 = u32(load8(usize(p + 3)));
  return u32((b0 << 24) | (b1 << 16) | (b2 << 8) | b3);
}

/** The little-endian u64 at off, or 0 and a fault. */
export function readU64le(w: ByteWindow, off: usize): u64 {
  if (!windowHas(w, off, usize(8))) {
    return u64(0n);
  }
  const lo = u64(readU32le(w, off));
  const hi = u64(readU32le(w, usize(off + 4)));
  return u64(lo | (hi << 32n));
}
