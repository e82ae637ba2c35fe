"use unsafe";
// Turning on the MMU and caches on aarch64, and TLB maintenance.
//
// entry.S runs the kernel with the MMU off (every access Device-nGnRnE, hence -mstrict-align).
// mmuActivate programs the translation regime of EL1 (Arm ARM DDI 0487, D8 "The AArch64 Virtual
// Memory System Architecture"; register fields in D17):
//   - MAIR_EL1: Attr0 = 0xff Normal, Inner/Outer Write-Back Read/Write-Allocate (RAM);
//     Attr1 = 0x00 Device-nGnRnE (MMIO); Attr2 = 0x44 Normal Non-cacheable. The page-table
//     format (arch/aarch64/page_table.ts) selects these by AttrIndx = MAIR_NORMAL/DEVICE/NC.
//   - TCR_EL1: 4 KiB granule (TG0 = 0), T0SZ = 16 (48-bit VA, walks start at level 0), table
//     walks Inner Shareable, Write-Back cacheable (SH0 = 3, IRGN0 = ORGN0 = 1), TTBR1 walks off
//     (EPD1 = 1: the kernel lives in the low half with an identity map), IPS = the PA size that
//     ID_AA64MMFR0_EL1.PARange reports.
//   - TTBR0_EL1 = the level-0 table, then a full TLB invalidate, then SCTLR_EL1.M (MMU), C (data
//     cache) and I (instruction cache). SCTLR_EL1.A stays 0, so aligned and misaligned accesses
//     to Normal memory both work once the MMU is on.
// The tables are written with the MMU off (non-cacheable, straight to memory); on QEMU caches
// are not modelled, and on hardware the caches are clean at reset, so no cache maintenance is
// done before enabling. Single CPU: the TLBI are inner-shareable broadcasts already, ready for SMP.

import { u64, usize } from "../../kernel/int.ts";
import {
  armReadMmfr0,
  armReadSctlr,
  armReadTtbr0,
  armTlbiAll,
  armTlbiVa,
  armWriteMair,
  armWriteSctlr,
  armWriteTcr,
  armWriteTtbr0,
} from "../../kernel/intrinsics.ts";

/** MAIR_EL1 with the three memory types the page tables use. */
export const MAIR_VALUE: u64 = u64(0x4400ffn);
/** TCR_EL1 without IPS: T0SZ 16, IRGN0/ORGN0 WB-WA, SH0 inner, TG0 4 KiB, EPD1. */
export const TCR_BASE: u64 = u64(0x803510n);
/** SCTLR_EL1 bits: M (MMU), C (data/unified caches), I (instruction cache). */
export const SCTLR_M: u64 = u64(0x1n);
export const SCTLR_C: u64 = u64(0x4n);
export const SCTLR_I: u64 = u64(0x1000n);

/** NX is always available on aarch64 (UXN/PXN). */
export function mmuNxEnabled(): boolean {
  return true;
}

/** TCR_EL1 for this CPU: TCR_BASE with IPS = ID_AA64MMFR0_EL1.PARange (capped at 48 bits). */
export function tcrValue(mmfr0: u64): u64 {
  let pa = u64(mmfr0 & 0xfn);
  if (pa > 5n) {
    pa = u64(5n);
  }
  return u64(TCR_BASE | u64(pa << 32n));
}

/** Makes the level-0 table at physical address root the address space and turns on the MMU
 *  and the caches. */
export function mmuActivate(root: usize): void {
  armWriteMair(MAIR_VALUE);
  armWriteTcr(tcrValue(armReadMmfr0()));
  armWriteTtbr0(u64(root));
  armTlbiAll();
  armWriteSctlr(u64(armReadSctlr() | SCTLR_M | SCTLR_C | SCTLR_I));
}

/** The root table currently in use. */
export function mmuRoot(): usize {
  return usize(u64(armReadTtbr0() & 0xfffffffff000n));
}

/** Drops the TLB entries (all ASIDs, all CPUs of the inner shareable domain) for va's page. */
export function tlbFlushPage(va: usize): void {
  armTlbiVa(va);
}

/** Drops every EL1 TLB entry. */
export function tlbFlushAll(): void {
  armTlbiAll();
}
