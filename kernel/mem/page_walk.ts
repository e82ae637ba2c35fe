// Page-table walks for any PtFormat (pt_format.ts): the geometry both MMUs share, the walks of
// one address (lookup, split) and of whole tables (count). The range operations (map, unmap,
// protect) are page_range.ts. arch/<ARCH>/page_table.ts holds the entry encoding (its PtFormat)
// and calls these with it; table memory is reached only through pt_entry.ts, so this is safe
// code.
//
// Geometry (pt_format.ts): levels 0 (root) to 3, 9 virtual-address bits each above a 12-bit
// offset; 4 KiB pages at level 3, 2 MiB blocks at level 2, 1 GiB blocks at level 1 (read and
// counted, never made).
//
// Invariants:
//   - a table's frame comes from the injected FrameAllocFn and is zeroed before it is linked,
//     so the walker never sees garbage;
//   - permissions combine over the levels as both MMUs do: writes need every level to allow
//     them, one level denying execution denies it (walkLookup); the tables made here deny
//     nothing in table pointers, so the leaf alone decides;
//   - a split writes the new table fully before it is linked. A format without break-before-make
//     (x86_64, Intel SDM vol.3 §4.10.2: a stale 2 MiB TLB entry maps the same bytes with the
//     same rights) replaces the block entry in one store; one with it (aarch64, Arm ARM D8.16.1)
//     leaves the entry invalid, and the caller (vm.ts) invalidates the TLB before ptSplitFinish
//     links the table;
//   - nothing here flushes the TLB (kernel/mem/vm.ts does, for the active space), and nothing
//     here takes a lock: single CPU for now; with SMP (issue 5) the address space's lock in
//     vm.ts covers these calls.

import { u32, u64, usize } from "../int.ts";
import { Errno } from "../errno.ts";
import { PT_ENTRIES, ptEntryLoad, ptEntryStore, ptTableZero } from "./pt_entry.ts";
import { PtFormat } from "./pt_format.ts";
import {
  type FrameAllocFn,
  PtCounts,
  PtSplit,
  PtWalk,
  VM_EXEC,
  VM_READ,
  VM_WRITE,
} from "./vm_flags.ts";

export const PT_PAGE_SIZE: usize = usize(0x1000);
export const PT_BLOCK_SIZE: usize = usize(0x200000);

/** The level of 4 KiB pages, and of 2 MiB blocks. */
export const PT_PAGE_LEVEL: u32 = u32(3);
export const PT_BLOCK_LEVEL: u32 = u32(2);

function levelShift(level: u32): u64 {
  return u64(39n - u64(level) * 9n);
}

export function ptLevelSize(level: u32): usize {
  return usize(u64(1n << levelShift(level)));
}

export function ptSlotIndex(va: usize, level: u32): usize {
  return usize(u64(u64(u64(va) >> levelShift(level)) & 511n));
}

/** The table a present table pointer points to. */
export function ptTablePa(f: PtFormat, e: u64): usize {
  return usize(u64(e & f.addrMask));
}

/** The page or block a present leaf at level maps. */
export function ptLeafPa(f: PtFormat, e: u64, level: u32): usize {
  const offset = u64(u64(ptLevelSize(level)) - 1n);
  return usize(u64(e & f.addrMask & ~offset));
}

/** A fresh zeroed table from alloc, or 0. */
export function ptNewTable(alloc: FrameAllocFn): usize {
  const t = alloc(u32(0));
  if (t !== 0) {
    ptTableZero(t);
  }
  return t;
}

/** A new, empty root table (4 KiB-aligned physical address), or 0 if alloc has no frame. */
export function ptCreate(alloc: FrameAllocFn): usize {
  return ptNewTable(alloc);
}

/** Translates va as the MMU would: true and out filled if mapped, else false (out.present
 *  false, out.level and out.raw the invalid entry where the walk stopped). */
