// x86_64 4-level page tables: the entry format. The range walks (map, unmap, protect, lookup,
// split, count) are arch-neutral (kernel/mem/page_range.ts, page_walk.ts); this file gives them
// X86_PT_FORMAT, exported to the kernel as ptFormat() (the name every arch's mod.ts shares).
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
// ANDs R/W and ORs XD over the levels, §4.6; the lookup does the same).
// Splitting a 2 MiB page needs no break-before-make: the PD entry is replaced by the table
// pointer in one store, so the translation stays valid throughout (§4.10.2: a stale 2 MiB TLB
// entry maps the same bytes with the same rights until flushed).
// The format's fields are set on first use (x86PtFormat); no lock: single CPU for now.

import { u32, u64, usize } from "../../kernel/int.ts";
import { PtFormat } from "../../kernel/mem/pt_format.ts";
import { VM_DEVICE, VM_EXEC, VM_NC, VM_WRITE } from "../../kernel/mem/vm_flags.ts";

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
/** Bits 12..51: a table pointer's or a 4 KiB page's address. */
const ADDR_4K: u64 = u64(0x000ffffffffff000n);
/** Everything but the address of a 2 MiB entry, minus PS and its PAT bit. */
const BLOCK_ATTRS: u64 = u64(0xfff0000000000f7fn);

let useNx: boolean = false;

/** Whether leaf entries may carry XD; pass mmuNxEnabled() (IA32_EFER.NXE). */
export function ptUseNx(enabled: boolean): void {
  useNx = enabled;
}

function isPresent(e: u64, _level: u32): boolean {
  return u64(e & PTE_P) !== 0n;
}

function isLeaf(e: u64, level: u32): boolean {
  return level === 3 || (level !== 0 && u64(e & PTE_PS) !== 0n);
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

export const X86_PT_FORMAT = new PtFormat();

/** X86_PT_FORMAT, its fields set. */
export function x86PtFormat(): PtFormat {
  const f = X86_PT_FORMAT;
  if (!f.ready) {
    f.vaEnd = PT_VA_END;
    f.paEnd = PT_PA_END;
    f.addrMask = ADDR_4K;
    f.breakBeforeMake = false;
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
  return x86PtFormat();
}
