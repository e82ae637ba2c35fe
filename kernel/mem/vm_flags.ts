// The arch-neutral vocabulary of mappings: protection bits, the frame source of page tables, and
// the structs the page-table walks fill (page_walk.ts, for arch/<ARCH>/page_table.ts; vm.ts).
//
// A mapping's flags are VM_* bits (u32). Every mapping is readable (both MMUs: a present entry
// can always be read at the kernel's privilege), so VM_READ is required and "no access" is
// expressed by unmapping. The rules vmFlagsCheck enforces, before any table is touched:
//   - W^X: VM_WRITE | VM_EXEC together is refused (EINVAL), never mapped;
//   - VM_DEVICE (uncached device memory: x86 PCD|PWT, UC in the power-up PAT, Intel SDM vol.3
//     §11.12.3; aarch64 Device-nGnRnE, AttrIndx 1) is never executable and excludes VM_NC;
//   - VM_NC (normal non-cacheable: x86 PCD alone, UC-; aarch64 AttrIndx 2);
//   - VM_USER is reserved: the kernel has no user space yet (issue 4), so it is refused until a
//     user mode exists to test the U/S bit (x86) and AP[1] plus PAN (aarch64) against;
//   - unknown bits are refused.
// A lookup reports the effective flags in the same bits (VM_EXEC is reported for every page on
// x86_64 when the NX bit is not in use: that is what the hardware then does).
//
// Page tables get their frames from an injected allocator with page_alloc's shape (order 0 =
// one 4 KiB frame, 0 = none), so the kernel passes its page allocator directly and tests pass a
// bump allocator over simulated RAM; the page-table code zeroes each frame itself.

import { u32, u64, usize } from "../int.ts";
import { Errno } from "../errno.ts";

export const VM_READ: u32 = u32(1);
export const VM_WRITE: u32 = u32(2);
export const VM_EXEC: u32 = u32(4);
export const VM_DEVICE: u32 = u32(8);
/** Reserved for user mappings; refused for now. */
export const VM_USER: u32 = u32(16);
export const VM_NC: u32 = u32(32);
/** Every defined bit. */
export const VM_ALL: u32 = u32(63);
/** The memory-type bits: a protection change may not alter them (remap instead). */
export const VM_TYPE_MASK: u32 = u32(40);

/** Kernel text, read-only data, data and device windows. */
export const VM_RX: u32 = u32(5);
export const VM_RO: u32 = u32(1);
export const VM_RW: u32 = u32(3);
export const VM_MMIO: u32 = u32(11);

/** True if any of the bits of bit are set in flags. */
export function vmHas(flags: u32, bit: u32): boolean {
  return u32(flags & bit) !== 0;
}

/** Errno.OK if flags describe a mapping the kernel may make, else Errno.EINVAL. */
export function vmFlagsCheck(flags: u32): Errno {
  if (u32(flags & ~VM_ALL) !== 0 || !vmHas(flags, VM_READ) || vmHas(flags, VM_USER)) {
    return Errno.EINVAL;
  }
  if (vmHas(flags, VM_WRITE) && vmHas(flags, VM_EXEC)) {
    return Errno.EINVAL;
  }
  if (vmHas(flags, VM_DEVICE) && (vmHas(flags, VM_EXEC) || vmHas(flags, VM_NC))) {
    return Errno.EINVAL;
  }
  return Errno.OK;
}

/** Allocates 2^order contiguous 4 KiB frames aligned to their size (page tables ask for
 *  order 0), or returns 0 when there are none. The contents need not be zero. */
export type FrameAllocFn = (order: u32) => usize;
/** Gives back 2^order frames at pa, as allocated. */
export type FrameFreeFn = (pa: usize, order: u32) => void;

/** The result of a translation (walkLookup). Levels count from the root: 0 is the root table
 *  (PML4 / level 0), 3 holds 4 KiB pages, 2 MiB blocks sit at level 2 and 1 GiB ones at 1. */
export class PtWalk {
  /** True if va is mapped; the fields below then describe the leaf. */
  present: boolean = false;
  /** The physical address va translates to. */
  pa: usize = usize(0);
  /** Effective VM_* flags. */
  flags: u32 = u32(0);
  /** The level of the leaf entry, or of the invalid entry where the walk stopped. */
  level: u32 = u32(0);
  /** Bytes the leaf maps (4 KiB, 2 MiB, 1 GiB); 0 if not present. */
  size: usize = usize(0);
  /** The leaf entry's raw bits (or the invalid entry where the walk stopped). */
  raw: u64 = u64(0n);
}

/** A block split in progress (walkSplitStart / ptSplitFinish). */
export class PtSplit {
  /** The table (physical address) and index of the entry that mapped the block. */
  table: usize = usize(0);
  index: usize = usize(0);
  /** The table descriptor that replaces it. */
  value: u64 = u64(0n);
  /** The virtual address of the block. */
  va: usize = usize(0);
  /** True if the entry is invalid now (break-before-make): the caller must invalidate the
   *  block's TLB entries, then call ptSplitFinish. */
  pending: boolean = false;
}

/** What a set of tables holds (walkCount): table frames (the root included), 2 MiB blocks and
 *  4 KiB pages. */
export class PtCounts {
  tables: u32 = u32(0);
  blocks: u32 = u32(0);
  pages: u32 = u32(0);
}
