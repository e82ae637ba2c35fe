// Address spaces: the arch-neutral face of the page tables, with TLB maintenance.
//
// An AddressSpace is a root table (arch/<ARCH>/page_table.ts, reached through @arch/mod.ts) plus
// the frame source its tables come from (FrameAllocFn/FrameFreeFn of vm_flags.ts: the kernel
// passes its page allocator, tests a bump allocator over simulated RAM). vmMap, vmUnmap and
// vmProtect change the tables and then, when the space is the active one (its root is in
// CR3 / TTBR0_EL1), drop the stale TLB entries of the changed range: one tlbFlushPage per 4 KiB
// page up to VM_FLUSH_PAGES_MAX pages, one tlbFlushAll beyond. A space that is not active has
// no TLB entries (mmuActivate ends with a full flush), so it needs none. vmMap flushes too:
// invalid-to-valid changes need no invalidation, but on aarch64 the TLBI helpers' dsb ish; isb
// is what makes the new descriptors visible to the table walker (Arm ARM D8.16), and an ENOMEM
// that removed entries again does need it.
//
// A range that cuts a 2 MiB block (vmUnmap/vmProtect of part of one, e.g. a guard page inside
// RAM mapped with blocks) is first split into 4 KiB pages here: walkSplitStart writes the new
// table; where the arch demands break-before-make (aarch64) it returns with the block's entry
// invalid, this file invalidates the block's TLB entry (one TLBI by VA covers the whole block),
// then ptSplitFinish links the table. While the entry is invalid the block is unmapped, so the
// running code, its stack and the tables being written must not lie in that block: true while
// the kernel builds a space that is not active yet (kernel_space.ts), and for the kernel image,
// which is always mapped with 4 KiB pages; callers splitting RAM blocks of the live space must
// keep to it. A split survives a later refusal (it maps the same bytes with the same rights).
//
// Other CPUs: after the local flush of an active space, tlbShootdown (tlb_shootdown.ts) makes
// every other online CPU flush its whole TLB and waits for them (x86_64: an IPI each; aarch64:
// nothing more, the TLBI ...IS forms are broadcast). It is a no-op before the kernel starts it
// (one CPU; and in the Deno tests). Tables freed by vmUnmap go back to the frame source before
// the flushes that follow: with interrupts off nothing on this CPU can reuse them in between, but
// another CPU's allocation could (and its table walker could still hold the old tables).
// Locking: none yet; each AddressSpace will get a lock held across the table change and the
// flush, and the shootdown will target only the CPUs using the space.

import { walkLookup, walkSplitStart } from "./page_walk.ts";
import { walkMap, walkProtect, walkUnmap } from "./page_range.ts";
import { u32, usize } from "../int.ts";
import { Errno } from "../errno.ts";
import {
  mmuActivate,
  mmuNxEnabled,
  mmuRoot,
  PT_BLOCK_SIZE,
  PT_PAGE_SIZE,
  PT_VA_END,
  ptCreate,
  ptFormat,
  ptSplitFinish,
  ptUseNx,
  tlbFlushAll,
  tlbFlushPage,
} from "@arch/mod.ts";
import { type FrameAllocFn, type FrameFreeFn, PtSplit, PtWalk, vmFlagsCheck } from "./vm_flags.ts";
import { tlbShootdown } from "./tlb_shootdown.ts";

/** Above this many pages a change flushes the whole TLB instead of page by page. */
export const VM_FLUSH_PAGES_MAX: usize = usize(32);

/** A set of page tables and the frame source its tables come from. */
export class AddressSpace {
  /** Physical address of the root table; 0 before vmInit. */
  root: usize = usize(0);
  alloc: FrameAllocFn = noFrames;
  free: FrameFreeFn = keepFrames;
}

function noFrames(_order: u32): usize {
  return usize(0);
}

function keepFrames(_pa: usize, _order: u32): void {}

/** Makes as an empty address space whose tables come from alloc and go back to free. Also
 *  tells the page tables whether the NX bit may be used (x86_64: IA32_EFER.NXE). */
export function vmInit(as: AddressSpace, alloc: FrameAllocFn, free: FrameFreeFn): Errno {
  ptUseNx(mmuNxEnabled());
  as.alloc = alloc;
  as.free = free;
  const root = ptCreate(alloc);
  if (root === 0) {
    return Errno.ENOMEM;
  }
  as.root = root;
  return Errno.OK;
}

/** True if as is the address space the MMU translates with. */
export function vmIsActive(as: AddressSpace): boolean {
  const active = mmuRoot();
  return as.root !== 0 && active === as.root;
}

