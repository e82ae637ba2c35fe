"use unsafe";
// x86_64 4-level page tables: building, changing and walking a kernel address space.
//
// Format (Intel SDM vol.3 §4.5, "4-Level Paging and 5-Level Paging"; Tables 4-15 to 4-20): a
// 48-bit virtual address is four 9-bit indices (PML4, PDPT, PD, PT; levels 0 to 3 here) and a
// 12-bit offset. Every table is one 4 KiB frame of 512 64-bit entries. Bits used:
//   P (0) present, R/W (1) writable, U/S (2) user (never set: no user space yet), PWT (3) and
//   PCD (4) select the memory type with the power-up PAT (PCD|PWT = UC for devices, PCD alone =
//   UC- for VM_NC; §11.12.3), A (5) and D (6) preset so the CPU never writes the tables, PS (7)
//   in a PD entry makes it a 2 MiB page, XD (63) no-execute — only when ptUseNx(true) was
//   called, because with IA32_EFER.NXE clear bit 63 is reserved and faults (§4.5.4).
//   The physical address is bits 12..51 (a PT entry or a table pointer) or 21..51 (2 MiB).
// Table pointers are P|R/W|A with no XD: permissions are decided by the leaf alone (the CPU
// ANDs R/W and ORs XD over the levels, §4.6; ptLookup does the same).
//
// Invariants:
//   - a table's frame comes from the injected FrameAllocFn and is zeroed here before it is
//     linked, so the walker never sees garbage; entries are read and written as single aligned
//     64-bit atomic accesses, never torn (the kernel is built with -mstrict-align on aarch64
//     only, but both arches share this discipline);
//   - ptMap, ptUnmap and ptProtect check the whole range before they change anything, so a
//     refused call (EINVAL, EEXIST, ENOENT) leaves the tables as they were; an ENOMEM in ptMap
//     removes the entries it had written (empty tables it linked stay: valid, and reused);
//   - ptUnmap and ptProtect never split a 2 MiB page: a range that cuts one is EINVAL. Splitting
//     is ptSplitStart (+ ptSplitFinish, a no-op here): the new table is written fully, then the
//     PD entry is replaced in one store, so the translation stays valid throughout (§4.10.2:
//     a stale 2 MiB TLB entry maps the same bytes with the same rights until flushed);
//   - nothing here flushes the TLB (kernel/mem/vm.ts does, for the active space), and nothing
//     here takes a lock: single CPU for now; with SMP (issue 5) the address space's lock in vm.ts
//     covers these calls.
// A kernel bug (the frame allocator returning a misaligned frame, a leaf where a range check
// found none) is unreachable(): this module also runs in hosted differential builds, which
// provide no panic of their own.

import { u32, u64, u8, usize } from "../../kernel/int.ts";
import { addr, atomicLoad64, atomicStore64, memSet, unreachable } from "../../kernel/intrinsics.ts";
import { Errno } from "../../kernel/errno.ts";
import { physToVirt } from "../../kernel/mem/phys_addr.ts";
import {
  type FrameAllocFn,
  type FrameFreeFn,
  PtCounts,
  PtSplit,
  PtWalk,
  VM_DEVICE,
  VM_EXEC,
  VM_NC,
  VM_READ,
  VM_TYPE_MASK,
  VM_WRITE,
  vmFlagsCheck,
} from "../../kernel/mem/vm_flags.ts";

export const PT_PAGE_SIZE: usize = usize(0x1000);
export const PT_BLOCK_SIZE: usize = usize(0x200000);
export const PT_ENTRIES: usize = usize(512);
/** Mappable virtual addresses are [0, PT_VA_END): the lower canonical half. */
export const PT_VA_END: usize = usize(0x800000000000);
/** Physical addresses are below 2^52 (MAXPHYADDR's architectural limit). */
export const PT_PA_END: usize = usize(0x10000000000000);

