"use unsafe";
// The byte patterns of the kernel heap: debug-mode poison, redzones and tags, and zeroing.
//
// In debug mode (heapInit(..., true)) every block is laid out as
//   [b, b + n)             the caller's n bytes, filled with POISON_NEW (0xa5) when handed out
//                          (kmallocZeroed zeroes them instead);
//   [b + n, tag)           the redzone, at least 8 bytes of REDZONE_BYTE (0xfd);
//   [tag, tag + 8)         the tag: u32 n, then u32 TAG_LIVE.
// For a pool slot the tag is the slot's last 8 bytes (so a class is chosen for n + 16 bytes);
// for a large block it follows an 8-byte redzone. On free, debugCheck reads the tag and the
// redzone: a tag that is free poison means the block was already freed (double free); a tag or
// a redzone byte changed means the caller wrote past its n bytes (overflow). Then the block is
// filled with POISON_FREE (0x6b) (a pool slot all but its first 8 bytes, the free-list link),
// and when a slot is handed out again debugCheckFresh verifies that its poison is intact (a
// write after free). Invariant: in debug mode every free pool slot of the heap, except its link,
// holds POISON_FREE. Nothing here keeps state; the checks cost O(block size) and run in debug
// mode only (zeroing runs in both).

import { u32, u8, usize } from "../int.ts";
import { addr, load32, load64, load8, memSet, store32 } from "../intrinsics.ts";
import { HeapFault } from "./heap_fault.ts";

export const POISON_NEW: u8 = u8(0xa5);
export const POISON_FREE: u8 = u8(0x6b);
export const REDZONE_BYTE: u8 = u8(0xfd);
/** The second word of a live block's tag. */
export const TAG_LIVE: u32 = u32(0x4c495645); // "LIVE"
/** Bytes a debug block needs beyond the caller's: at least 8 of redzone and the 8-byte tag. */
export const DEBUG_EXTRA: usize = usize(16);

/** Lays out a debug block of n bytes at b whose tag is at tag (tag >= b + n + 8). */
export function debugArm(b: usize, n: usize, tag: usize): void {
  memSet(b, POISON_NEW, n);
  memSet(addr(b + n), REDZONE_BYTE, usize(tag - addr(b + n)));
  store32(tag, u32(n));
  store32(addr(tag + 4), TAG_LIVE);
}

/** The caller's size recorded in the tag at tag (after a successful debugCheck). */
export function debugSize(tag: usize): usize {
  return usize(load32(tag));
}

/** Checks the debug block at b with its tag at tag. */
export function debugCheck(b: usize, tag: usize): HeapFault {
  const n = usize(load32(tag));
  const live = load32(addr(tag + 4));
  if (live !== TAG_LIVE) {
    return live === 0x6b6b6b6b && n === 0x6b6b6b6b ? HeapFault.DOUBLE_FREE : HeapFault.OVERFLOW;
  }
  if (usize(n + 8) > usize(tag - b)) {
    return HeapFault.OVERFLOW;
  }
  for (let p = addr(b + n); p < tag; p = addr(p + 1)) {
    if (load8(p) !== REDZONE_BYTE) {
      return HeapFault.OVERFLOW;
    }
  }
  return HeapFault.NONE;
}

/** Fills len bytes at b with POISON_FREE. */
export function debugPoison(b: usize, len: usize): void {
  memSet(b, POISON_FREE, len);
}

/** Checks that the free slot at b of len bytes (a multiple of 8) still holds POISON_FREE after
 *  its 8-byte link. */
export function debugCheckFresh(b: usize, len: usize): HeapFault {
  for (let p = addr(b + 8); p < addr(b + len); p = addr(p + 8)) {
    if (load64(p) !== 0x6b6b6b6b6b6b6b6bn) {
      return HeapFault.WRITE_AFTER_FREE;
    }
  }
  return HeapFault.NONE;
}

/** Zeroes n bytes at b. */
export function zeroBytes(b: usize, n: usize): void {
  memSet(b, u8(0), n);
}