/** Switches the MMU to as (and turns it on, on aarch64). */
export function vmActivate(as: AddressSpace): void {
  mmuActivate(as.root);
}

/** Drops the TLB entries of [va, va + size) if as is active: this CPU's, then the other
 *  CPUs' (a full flush each, tlb_shootdown.ts). */
function flushRange(as: AddressSpace, va: usize, size: usize): void {
  if (!vmIsActive(as)) {
    return;
  }
  const pages = usize(size / PT_PAGE_SIZE);
  if (pages > VM_FLUSH_PAGES_MAX) {
    tlbFlushAll();
  } else {
    for (let i = usize(0); i < pages; i = usize(i + 1)) {
      tlbFlushPage(usize(va + i * PT_PAGE_SIZE));
    }
  }
  tlbShootdown();
}

/** True if [va, va + size) is a non-empty run of whole pages in the address space. */
function rangeOk(va: usize, size: usize): boolean {
  return size !== 0 && usize(va % PT_PAGE_SIZE) === 0 && usize(size % PT_PAGE_SIZE) === 0 &&
    size <= PT_VA_END && va <= usize(PT_VA_END - size);
}

/** If a 2 MiB block maps the page at boundary and boundary is not the block's start, splits
 *  the block into 4 KiB pages (break-before-make where the arch needs it). */
function splitAt(as: AddressSpace, boundary: usize): Errno {
  if (usize(boundary % PT_BLOCK_SIZE) === 0) {
    return Errno.OK;
  }
  const w = new PtWalk();
  const fmt = ptFormat();
  if (!walkLookup(fmt, as.root, boundary, w) || w.size !== PT_BLOCK_SIZE) {
    return Errno.OK;
  }
  const s = new PtSplit();
  const err = walkSplitStart(fmt, as.root, boundary, as.alloc, s);
  if (err !== Errno.OK) {
    return err;
  }
  if (s.pending) {
    if (vmIsActive(as)) {
      tlbFlushPage(s.va);
      tlbShootdown();
    }
    ptSplitFinish(s);
  }
  return Errno.OK;
}

/** Maps [va, va + size) to [pa, pa + size) with flags (VM_*); 2 MiB blocks where alignment
 *  allows. EINVAL (bad flags, W+X, misaligned), EEXIST (something mapped there), ENOMEM (no
 *  frame for a table; nothing stays mapped). */
export function vmMap(as: AddressSpace, va: usize, pa: usize, size: usize, flags: u32): Errno {
  const fmt = ptFormat();
  const err = walkMap(fmt, as.root, va, pa, size, flags, as.alloc);
  if (err === Errno.OK || err === Errno.ENOMEM) {
    flushRange(as, va, size);
  }
  return err;
}

/** Unmaps [va, va + size) (holes are fine), splitting blocks the range cuts; frees tables that
 *  become empty. EINVAL (misaligned), ENOMEM (no frame to split a block; nothing unmapped). */
export function vmUnmap(as: AddressSpace, va: usize, size: usize): Errno {
  if (!rangeOk(va, size)) {
    return Errno.EINVAL;
  }
  let err = splitAt(as, va);
  if (err === Errno.OK) {
    err = splitAt(as, usize(va + size));
  }
  if (err === Errno.OK) {
    const fmt = ptFormat();
    err = walkUnmap(fmt, as.root, va, size, as.free);
  }
  if (err === Errno.OK) {
    flushRange(as, va, size);
  }
  return err;
}

/** Gives [va, va + size) the rights of flags, splitting blocks the range cuts. The memory type
 *  (VM_DEVICE, VM_NC) cannot change. EINVAL (bad flags, W+X, misaligned, another memory type),
 *  ENOENT (part of the range unmapped), ENOMEM (no frame to split a block); nothing changes
 *  on an error but a split. */
export function vmProtect(as: AddressSpace, va: usize, size: usize, flags: u32): Errno {
  let err = vmFlagsCheck(flags);
  if (err === Errno.OK && !rangeOk(va, size)) {
    err = Errno.EINVAL;
  }
  if (err === Errno.OK) {
    err = splitAt(as, va);
  }
  if (err === Errno.OK) {
    err = splitAt(as, usize(va + size));
  }
  if (err === Errno.OK) {
    const fmt = ptFormat();
    err = walkProtect(fmt, as.root, va, size, flags);
  }
  if (err === Errno.OK) {
    flushRange(as, va, size);
  }
  return err;
}

/** Translates va in as: true and out filled (pa, flags, level, size, raw entry) if mapped. */
export function vmLookup(as: AddressSpace, va: usize, out: PtWalk): boolean {
  const fmt = ptFormat();
  return walkLookup(fmt, as.root, va, out);
}