const PTE_P: u64 = u64(0x1n);
const PTE_RW: u64 = u64(0x2n);
const PTE_PWT: u64 = u64(0x8n);
const PTE_PCD: u64 = u64(0x10n);
const PTE_A: u64 = u64(0x20n);
const PTE_D: u64 = u64(0x40n);
const PTE_PS: u64 = u64(0x80n);
const PTE_PAT_4K: u64 = u64(0x80n);
const PTE_PAT_2M: u64 = u64(0x1000n);
const PTE_XD: u64 = u64(0x8000000000000000n);
const ADDR_4K: u64 = u64(0x000ffffffffff000n);
const ADDR_2M: u64 = u64(0x000fffffffe00000n);
const ADDR_1G: u64 = u64(0x000fffffc0000000n);
/** Everything but the address of a 2 MiB entry, minus PS and its PAT bit. */
const BLOCK_ATTRS: u64 = u64(0xfff0000000000f7fn);

let useNx: boolean = false;

/** Whether leaf entries may carry XD; pass mmuNxEnabled() (IA32_EFER.NXE). */
export function ptUseNx(enabled: boolean): void {
  useNx = enabled;
}

function levelShift(level: u32): u64 {
  return u64(39n - u64(level) * 9n);
}

function levelSize(level: u32): usize {
  return usize(u64(1n << levelShift(level)));
}

function slotIndex(va: usize, level: u32): usize {
  return usize(u64(u64(u64(va) >> levelShift(level)) & 511n));
}

function entryAt(table: usize, i: usize): usize {
  return addr(physToVirt(table) + i * 8);
}

function isPresent(e: u64, _level: u32): boolean {
  return u64(e & PTE_P) !== 0n;
}

function isLeaf(e: u64, level: u32): boolean {
  return level === 3 || (level !== 0 && u64(e & PTE_PS) !== 0n);
}

/** The frame or page a present entry at level points to. */
function entryPa(e: u64, level: u32): usize {
  if (!isLeaf(e, level) || level === 3) {
    return usize(u64(e & ADDR_4K));
  }
  return usize(u64(e & (level === 2 ? ADDR_2M : ADDR_1G)));
}

function tableEntry(table: usize): u64 {
  return u64(u64(table) | PTE_P | PTE_RW | PTE_A);
}

/** The leaf entry mapping pa with flags (already checked) at level 2 or 3. */
function leafEntry(pa: usize, flags: u32, level: u32): u64 {
  let e = u64(u64(pa) | PTE_P | PTE_A | PTE_D);
  if (u32(flags & VM_WRITE) !== 0) {
    e = u64(e | PTE_RW);
  }
  if (u32(flags & VM_DEVICE) !== 0) {
    e = u64(e | PTE_PCD | PTE_PWT);
  } else if (u32(flags & VM_NC) !== 0) {
    e = u64(e | PTE_PCD);
  }
  if (u32(flags & VM_EXEC) === 0 && useNx) {
    e = u64(e | PTE_XD);
  }
  if (level === 2) {
    e = u64(e | PTE_PS);
  }
  return e;
}

/** The memory-type bits (VM_DEVICE / VM_NC) of a leaf. */
function leafType(e: u64): u32 {
  const c = u64(e & (PTE_PCD | PTE_PWT));
  if (c === u64(PTE_PCD | PTE_PWT)) {
    return VM_DEVICE;
  }
  return c === PTE_PCD ? VM_NC : u32(0);
}

/** The 4 KiB page entry for pa with the attributes of the 2 MiB entry e. */
function pageFromBlock(e: u64, pa: usize): u64 {
  let attrs = u64(e & BLOCK_ATTRS);
  if (u64(e & PTE_PAT_2M) !== 0n) {
    attrs = u64(attrs | PTE_PAT_4K);
  }
  return u64(attrs | u64(pa));
}

/** True if a present entry at level forbids writes below it (R/W clear). */
function deniesWrite(e: u64, _level: u32): boolean {
  return u64(e & PTE_RW) === 0n;
}

/** True if a present entry at level forbids instruction fetches below it (XD). */
function deniesExec(e: u64, _level: u32): boolean {
  return u64(e & PTE_XD) !== 0n;
}

/** Replacing a 2 MiB entry by a table needs no invalid entry in between (§4.10.2). */
const BREAK_BEFORE_MAKE: boolean = false;

/** A fresh zeroed table from alloc, or 0. */
function newTable(alloc: FrameAllocFn): usize {
  const t = alloc(u32(0));
  if (t === 0) {
    return usize(0);
  }
  if (usize(t % PT_PAGE_SIZE) !== 0) {
    unreachable(); // the frame allocator's bug: frames are 4 KiB-aligned
  }
  memSet(physToVirt(t), u8(0), PT_PAGE_SIZE);
  return t;
}

