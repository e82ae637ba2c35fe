"use unsafe";
// aarch64 VMSAv8-64 page tables (4 KiB granule, 48-bit VA): building, changing and walking a
// kernel address space.
//
// Format (Arm ARM DDI 0487, D8.3 "Translation table descriptor formats"; the TCR_EL1 that
// arch/aarch64/mmu.ts programs: TG0 = 4 KiB, T0SZ = 16, so walks start at level 0): a virtual
// address is four 9-bit indices (levels 0 to 3) and a 12-bit offset; every table is one 4 KiB
// frame of 512 64-bit descriptors. Descriptors used:
//   - table, levels 0-2: bits[1:0] = 0b11, next-level table address in bits[47:12]; the
//     hierarchical attributes (PXNTable 59, UXNTable 60, APTable 62:61, NSTable 63) stay 0, so
//     the leaf alone decides (ptLookup still honours APTable[1] and PXNTable);
//   - block, levels 1-2: bits[1:0] = 0b01 (2 MiB at level 2; 1 GiB blocks are read, never made);
//     page, level 3: bits[1:0] = 0b11 (0b01 there is reserved and treated as invalid);
//   - leaf attributes: AttrIndx[4:2] selects MAIR_EL1's Attr0 Normal WB (RAM), Attr1
//     Device-nGnRnE (VM_DEVICE), Attr2 Normal NC (VM_NC); AP[7:6] with AP[2] = 1 read-only and
//     AP[1] = 0 (EL1 only); SH[9:8] = 0b11 Inner Shareable (ignored for Device and Normal NC,
//     which are always Outer Shareable; D8.6.2); AF[10] = 1, so no Access flag faults; nG[11] =
//     0 (global: no ASIDs yet); PXN (53) set for every non-executable mapping and UXN (54) for
//     every kernel mapping (EL0 never executes kernel memory).
// Invariants:
//   - a table's frame comes from the injected FrameAllocFn and is zeroed here before it is
//     linked; descriptors are read and written as single aligned 64-bit atomic accesses, never
//     torn (the kernel is built with -mstrict-align, which would split a plain 64-bit store);
//   - ptMap, ptUnmap and ptProtect check the whole range before they change anything, so a
//     refused call (EINVAL, EEXIST, ENOENT) leaves the tables as they were; an ENOMEM in ptMap
//     removes the entries it had written (empty tables it linked stay: valid, and reused);
//   - ptUnmap and ptProtect never split a block: a range that cuts one is EINVAL, and
//     ptProtect changes permissions only (AP, PXN), never the memory type, the one class of
//     change D8.16.1 allows on a live descriptor without break-before-make. Splitting a block
//     changes the block size and so needs break-before-make: ptSplitStart writes the new table
//     fully, then the invalid descriptor, and returns with out.pending; the caller
//     (kernel/mem/vm.ts) does TLBI for the block, then ptSplitFinish writes the table
//     descriptor;
//   - the descriptor stores are release stores (stlr); making them visible to the table walker
//     and dropping stale entries is the caller's TLB maintenance (mmu.ts's TLBI helpers end
//     with dsb ish; isb). Nothing here flushes the TLB or takes a lock: single CPU for now;
//     with SMP (issue 5) the address space's lock in vm.ts covers these calls.
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
/** Mappable virtual addresses are [0, PT_VA_END): TTBR0's 48-bit range (T0SZ = 16). */
export const PT_VA_END: usize = usize(0x1000000000000);
/** Output addresses are below 2^48 (the 4 KiB-granule descriptor format without FEAT_LPA). */
export const PT_PA_END: usize = usize(0x1000000000000);

