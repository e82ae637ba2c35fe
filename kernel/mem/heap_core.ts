// The kernel heap's core: kmalloc and kfree with every fault reported as a value.
//
// heapAlloc serves a request of up to HEAP_MAX_SMALL bytes from the pool of its size class
// (heap_pool.ts) and a larger one with whole pages (heap_large.ts); every block is 16-byte
// aligned. A request of 0 bytes gets a real, freeable 16-byte block (so 0 always means out of
// memory, as with glibc's malloc(0)); requests above HEAP_MAX_REQUEST (2 GiB) get 0. When the
// page source runs out, the heap empties the front caches (heap_magazine.ts) and gives back
// every class's spare page and tries once more before
// it returns 0; a failed allocation changes nothing else, so the heap stays consistent.
// heapRelease finds the header of a block at its address rounded down to 4 KiB (O(1)) and checks
// the block before taking it back: 16-byte alignment, a known magic, an exact slot of a pool
// page or the exact start of a large block, and that it is not visibly free (heap_pool.ts); in
// debug mode also the tag and the redzone, and it poisons the freed bytes (heap_debug.ts); in
// non-debug mode also that it is not in a front cache. A checked non-debug pool block goes to
// the running CPU's magazine of its class (heap_magazine.ts: at most 16 slots and 1 KiB per
// class and CPU) while it has room, else to its page; non-debug allocations take from the
// magazine first. Debug mode never caches: every freed slot is poisoned on its page. A fault is
// returned (and noted in heapFault, heap_fault.ts) and the block left alone.
// kernel/mem/heap.ts turns faults into panics; this file must not, so that hosted builds (the
// differential program, the malloc benchmark) can use it. Single CPU, interrupts off: no lock.
// With SMP (issue 5): per-CPU pools (heap_pool.ts) for the fast path and a heap lock around the
// page source, the large blocks and the frees of another CPU's blocks.

import { alignDown, u32, usize } from "../int.ts";
import {
  classOf,
  classSize,
  HEAP_ALIGN,
  HEAP_MAX_SMALL,
  HEAP_PAGE,
  heapClassesInit,
} from "./heap_classes.ts";
import {
  DEBUG_EXTRA,
  debugArm,
  debugCheck,
  debugCheckFresh,
  debugPoison,
  debugSize,
  zeroBytes,
} from "./heap_debug.ts";
import { clearFaults, HeapFault, heapFault, noteFault } from "./heap_fault.ts";
import {
  LARGE_FREED,
  LARGE_HEADER,
  LARGE_MAGIC,
  largeAlloc,
  largeCheck,
  largeFree,
  largeInit,
  largeSize,
  largeUsable,
} from "./heap_large.ts";
import {
  pageMagic,
  POOL_MAGIC,
  poolAlloc,
  poolCheck,
  poolClassOf,
  poolFree,
  poolsInit,
  poolsTrim,
} from "./heap_pool.ts";
import { magFlush, magHolds, magInit, magPop, magPush } from "./heap_magazine.ts";
import { heapSource, type PageAllocFn, type PageFreeFn, sourceInit } from "./heap_source.ts";

/** The largest request the heap serves. */
export const HEAP_MAX_REQUEST: usize = usize(0x80000000);

/** Where checkBlock found a block. */
class Found {
  /** The 4 KiB page holding the block's header. */
  page: usize = usize(0);
  large: boolean = false;
  /** Pool blocks: the class. */
  cls: u32 = u32(0);
  /** Pool blocks: the slot size; large blocks: the usable bytes. */
  size: usize = usize(0);
  /** Debug mode: the address of the block's tag. */
  tag: usize = usize(0);
}

const found = new Found();

/** Starts an empty heap over a page source (pages of an earlier heap are forgotten). */
export function heapSetup(alloc: PageAllocFn, free: PageFreeFn, debug: boolean): void {
  heapClassesInit();
  sourceInit(alloc, free, debug);
  poolsInit();
  magInit();
  largeInit();
  clearFaults();
}

/** A 16-byte aligned block of size bytes, or 0 (out of memory, or a fault: heapFault). */
export function heapAlloc(size: usize): usize {
  const faults = heapFault.count;
  const b = allocOnce(size);
  if (b !== 0 || heapFault.count !== faults) {
    return b;
  }
  const flushed = magFlush();
  if (poolsTrim() === 0 && flushed === 0) {
    return usize(0);
  }
  return allocOnce(size);
}