// ---- range walks: one recursive walker, four operations ----

/** Report EEXIST at the first present leaf (ptMap's check). */
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
    if (atomicLoad64(entryAt(table, i)) !== 0n) {
      return false;
    }
  }
  return true;
}

function leafOp(at: usize, e: u64, level: u32, whole: boolean, op: RangeOp): void {
  switch (op.kind) {
    case OP_FIND:
      op.result = Errno.EEXIST;
      return;
    case OP_CHECK: {
      const want = u32(op.flags & VM_TYPE_MASK);
      if (!whole || (op.checkType && leafType(e) !== want)) {
        op.result = Errno.EINVAL;
      }
      return;
    }
    case OP_CLEAR:
      if (!whole) {
        unreachable(); // OP_CHECK refused ranges that cut a leaf
      }
      atomicStore64(at, u64(0n));
      return;
    default: {
      const pa = entryPa(e, level);
      atomicStore64(at, leafEntry(pa, op.flags, level));
      return;
    }
  }
}

/** Applies op to [start, end) inside the table at level that maps [base, base + 512 * size). */
function walkRange(
  table: usize,
  level: u32,
  base: usize,
  start: usize,
  end: usize,
  op: RangeOp,
): void {
  const size = levelSize(level);
  const last = slotIndex(usize(end - 1), level);
  for (let i = slotIndex(start, level); i <= last; i = usize(i + 1)) {
    if (op.result !== Errno.OK) {
      return;
    }
    const lo = usize(base + i * size);
    const hi = usize(lo + size);
    const from = start > lo ? start : lo;
    const to = end < hi ? end : hi;
    const at = entryAt(table, i);
    const e = atomicLoad64(at);
    if (!isPresent(e, level)) {
      if (op.kind === OP_CHECK && op.holesBad) {
        op.result = Errno.ENOENT;
      }
    } else if (isLeaf(e, level)) {
      leafOp(at, e, level, from === lo && to === hi, op);
    } else {
      const child = entryPa(e, level);
      walkRange(child, u32(level + 1), lo, from, to, op);
      if (op.kind === OP_CLEAR && op.freeTables && tableEmpty(child)) {
        atomicStore64(at, u64(0n));
        op.free(child, u32(0));
      }
    }
  }
}

/** True if [a, a + size) is a non-empty run of whole pages below limit. */
function rangeOk(a: usize, size: usize, limit: usize): boolean {
  return size !== 0 && usize(a % PT_PAGE_SIZE) === 0 &&
    usize(size % PT_PAGE_SIZE) === 0 && size <= limit &&
    a <= usize(limit - size);
}

/** The entry at level for va, linking new tables on the way; 0 if a table cannot be had. */
function slotFor(root: usize, va: usize, level: u32, alloc: FrameAllocFn): usize {
  let table = root;
  for (let l = u32(0); l < level; l = u32(l + 1)) {
    const at = entryAt(table, slotIndex(va, l));
    let e = atomicLoad64(at);
    if (!isPresent(e, l)) {
      const t = newTable(alloc);
      if (t === 0) {
        return usize(0);
      }
      e = tableEntry(t);
      atomicStore64(at, e);
    } else if (isLeaf(e, l)) {
      unreachable(); // ptMap checked that nothing is mapped in its range
    }
    table = entryPa(e, l);
  }
  return entryAt(table, slotIndex(va, level));
}

// ---- the interface (the same in arch/aarch64/page_table.ts) ----

/** A new, empty root table (4 KiB-aligned physical address), or 0 if alloc has no frame. */
export function ptCreate(alloc: FrameAllocFn): usize {
  return newTable(alloc);
}

/** Maps [va, va + size) to [pa, pa + size) with flags: 2 MiB pages wherever va, pa and the
 *  remaining size allow and no table is in the way, else 4 KiB pages. EINVAL: bad flags (W+X),
 *  misaligned or empty range, out of the address space; EEXIST: something is mapped in the
 *  range; ENOMEM: no frame for a table (the range is then unmapped again). */