const DESC_VALID: u64 = u64(0x1n);
/** bits[1:0] = 0b11: a table (levels 0-2) or a page (level 3); 0b01: a block. */
const DESC_TABLE_OR_PAGE: u64 = u64(0x3n);
const DESC_BLOCK: u64 = u64(0x1n);
const ATTR_DEVICE: u64 = u64(0x4n); // AttrIndx 1
const ATTR_NC: u64 = u64(0x8n); // AttrIndx 2
const ATTR_INDEX_MASK: u64 = u64(0x1cn);
const AP_RO: u64 = u64(0x80n); // AP[2]
const SH_INNER: u64 = u64(0x300n);
const AF: u64 = u64(0x400n);
const PXN: u64 = u64(0x20000000000000n); // bit 53
const UXN: u64 = u64(0x40000000000000n); // bit 54
const PXN_TABLE: u64 = u64(0x800000000000000n); // bit 59
const AP_TABLE_RO: u64 = u64(0x4000000000000000n); // bit 62, APTable[1]
const ADDR_4K: u64 = u64(0x0000fffffffff000n);
const ADDR_2M: u64 = u64(0x0000ffffffe00000n);
const ADDR_1G: u64 = u64(0x0000ffffc0000000n);
/** A block's upper and lower attributes, without bits[1:0] and the address. */
const BLOCK_ATTRS: u64 = u64(0xfffc000000000ffcn);

/** NX needs no enabling on aarch64 (PXN/UXN always exist); kept for the shared interface. */
export function ptUseNx(_enabled: boolean): void {}

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

/** Valid descriptors: bit 0, and bits[1:0] = 0b11 at levels 0 and 3 (no level-0 blocks with
 *  a 4 KiB granule; 0b01 at level 3 is reserved, treated as invalid). */
function isPresent(e: u64, level: u32): boolean {
  if (level === 0 || level === 3) {
    return u64(e & DESC_TABLE_OR_PAGE) === DESC_TABLE_OR_PAGE;
  }
  return u64(e & DESC_VALID) !== 0n;
}

function isLeaf(e: u64, level: u32): boolean {
  return level === 3 || u64(e & DESC_TABLE_OR_PAGE) === DESC_BLOCK;
}

/** The frame or page a present entry at level points to. */
function entryPa(e: u64, level: u32): usize {
  if (!isLeaf(e, level) || level === 3) {
    return usize(u64(e & ADDR_4K));
  }
  return usize(u64(e & (level === 2 ? ADDR_2M : ADDR_1G)));
}

function tableEntry(table: usize): u64 {
  return u64(u64(table) | DESC_TABLE_OR_PAGE);
}

/** The leaf descriptor mapping pa with flags (already checked) at level 2 or 3. */
function leafEntry(pa: usize, flags: u32, level: u32): u64 {
  let e = u64(u64(pa) | AF | SH_INNER | UXN);
  e = u64(e | (level === 3 ? DESC_TABLE_OR_PAGE : DESC_BLOCK));
  if (u32(flags & VM_WRITE) === 0) {
    e = u64(e | AP_RO);
  }
  if (u32(flags & VM_DEVICE) !== 0) {
    e = u64(e | ATTR_DEVICE);
  } else if (u32(flags & VM_NC) !== 0) {
    e = u64(e | ATTR_NC);
  }
  if (u32(flags & VM_EXEC) === 0) {
    e = u64(e | PXN);
  }
  return e;
}

/** The memory-type bits (VM_DEVICE / VM_NC) of a leaf. */
function leafType(e: u64): u32 {
  const index = u64(e & ATTR_INDEX_MASK);
  if (index === ATTR_DEVICE) {
    return VM_DEVICE;
  }
  return index === ATTR_NC ? VM_NC : u32(0);
}

/** The 4 KiB page descriptor for pa with the attributes of the block descriptor e. */
function pageFromBlock(e: u64, pa: usize): u64 {
  return u64(u64(e & BLOCK_ATTRS) | DESC_TABLE_OR_PAGE | u64(pa));
}

/** True if a present entry at level forbids EL1 writes below it (AP[2], APTable[1]). */
function deniesWrite(e: u64, level: u32): boolean {
  if (isLeaf(e, level)) {
    return u64(e & AP_RO) !== 0n;
  }
  return u64(e & AP_TABLE_RO) !== 0n;
}

/** True if a present entry at level forbids EL1 instruction fetches below it (PXN,
 *  PXNTable). */
function deniesExec(e: u64, level: u32): boolean {
  return u64(e & (isLeaf(e, level) ? PXN : PXN_TABLE)) !== 0n;
}

/** Replacing a block by a table changes the block size: break-before-make (D8.16.1). */
const BREAK_BEFORE_MAKE: boolean = true;

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
