"use unsafe";
// Page-table memory: the one place that reads and writes table frames (the range walks of
// page_walk.ts are safe code over these three calls).
//
// A table is one 4 KiB frame of 512 64-bit entries, at a physical address the kernel reaches
// through the linear map (phys_addr.ts). Every entry access is a single aligned 64-bit atomic
// load or store (on aarch64 a release store, stlr), never torn: the hardware table walker may
// read an entry at any moment, and a plain 64-bit store may be split (the aarch64 kernel is
// built with -mstrict-align). What the hardware cannot check is checked here: the table is a
// non-zero 4 KiB-aligned frame and the index is below 512; a violation is a kernel bug and
// unreachable() (this module also runs in hosted differential builds, which have no panic).
// Making stores visible to the walker and dropping stale TLB entries is the caller's TLB
// maintenance (kernel/mem/vm.ts). No lock: single CPU for now (see vm.ts for SMP).

import { u64, u8, usize } from "../int.ts";
import { addr, atomicLoad64, atomicStore64, memSet, unreachable } from "../intrinsics.ts";
import { physToVirt } from "./phys_addr.ts";

/** Entries per table, and the bytes of a table frame. */
export const PT_ENTRIES: usize = usize(512);
export const PT_TABLE_SIZE: usize = usize(0x1000);

function tableOk(table: usize): boolean {
  return table !== 0 && usize(table % PT_TABLE_SIZE) === 0;
}

/** The virtual address of entry i of table. */
function slot(table: usize, i: usize): usize {
  if (i >= PT_ENTRIES || !tableOk(table)) {
    unreachable(); // a walker bug: an index or table the walk never forms
  }
  return addr(physToVirt(table) + i * 8);
}

/** Entry i of table. */
export function ptEntryLoad(table: usize, i: usize): u64 {
  return atomicLoad64(slot(table, i));
}

/** Sets entry i of table to e, in one store. */
export function ptEntryStore(table: usize, i: usize, e: u64): void {
  atomicStore64(slot(table, i), e);
}

/** Zeroes the table frame at table (512 invalid entries). */
export function ptTableZero(table: usize): void {
  if (!tableOk(table)) {
    unreachable(); // the frame allocator's bug: frames are 4 KiB-aligned
  }
  memSet(physToVirt(table), u8(0), PT_TABLE_SIZE);
}