export function ptMap(
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
  if (!rangeOk(va, size, PT_VA_END) || !rangeOk(pa, size, PT_PA_END)) {
    return Errno.EINVAL;
  }
  const find = new RangeOp();
  find.kind = OP_FIND;
  walkRange(root, u32(0), usize(0), va, usize(va + size), find);
  if (find.result !== Errno.OK) {
    return find.result;
  }
  let off = usize(0);
  while (off < size) {
    const v = usize(va + off);
    const p = usize(pa + off);
    let level = u32(3);
    let at = usize(0);
    const blockable = usize(v % PT_BLOCK_SIZE) === 0 && usize(p % PT_BLOCK_SIZE) === 0;
    if (blockable && usize(size - off) >= PT_BLOCK_SIZE) {
      at = slotFor(root, v, u32(2), alloc);
      if (at !== 0 && atomicLoad64(at) !== 0n) {
        at = slotFor(root, v, u32(3), alloc); // a table is linked there: 4 KiB pages into it
      } else {
        level = u32(2);
      }
    } else {
      at = slotFor(root, v, u32(3), alloc);
    }
    if (at === 0) {
      if (off !== 0) {
        const undo = new RangeOp();
        undo.kind = OP_CLEAR;
        walkRange(root, u32(0), usize(0), va, usize(va + off), undo);
      }
      return Errno.ENOMEM;
    }
    atomicStore64(at, leafEntry(p, flags, level));
    off = usize(off + levelSize(level));
  }
  return Errno.OK;
}

/** Unmaps every page and block in [va, va + size) (holes are fine) and gives tables that
 *  became empty to free (never the root). EINVAL, changing nothing: a misaligned range, or a
 *  2 MiB page the range covers only in part (split it first: ptSplitStart). The caller flushes
 *  the TLB. */
export function ptUnmap(root: usize, va: usize, size: usize, free: FrameFreeFn): Errno {
  if (!rangeOk(va, size, PT_VA_END)) {
    return Errno.EINVAL;
  }
  const check = new RangeOp();
  check.kind = OP_CHECK;
  walkRange(root, u32(0), usize(0), va, usize(va + size), check);
  if (check.result !== Errno.OK) {
    return check.result;
  }
  const clear = new RangeOp();
  clear.kind = OP_CLEAR;
  clear.freeTables = true;
  clear.free = free;
  walkRange(root, u32(0), usize(0), va, usize(va + size), clear);
  return Errno.OK;
}

/** Gives every page and block of [va, va + size) the rights of flags. The memory type
 *  (VM_DEVICE, VM_NC) must stay what it is: changing it needs an unmap and a new map.
 *  Refused, changing nothing: EINVAL for bad flags, a misaligned range, a 2 MiB page covered in
 *  part or another memory type; ENOENT if part of the range is not mapped. The caller flushes
 *  the TLB. */
export function ptProtect(root: usize, va: usize, size: usize, flags: u32): Errno {
  const err = vmFlagsCheck(flags);
  if (err !== Errno.OK) {
    return err;
  }
  if (!rangeOk(va, size, PT_VA_END)) {
    return Errno.EINVAL;
  }
  const check = new RangeOp();
  check.kind = OP_CHECK;
  check.flags = flags;
  check.checkType = true;
  check.holesBad = true;
  walkRange(root, u32(0), usize(0), va, usize(va + size), check);
  if (check.result !== Errno.OK) {
    return check.result;
  }
  const protect = new RangeOp();
  protect.kind = OP_PROTECT;
  protect.flags = flags;
  walkRange(root, u32(0), usize(0), va, usize(va + size), protect);
  return Errno.OK;
}

/** Translates va as the MMU would: true and out filled if mapped, else false (out.present
 *  false, out.level and out.raw the invalid entry where the walk stopped). */
