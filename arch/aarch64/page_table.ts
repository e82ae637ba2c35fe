// aarch64 VMSAv8-64 page tables (4 KiB granule, 48-bit VA): the descriptor format. The range
// walks (map, unmap, protect, lookup, split, count) are arch-neutral (kernel/mem/page_range.ts,
// page_walk.ts); this file gives them ARM_PT_FORMAT, exported to the kernel as ptFormat() (the
// name every arch's mod.ts shares).
//
// Format (Arm ARM DDI 0487, D8.3 "Translation table descriptor formats"; the TCR_EL1 that
// arch/aarch64/mmu.ts programs: TG0 = 4 KiB, T0SZ = 16, so walks start at level 0): a virtual
// address is four 9-bit indices (levels 0 to 3) and a 12-bit offset; every table is one 4 KiB
// frame of 512 64-bit descriptors. Descriptors used:
//   - table, levels 0-2: bits[1:0] = 0b11, next-level table address in bits[47:12]; the
//     hierarchical attributes (PXNTable 59, UXNTable 60, APTable 62:61, NSTable 63) stay 0, so
//     the leaf alone decides (the lookup still honours APTable[1] and PXNTable);
//   - block, levels 1-2: bits[1:0] = 0b01 (2 MiB at level 2; 1 GiB blocks are read, never made);
//     page, level 3: bits[1:0] = 0b11 (0b01 there is reserved and treated as invalid);
//   - leaf attributes: AttrIndx[4:2] selects MAIR_EL1's Attr0 Normal WB (RAM), Attr1
//     Device-nGnRnE (VM_DEVICE), Attr2 Normal NC (VM_NC); AP[7:6] with AP[2] = 1 read-only and
//     AP[1] = 0 (EL1 only); SH[9:8] = 0b11 Inner Shareable (ignored for Device and Normal NC,
//     which are always Outer Shareable; D8.6.2); AF[10] = 1, so no Access flag faults; nG[11] =
//     0 (global: no ASIDs yet); PXN (53) set for every non-executable mapping and UXN (54) for
//     every kernel mapping (EL0 never executes kernel memory).
// walkProtect changes permissions only (AP, PXN), never the memory type: the one class of change
// D8.16.1 allows on a live descriptor without break-before-make. Splitting a block changes the
// block size and so needs break-before-make (breakBeforeMake): walkSplitStart writes the new
// table fully, then the invalid descriptor, and returns with out.pending; the caller
// (kernel/mem/vm.ts) does TLBI for the block, then ptSplitFinish writes the table descriptor.
// The descriptor stores are release stores (stlr, kernel/mem/pt_entry.ts); making them visible
// to the table walker is the caller's TLB maintenance (mmu.ts's TLBI helpers end with
// dsb ish; isb). The format's fields are set on first use (armPtFormat); no lock: single CPU.

import { u32, u64, usize } from "../../kernel/int.ts";
import { PtFormat } from "../../kernel/mem/pt_format.ts";
import { VM_DEVICE, VM_EXEC, VM_NC, VM_WRITE } from "../../kernel/mem/vm_flags.ts";

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
/** Bits 47..12: a table's or a page's output address. */
const ADDR_4K: u64 = u64(0x0000fffffffff000n);
/** A block's upper and lower attributes, without bits[1:0] and the address. */
const BLOCK_ATTRS: u64 = u64(0xfffc000000000ffcn);

/** NX needs no enabling on aarch64 (PXN/UXN always exist); kept for the shared interface. */
export function ptUseNx(_enabled: boolean): void {}

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

export const ARM_PT_FORMAT = new PtFormat();

/** ARM_PT_FORMAT, its fields set. */
export function armPtFormat(): PtFormat {
  const f = ARM_PT_FORMAT;
  if (!f.ready) {
    f.vaEnd = PT_VA_END;
    f.paEnd = PT_PA_END;
    f.addrMask = ADDR_4K;
    f.breakBeforeMake = true; // a block replaced by a table changes the block size (D8.16.1)
    f.isPresent = isPresent;
    f.isLeaf = isLeaf;
    f.tableEntry = tableEntry;
    f.leafEntry = leafEntry;
    f.leafType = leafType;
    f.pageFromBlock = pageFromBlock;
    f.deniesWrite = deniesWrite;
    f.deniesExec = deniesExec;
    f.ready = true;
  }
  return f;
}

// ---- the interface: kernel/mem's walks (page_walk.ts, page_range.ts) over this format ----

/** This arch's page-table format, for the walks of kernel/mem (the same name on both arches). */
export function ptFormat(): PtFormat {
  return armPtFormat();
}
