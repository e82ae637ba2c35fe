// A page-table format: what the range walks of page_walk.ts need to know about one MMU's
// entries, as an ops table (a class whose fields are function values, docs/SUBSET.md §4
// "Function values", and constants).
//
// Both MMUs the kernel runs on share the geometry the walk assumes: 4 levels (0 = root to 3) of
// 512-entry tables in 4 KiB frames, 9 bits of virtual address per level, 4 KiB pages at level 3,
// 2 MiB blocks at level 2 and (read, never made) 1 GiB blocks at level 1 (Intel SDM vol.3 §4.5
// 4-level paging; Arm ARM DDI 0487 D8.2, 4 KiB granule with 48-bit VA). What differs is the
// encoding of an entry and a few limits, and that is all a format holds:
//   - vaEnd/paEnd: mappable virtual addresses are [0, vaEnd), physical ones [0, paEnd);
//   - addrMask: the address bits of a table pointer or 4 KiB page entry (a block's address is
//     the same mask without the bits below its size);
//   - breakBeforeMake: replacing a block by a table needs an invalid entry in between;
//   - the entry functions below. "Leaf" is a page (level 3) or a block (levels 1 and 2); a
//     table pointer at levels 0 to 2 is not a leaf.
// A format lives in arch/<ARCH>/page_table.ts as a module-level instance whose fields that
// module sets on first use (the subset has no constructors: R-STRUCT-1), and sets ready. The
// placeholder functions here are never called: a walk over a format that is not ready is a
// kernel bug, and they say so with unreachable().

import { u32, u64, usize } from "../int.ts";
import { unreachable } from "../intrinsics.ts";

/** A property of the entry e found at level (present, leaf, denies writes, denies execution). */
export type PtEntryTest = (e: u64, level: u32) => boolean;
/** The table-pointer entry for the table frame at pa. */
export type PtTableEntryFn = (pa: usize) => u64;
/** The leaf entry mapping pa with VM_* flags (already checked by vmFlagsCheck) at level 2
 *  (a 2 MiB block) or 3 (a 4 KiB page). */
export type PtLeafEntryFn = (pa: usize, flags: u32, level: u32) => u64;
/** The memory-type bits (VM_DEVICE, VM_NC or 0) of the leaf e. */
export type PtLeafTypeFn = (e: u64) => u32;
/** The 4 KiB page entry for pa with the attributes of the 2 MiB block entry e. */
export type PtPageFromBlockFn = (e: u64, pa: usize) => u64;

export class PtFormat {
  /** False until the arch module has set the fields below. */
  ready: boolean = false;
  vaEnd: usize = usize(0);
  paEnd: usize = usize(0);
  addrMask: u64 = u64(0n);
  breakBeforeMake: boolean = false;
  /** A valid entry (reserved encodings are not). */
  isPresent: PtEntryTest = unsetTest;
  /** A present entry that maps memory (page or block) rather than pointing to a table. */
  isLeaf: PtEntryTest = unsetTest;
  tableEntry: PtTableEntryFn = unsetTableEntry;
  leafEntry: PtLeafEntryFn = unsetLeafEntry;
  leafType: PtLeafTypeFn = unsetLeafType;
  pageFromBlock: PtPageFromBlockFn = unsetPageFromBlock;
  /** A present entry that forbids kernel writes to what it maps (a leaf) or to everything
   *  below it (a table pointer with a hierarchical attribute). */
  deniesWrite: PtEntryTest = unsetTest;
  /** The same for kernel instruction fetches. */
  deniesExec: PtEntryTest = unsetTest;
}

function unsetTest(_e: u64, _level: u32): boolean {
  unreachable();
}

function unsetTableEntry(_pa: usize): u64 {
  unreachable();
}

function unsetLeafEntry(_pa: usize, _flags: u32, _level: u32): u64 {
  unreachable();
}

function unsetLeafType(_e: u64): u32 {
  unreachable();
}

function unsetPageFromBlock(_e: u64, _pa: usize): u64 {
  unreachable();
}
