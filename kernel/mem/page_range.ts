// Page-table range operations for any PtFormat (pt_format.ts): map, unmap and protect a range
// of virtual addresses, by one recursive walker with four operations (find, check, clear,
// protect). The geometry and the single-address walks are page_walk.ts; vm.ts calls them with
// the arch's format (ptFormat() of @arch/mod.ts). Safe code: table memory is
// reached only through pt_entry.ts.
//
// Invariants:
//   - walkMap, walkUnmap and walkProtect check the whole range before they change anything, so
//     a refused call (EINVAL, EEXIST, ENOENT) leaves the tables as they were; an ENOMEM in
//     walkMap removes the entries it had written (empty tables it linked stay: valid, reused);
//   - walkMap makes 2 MiB blocks wherever va, pa and the remaining size allow and no table is
//     linked there, else 4 KiB pages;
//   - walkUnmap and walkProtect never split a block: a range that cuts one is EINVAL (split it
//     first: walkSplitStart), and walkProtect changes rights only, never the memory type (that
//     needs an unmap and a map; on aarch64 it would also need break-before-make, D8.16.1);
//   - nothing here flushes the TLB or takes a lock (see page_walk.ts).
// A kernel bug (a leaf where a range check found none) is unreachable(): this module also runs
// in hosted differential builds, which provide no panic of their own.

import { u32, u64, usize } from "../int.ts";
import { unreachable } from "../intrinsics.ts";
import { Errno } from "../errno.ts";
import { PT_ENTRIES, ptEntryLoad, ptEntryStore } from "./pt_entry.ts";
import { PtFormat } from "./pt_format.ts";
import {
  PT_BLOCK_LEVEL,
  PT_BLOCK_SIZE,
  PT_PAGE_LEVEL,
  PT_PAGE_SIZE,
  ptLeafPa,
  ptLevelSize,
  ptNewTable,
  ptSlotIndex,
  ptTablePa,
} from "./page_walk.ts";
import { type FrameAllocFn, type FrameFreeFn, VM_TYPE_MASK, vmFlagsCheck } from "./vm_flags.ts";

/** Report EEXIST at the first present leaf (walkMap's check). */
const OP_FIND: u32 = u32(0);
/** Report EINVAL at a leaf the range does not cover whole, or whose memory type is not
 *  op.flags' (when checkType), and ENOENT at a hole (when holesBad). */
const OP_CHECK: u32 = u32(1);
/** Clear every leaf (covered whole: OP_CHECK said so); free emptied tables (when freeTables). */
const OP_CLEAR: u32 = u32(2);
/** Rewrite every leaf with op.flags. */
const OP_PROTECT: u32 = u32(3);

class RangeOp {
  kind: u32 = u32(0);
  flags: u32 = u32(0);
  checkType: boolean = false;
  holesBad: boolean = false;
  freeTables: boolean = false;
  free: FrameFreeFn = keepFrames;
  result: Errno = Errno.OK;
}

function keepFrames(_pa: usize, _order: u32): void {}

function tableEmpty(table: usize): boolean {
  for (let i = usize(0); i < PT_ENTRIES; i = usize(i + 1)) {
    if (ptEntryLoad(table, i) !== 0n) {
      return false;
    }
  }
  return true;
}

/** Applies op to the leaf e, entry i of table at level; whole if the range covers it. */
function leafOp(
  f: PtFormat,
  table: usize,
  i: usize,
  e: u64,
  level: u32,
  whole: boolean,
  op: RangeOp,
): void {
  switch (op.kind) {
    case OP_FIND:
      op.result = Errno.EEXIST;
      return;
    case OP_CHECK: {
      const want = u32(op.flags & VM_TYPE_MASK);
      if (!whole || (op.checkType && f.leafType(e) !== want)) {
        op.result = Errno.EINVAL;
      }
      return;
    }
    case OP_CLEAR:
      if (!whole) {
        unreachable(); // OP_CHECK refused ranges that cut a leaf
      }
      ptEntryStore(table, i, u64(0n));
      return;
    default: {
      const pa = ptLeafPa(f, e, level);
      ptEntryStore(table, i, f.leafEntry(pa, op.flags, level));
      return;
    }
  }
}

/** Applies op to [start, end) inside the table at level that maps [base, base + 512 * size). */
function walkRange(
  f: PtFormat,
  table: usize,
  level: u32,
  base: usize,
  start: usize,
  end: usize,
  op: RangeOp,
): void {
  const size = ptLevelSize(level);
  const last = ptSlotIndex(usize(end - 1), level);
  for (let i = ptSlotIndex(start, level); i <= last; i = usize(i + 1)) {
    if (op.result !== Errno.OK) {
      return;
    }
    const lo = usize(base + i * size);
    const hi = usize(lo + size);
    const from = start > lo ? start : lo;
    const to = end < hi ? end : hi;
    const e = ptEntryLoad(table, i);
    if (!f.isPresent(e, level)) {
      if (op.kind === OP_CHECK && op.holesBad) {
        op.result = Errno.ENOENT;
      }
    } else if (f.isLeaf(e, level)) {
      leafOp(f, table, i, e, level, from === lo && to === hi, op);
    } else {
      const child = ptTablePa(f, e);
      walkRange(f, child, u32(level + 1), lo, from, to, op);
      if (op.kind === OP_CLEAR && op.freeTables && tableEmpty(child)) {
        ptEntryStore(table, i, u64(0n));
        op.free(child, u32(0));
      }
    }
  }
}