export function ptLookup(root: usize, va: usize, out: PtWalk): boolean {
  out.present = false;
  out.pa = usize(0);
  out.flags = u32(0);
  out.level = u32(0);
  out.size = usize(0);
  out.raw = u64(0n);
  if (va >= PT_VA_END) {
    return false;
  }
  let table = root;
  let writable = true;
  let noExec = false;
  for (let level = u32(0); level < 4; level = u32(level + 1)) {
    const e = atomicLoad64(entryAt(table, slotIndex(va, level)));
    out.level = level;
    out.raw = e;
    if (!isPresent(e, level)) {
      return false;
    }
    writable = writable && !deniesWrite(e, level);
    noExec = noExec || deniesExec(e, level);
    if (isLeaf(e, level)) {
      const size = levelSize(level);
      out.present = true;
      out.size = size;
      out.pa = usize(entryPa(e, level) + va % size);
      let flags = u32(VM_READ | leafType(e));
      if (writable) {
        flags = u32(flags | VM_WRITE);
      }
      if (!noExec) {
        flags = u32(flags | VM_EXEC);
      }
      out.flags = flags;
      return true;
    }
    table = entryPa(e, level);
  }
  return false;
}

/** Splits the 2 MiB block that maps va into a table of 512 4 KiB pages with the same addresses
 *  and attributes; the new table is written fully before it is linked. Where the architecture
 *  allows replacing the block entry by the table entry in one store (x86_64, Intel SDM vol.3
 *  §4.10.2), that is done and out.pending is false. Where it demands break-before-make
 *  (aarch64, Arm ARM D8.16.1), the entry is left invalid and out.pending is true: the caller
 *  invalidates the TLB for the block (if the tables are live), then calls ptSplitFinish. Until
 *  then the block is unmapped, so the code, stack and tables doing the split must not be reached
 *  through it. ENOENT: va is not mapped; EINVAL: not by a 2 MiB block; ENOMEM: no frame for
 *  the table (nothing changed). */
export function ptSplitStart(root: usize, va: usize, alloc: FrameAllocFn, out: PtSplit): Errno {
  out.pending = false;
  if (va >= PT_VA_END) {
    return Errno.EINVAL;
  }
  let table = root;
  for (let level = u32(0); level < 2; level = u32(level + 1)) {
    const e = atomicLoad64(entryAt(table, slotIndex(va, level)));
    if (!isPresent(e, level)) {
      return Errno.ENOENT;
    }
    if (isLeaf(e, level)) {
      return Errno.EINVAL;
    }
    table = entryPa(e, level);
  }
  const at = entryAt(table, slotIndex(va, u32(2)));
  const e = atomicLoad64(at);
  if (!isPresent(e, u32(2))) {
    return Errno.ENOENT;
  }
  if (!isLeaf(e, u32(2))) {
    return Errno.EINVAL;
  }
  const t = newTable(alloc);
  if (t === 0) {
    return Errno.ENOMEM;
  }
  const base = entryPa(e, u32(2));
  for (let i = usize(0); i < PT_ENTRIES; i = usize(i + 1)) {
    const page = pageFromBlock(e, usize(base + i * PT_PAGE_SIZE));
    atomicStore64(entryAt(t, i), page);
  }
  out.entry = at;
  out.value = tableEntry(t);
  out.va = usize(va - va % PT_BLOCK_SIZE);
  out.pending = BREAK_BEFORE_MAKE;
  atomicStore64(at, BREAK_BEFORE_MAKE ? u64(0n) : out.value);
  return Errno.OK;
}

/** Completes a split that left its entry invalid (split.pending): links the new table. */
export function ptSplitFinish(split: PtSplit): void {
  if (split.pending) {
    atomicStore64(split.entry, split.value);
    split.pending = false;
  }
}

function countIn(table: usize, level: u32, out: PtCounts): void {
  out.tables = u32(out.tables + 1);
  for (let i = usize(0); i < PT_ENTRIES; i = usize(i + 1)) {
    const e = atomicLoad64(entryAt(table, i));
    if (!isPresent(e, level)) {
      continue;
    }
    if (!isLeaf(e, level)) {
      countIn(entryPa(e, level), u32(level + 1), out);
    } else if (level === 3) {
      out.pages = u32(out.pages + 1);
    } else if (level === 2) {
      out.blocks = u32(out.blocks + 1);
    }
  }
}

/** Counts the tables (the root included), 2 MiB pages and 4 KiB pages under root. */
export function ptCount(root: usize, out: PtCounts): void {
  out.tables = u32(0);
  out.blocks = u32(0);
  out.pages = u32(0);
  countIn(root, u32(0), out);
}