export function walkLookup(f: PtFormat, root: usize, va: usize, out: PtWalk): boolean {
  out.present = false;
  out.pa = usize(0);
  out.flags = u32(0);
  out.level = u32(0);
  out.size = usize(0);
  out.raw = u64(0n);
  if (va >= f.vaEnd) {
    return false;
  }
  let table = root;
  let writable = true;
  let noExec = false;
  for (let level = u32(0); level <= PT_PAGE_LEVEL; level = u32(level + 1)) {
    const e = ptEntryLoad(table, ptSlotIndex(va, level));
    out.level = level;
    out.raw = e;
    if (!f.isPresent(e, level)) {
      return false;
    }
    writable = writable && !f.deniesWrite(e, level);
    noExec = noExec || f.deniesExec(e, level);
    if (f.isLeaf(e, level)) {
      const size = ptLevelSize(level);
      out.present = true;
      out.size = size;
      out.pa = usize(ptLeafPa(f, e, level) + va % size);
      let flags = u32(VM_READ | f.leafType(e));
      if (writable) {
        flags = u32(flags | VM_WRITE);
      }
      if (!noExec) {
        flags = u32(flags | VM_EXEC);
      }
      out.flags = flags;
      return true;
    }
    table = ptTablePa(f, e);
  }
  return false;
}

/** Splits the 2 MiB block that maps va into a table of 512 4 KiB pages with the same addresses
 *  and attributes; the new table is written fully before it is linked. Without
 *  f.breakBeforeMake the block entry is replaced by the table entry in one store and
 *  out.pending is false. With it the entry is left invalid and out.pending is true: the caller
 *  invalidates the TLB for the block (if the tables are live), then calls ptSplitFinish. Until
 *  then the block is unmapped, so the code, stack and tables doing the split must not be reached
 *  through it. ENOENT: va is not mapped; EINVAL: not by a 2 MiB block; ENOMEM: no frame for
 *  the table (nothing changed). */
export function walkSplitStart(
  f: PtFormat,
  root: usize,
  va: usize,
  alloc: FrameAllocFn,
  out: PtSplit,
): Errno {
  out.pending = false;
  if (va >= f.vaEnd) {
    return Errno.EINVAL;
  }
  let table = root;
  for (let level = u32(0); level <= PT_BLOCK_LEVEL; level = u32(level + 1)) {
    const e = ptEntryLoad(table, ptSlotIndex(va, level));
    if (!f.isPresent(e, level)) {
      return Errno.ENOENT;
    }
    if (f.isLeaf(e, level) !== (level === PT_BLOCK_LEVEL)) {
      return Errno.EINVAL; // a 1 GiB block above, or a table where the block should be
    }
    if (level !== PT_BLOCK_LEVEL) {
      table = ptTablePa(f, e);
    }
  }
  const i = ptSlotIndex(va, PT_BLOCK_LEVEL);
  const e = ptEntryLoad(table, i);
  const t = ptNewTable(alloc);
  if (t === 0) {
    return Errno.ENOMEM;
  }
  const base = ptLeafPa(f, e, PT_BLOCK_LEVEL);
  for (let j = usize(0); j < PT_ENTRIES; j = usize(j + 1)) {
    ptEntryStore(t, j, f.pageFromBlock(e, usize(base + j * PT_PAGE_SIZE)));
  }
  out.table = table;
  out.index = i;
  out.value = f.tableEntry(t);
  out.va = usize(va - va % PT_BLOCK_SIZE);
  out.pending = f.breakBeforeMake;
  ptEntryStore(table, i, f.breakBeforeMake ? u64(0n) : out.value);
  return Errno.OK;
}

/** Completes a split that left its entry invalid (split.pending): links the new table. */
export function ptSplitFinish(split: PtSplit): void {
  if (split.pending) {
    ptEntryStore(split.table, split.index, split.value);
    split.pending = false;
  }
}

function countIn(f: PtFormat, table: usize, level: u32, out: PtCounts): void {
  out.tables = u32(out.tables + 1);
  for (let i = usize(0); i < PT_ENTRIES; i = usize(i + 1)) {
    const e = ptEntryLoad(table, i);
    if (!f.isPresent(e, level)) {
      continue;
    }
    if (!f.isLeaf(e, level)) {
      countIn(f, ptTablePa(f, e), u32(level + 1), out);
    } else if (level === PT_PAGE_LEVEL) {
      out.pages = u32(out.pages + 1);
    } else if (level === PT_BLOCK_LEVEL) {
      out.blocks = u32(out.blocks + 1);
    }
  }
}

/** Counts the tables (the root included), 2 MiB blocks and 4 KiB pages under root. */
export function walkCount(f: PtFormat, root: usize, out: PtCounts): void {
  out.tables = u32(0);
  out.blocks = u32(0);
  out.pages = u32(0);
  countIn(f, root, u32(0), out);
}