/** Runs op over [va, va + size) from root. */
function walkAll(f: PtFormat, root: usize, va: usize, size: usize, op: RangeOp): Errno {
  walkRange(f, root, u32(0), usize(0), va, usize(va + size), op);
  return op.result;
}

/** True if [a, a + size) is a non-empty run of whole pages below limit. */
function rangeOk(a: usize, size: usize, limit: usize): boolean {
  return size !== 0 && usize(a % PT_PAGE_SIZE) === 0 &&
    usize(size % PT_PAGE_SIZE) === 0 && size <= limit &&
    a <= usize(limit - size);
}

/** The table holding va's entry at level, linking new tables on the way; 0 if a table cannot
 *  be had. */
function tableFor(f: PtFormat, root: usize, va: usize, level: u32, alloc: FrameAllocFn): usize {
  let table = root;
  for (let l = u32(0); l < level; l = u32(l + 1)) {
    const i = ptSlotIndex(va, l);
    let e = ptEntryLoad(table, i);
    if (!f.isPresent(e, l)) {
      const t = ptNewTable(alloc);
      if (t === 0) {
        return usize(0);
      }
      e = f.tableEntry(t);
      ptEntryStore(table, i, e);
    } else if (f.isLeaf(e, l)) {
      unreachable(); // walkMap checked that nothing is mapped in its range
    }
    table = ptTablePa(f, e);
  }
  return table;
}

/** Maps [va, va + size) to [pa, pa + size) with flags: 2 MiB blocks wherever va, pa and the
 *  remaining size allow and no table is in the way, else 4 KiB pages. EINVAL: bad flags (W+X),
 *  misaligned or empty range, out of the address space; EEXIST: something is mapped in the
 *  range; ENOMEM: no frame for a table (the range is then unmapped again). */
export function walkMap(
  f: PtFormat,
  root: usize,
  va: usize,
  pa: usize,
  size: usize,
  flags: u32,
  alloc: FrameAllocFn,
): Errno {
  const err = vmFlagsCheck(flags);
  if (err !== Errno.OK) {
    return err;
  }
  if (!rangeOk(va, size, f.vaEnd) || !rangeOk(pa, size, f.paEnd)) {
    return Errno.EINVAL;
  }
  const find = new RangeOp();
  find.kind = OP_FIND;
  if (walkAll(f, root, va, size, find) !== Errno.OK) {
    return find.result;
  }
  let off = usize(0);
  while (off < size) {
    const v = usize(va + off);
    const p = usize(pa + off);
    let level = PT_PAGE_LEVEL;
    let table = usize(0);
    const blockable = usize(v % PT_BLOCK_SIZE) === 0 && usize(p % PT_BLOCK_SIZE) === 0;
    if (blockable && usize(size - off) >= PT_BLOCK_SIZE) {
      table = tableFor(f, root, v, PT_BLOCK_LEVEL, alloc);
      if (table !== 0 && ptEntryLoad(table, ptSlotIndex(v, PT_BLOCK_LEVEL)) !== 0n) {
        table = tableFor(f, root, v, PT_PAGE_LEVEL, alloc); // a table is linked: pages into it
      } else {
        level = PT_BLOCK_LEVEL;
      }
    } else {
      table = tableFor(f, root, v, PT_PAGE_LEVEL, alloc);
    }
    if (table === 0) {
      if (off !== 0) {
        const undo = new RangeOp();
        undo.kind = OP_CLEAR;
        walkAll(f, root, va, off, undo);
      }
      return Errno.ENOMEM;
    }
    const leaf = f.leafEntry(p, flags, level);
    ptEntryStore(table, ptSlotIndex(v, level), leaf);
    off = usize(off + ptLevelSize(level));
  }
  return Errno.OK;
}

/** Unmaps every page and block in [va, va + size) (holes are fine) and gives tables that
 *  became empty to free (never the root). EINVAL, changing nothing: a misaligned range, or a
 *  block the range covers only in part (split it first: walkSplitStart). The caller flushes
 *  the TLB. */
export function walkUnmap(
  f: PtFormat,
  root: usize,
  va: usize,
  size: usize,
  free: FrameFreeFn,
): Errno {
  if (!rangeOk(va, size, f.vaEnd)) {
    return Errno.EINVAL;
  }
  const check = new RangeOp();
  check.kind = OP_CHECK;
  if (walkAll(f, root, va, size, check) !== Errno.OK) {
    return check.result;
  }
  const clear = new RangeOp();
  clear.kind = OP_CLEAR;
  clear.freeTables = true;
  clear.free = free;
  return walkAll(f, root, va, size, clear);
}

/** Gives every page and block of [va, va + size) the rights of flags. The memory type
 *  (VM_DEVICE, VM_NC) must stay what it is: changing it needs an unmap and a new map.
 *  Refused, changing nothing: EINVAL for bad flags, a misaligned range, a block covered in
 *  part or another memory type; ENOENT if part of the range is not mapped. The caller flushes
 *  the TLB. */
export function walkProtect(f: PtFormat, root: usize, va: usize, size: usize, flags: u32): Errno {
  const err = vmFlagsCheck(flags);
  if (err !== Errno.OK) {
    return err;
  }
  if (!rangeOk(va, size, f.vaEnd)) {
    return Errno.EINVAL;
  }
  const check = new RangeOp();
  check.kind = OP_CHECK;
  check.flags = flags;
  check.checkType = true;
  check.holesBad = true;
  if (walkAll(f, root, va, size, check) !== Errno.OK) {
    return check.result;
  }
  const protect = new RangeOp();
  protect.kind = OP_PROTECT;
  protect.flags = flags;
  return walkAll(f, root, va, size, protect);
}