function allocOnce(size: usize): usize {
  if (!heapSource.debug) {
    if (size <= HEAP_MAX_SMALL) {
      const c = classOf(size);
      const b = magPop(c);
      return b !== 0 ? b : poolAlloc(c);
    }
    if (size > HEAP_MAX_REQUEST) {
      return usize(0);
    }
    return largeAlloc(size, usize(0));
  }
  if (size > HEAP_MAX_REQUEST) {
    return usize(0);
  }
  const need = usize(size + DEBUG_EXTRA);
  if (need <= HEAP_MAX_SMALL) {
    const c = classOf(need);
    const b = poolAlloc(c);
    if (b === 0) {
      return usize(0);
    }
    const slot = classSize(c);
    const f = debugCheckFresh(b, slot);
    if (f !== HeapFault.NONE) {
      noteFault(f, b);
      return usize(0);
    }
    debugArm(b, size, usize(usize(b + slot) - 8));
    return b;
  }
  const b = largeAlloc(size, DEBUG_EXTRA);
  if (b !== 0) {
    debugArm(b, size, usize(b + size + 8));
  }
  return b;
}

/** A block of size bytes, all zero, or 0. */
export function heapAllocZeroed(size: usize): usize {
  const b = heapAlloc(size);
  if (b !== 0) {
    zeroBytes(b, heapUsable(b));
  }
  return b;
}

/** Checks that b is a live block of the heap; fills `found`. */
function checkBlock(b: usize): HeapFault {
  if (b === 0 || usize(b % HEAP_ALIGN) !== 0) {
    return HeapFault.FOREIGN;
  }
  const page = alignDown(b, HEAP_PAGE);
  const magic = pageMagic(page);
  found.page = page;
  if (magic === POOL_MAGIC) {
    const f = poolCheck(page, b);
    if (f !== HeapFault.NONE) {
      return f;
    }
    const c = poolClassOf(page);
    found.large = false;
    found.cls = c;
    found.size = classSize(c);
    if (heapSource.debug) {
      found.tag = usize(usize(b + found.size) - 8);
      return debugCheck(b, found.tag);
    }
    return magHolds(c, b) ? HeapFault.DOUBLE_FREE : HeapFault.NONE;
  }
  if (magic === LARGE_MAGIC) {
    const f = largeCheck(page, b);
    if (f !== HeapFault.NONE) {
      return f;
    }
    found.large = true;
    found.size = largeUsable(page);
    if (heapSource.debug) {
      const n = largeSize(page);
      found.tag = usize(b + n + 8);
      return debugCheck(b, found.tag);
    }
    return HeapFault.NONE;
  }
  if (magic === LARGE_FREED && b === usize(page + LARGE_HEADER)) {
    return HeapFault.DOUBLE_FREE;
  }
  return HeapFault.FOREIGN;
}

/** Frees block b (0: nothing); a fault leaves the heap untouched. */
export function heapRelease(b: usize): HeapFault {
  if (b === 0) {
    return HeapFault.NONE;
  }
  const f = checkBlock(b);
  if (f !== HeapFault.NONE) {
    return noteFault(f, b);
  }
  const page = found.page;
  if (found.large) {
    if (heapSource.debug) {
      debugPoison(b, usize(usize(found.tag + 8) - b));
    }
    largeFree(page);
  } else {
    if (heapSource.debug) {
      debugPoison(usize(b + 8), usize(found.size - 8));
      poolFree(page, b);
    } else if (!magPush(found.cls, b)) {
      poolFree(page, b);
    }
  }
  return HeapFault.NONE;
}

/** The usable size of the live block b (debug mode: exactly the requested size), or 0 with the
 *  fault noted in heapFault. */
export function heapUsable(b: usize): usize {
  const f = checkBlock(b);
  if (f !== HeapFault.NONE) {
    noteFault(f, b);
    return usize(0);
  }
  if (heapSource.debug) {
    return debugSize(found.tag);
  }
  return found.size;
}

/** Gives every cached slot back to its pool (heap_magazine.ts), then every class's spare pool
 *  page back to the page source; returns how many pages. */
export function heapTrim(): usize {
  magFlush();
  return poolsTrim();
}

/** The class index serving a request (for tests and stats readers). */
export function heapClassOf(size: usize): u32 {
  return classOf(size);
}
