// What the kernel heap found wrong with a pointer it was given, as a value.
//
// The heap's checks (heap_core.ts, heap_pool.ts, heap_large.ts, heap_debug.ts) report a bad
// free or a damaged block as a HeapFault instead of panicking, so that the heap's core can run
// in hosted builds (the differential program, the malloc benchmark), which cannot link the
// kernel's console and power-off. kernel/mem/heap.ts, the kernel's face of the heap, turns every
// fault into a panic (kfree, kmalloc, kmallocUsable). The last fault and the address it concerns
// are also kept in heapFault, for the calls whose result is an address (0 then).

import { usize } from "../int.ts";

export enum HeapFault {
  /** Nothing wrong. */
  NONE = 0,
  /** The pointer is not a block of this heap (no header, not at a slot, not 16-aligned). */
  FOREIGN = 1,
  /** The block is already free. */
  DOUBLE_FREE = 2,
  /** The redzone after the block (or its debug tag) was overwritten. */
  OVERFLOW = 3,
  /** A heap header holds impossible values. */
  CORRUPT = 4,
  /** A free slot's poison was overwritten (debug mode, found when it is handed out again). */
  WRITE_AFTER_FREE = 5,
}

/** The last fault found and the block it concerns. */
export class HeapFaultRecord {
  fault: HeapFault = HeapFault.NONE;
  at: usize = usize(0);
  /** Faults found since heapInit. */
  count: usize = usize(0);
}

export const heapFault = new HeapFaultRecord();

/** Records fault f about the block at a and returns f. */
export function noteFault(f: HeapFault, a: usize): HeapFault {
  heapFault.fault = f;
  heapFault.at = a;
  heapFault.count = usize(heapFault.count + 1);
  return f;
}

/** Forgets recorded faults. */
export function clearFaults(): void {
  heapFault.fault = HeapFault.NONE;
  heapFault.at = usize(0);
  heapFault.count = usize(0);
}
