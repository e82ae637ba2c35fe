// The kernel heap's size classes: which pool serves a request, and how a pool page is cut.
//
// Small requests (up to HEAP_MAX_SMALL bytes) are served from pools, one per size class, in the
// style of OSv and jemalloc. Every pool page is one 4 KiB page (order 0) that starts with a
// POOL_HEADER-byte header (kernel/mem/heap_pool.ts) followed by `perPage` slots of the class's
// size; since every slot size is a multiple of 16 and the header is 32 bytes, every slot is
// 16-byte aligned. The classes are multiples of 16 up to 128, then four per doubling up to 1024,
// then 1344 and 2032, the largest sizes of which 3 and 2 slots fit a page:
//   16 32 48 64 80 96 112 128 | 160 192 224 256 | 320 384 448 512 | 640 768 896 1024 | 1344 2032
// Waste bound (internal fragmentation): at most 15 bytes per object up to 128 bytes; from 129
// to 1024 bytes the slot is at most 1.25x the request (each class is at most 5/4 of the one
// before); at most 1.32x for 1025..1344 and 1.51x for 1345..2032. Page waste (bytes of a pool
// page that no slot covers, header included): 25% for the 1024 class (3 slots), at most 12.5%
// for every other class.
// classOf is O(1): a table indexed by ceil(size / 16), filled by heapClassesInit from the class
// sizes. classSlotOf (is an offset exactly a slot, and which) multiplies by a per-class
// reciprocal ceil(2^24 / size) instead of dividing: exact for every offset below 4 KiB. The
// tables are module state written once at init; nothing else changes them.

import { FixedArray } from "../array.ts";
import { mulU32, u32, u8, usize } from "../int.ts";

/** The page size of pool pages and the granule of large allocations. */
export const HEAP_PAGE: usize = usize(4096);
/** Bytes at the start of a pool page before its first slot (heap_pool.ts's PoolPage). */
export const POOL_HEADER: usize = usize(32);
/** The number of size classes. */
export const HEAP_CLASSES: usize = usize(22);
/** The largest request a pool serves; larger ones are large allocations (heap_large.ts). */
export const HEAP_MAX_SMALL: usize = usize(2032);
/** The alignment of every block the heap returns. */
export const HEAP_ALIGN: usize = usize(16);

const CLASS_SIZE = new FixedArray<u32>(HEAP_CLASSES, u32(0));
const CLASS_PER_PAGE = new FixedArray<u32>(HEAP_CLASSES, u32(0));
/** ceil(2^24 / size) per class: classSlotOf's reciprocal. */
const CLASS_RECIP = new FixedArray<u32>(HEAP_CLASSES, u32(0));
/** The class of each size rounded up to 16: index ceil(size / 16), 0..127. */
const CLASS_OF = new FixedArray<u8>(128, u8(0));

function setClass(c: u32, size: u32): void {
  CLASS_SIZE.set(usize(c), size);
  CLASS_PER_PAGE.set(usize(c), u32(u32(usize(HEAP_PAGE - POOL_HEADER)) / size));
  CLASS_RECIP.set(usize(c), u32(u32(u32(0x1000000) + u32(size - 1)) / size));
}

/** Fills the class tables (idempotent). */
export function heapClassesInit(): void {
  for (let c = u32(0); c < 8; c = u32(c + 1)) {
    setClass(c, u32(u32(c + 1) << 4));
  }
  setClass(u32(8), u32(160));
  setClass(u32(9), u32(192));
  setClass(u32(10), u32(224));
  setClass(u32(11), u32(256));
  setClass(u32(12), u32(320));
  setClass(u32(13), u32(384));
  setClass(u32(14), u32(448));
  setClass(u32(15), u32(512));
  setClass(u32(16), u32(640));
  setClass(u32(17), u32(768));
  setClass(u32(18), u32(896));
  setClass(u32(19), u32(1024));
  setClass(u32(20), u32(1344));
  setClass(u32(21), u32(2032));
  let c = u32(0);
  for (let i = usize(0); i < CLASS_OF.length; i = usize(i + 1)) {
    while (usize(CLASS_SIZE.get(usize(c))) < usize(i * 16)) {
      c = u32(c + 1);
    }
    CLASS_OF.set(i, u8(c));
  }
}

/** The class serving a request of size bytes (size <= HEAP_MAX_SMALL). */
export function classOf(size: usize): u32 {
  return u32(CLASS_OF.get(usize(usize(size + 15) / 16)));
}

/** The slot size of class c, in bytes. */
export function classSize(c: u32): usize {
  return usize(CLASS_SIZE.get(usize(c)));
}

/** The slot index of the byte offset off (< HEAP_PAGE) from a pool page's first slot, if off is
 *  exactly a slot of class c, else 0xffffffff (past every page's slots). A multiply by the
 *  class's reciprocal instead of a division: off * ceil(2^24 / size) < 2^32 for off < 4096 and
 *  size >= 16, and the error of the quotient is below off / 2^24 < 1/4096 < 1/size, so the
 *  floor is exact (heap_test.ts checks every offset of every class). */
export function classSlotOf(c: u32, off: u32): u32 {
  const q = u32(mulU32(off, CLASS_RECIP.get(usize(c))) >>> 24);
  return mulU32(q, CLASS_SIZE.get(usize(c))) === off ? q : u32(0xffffffff);
}

/** The number of slots of class c in one pool page. */
export function classPerPage(c: u32): u32 {
  return CLASS_PER_PAGE.get(usize(c));
}
