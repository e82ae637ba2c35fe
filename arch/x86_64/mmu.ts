"use unsafe";
// Turning on the kernel's own page tables on x86_64, and TLB maintenance.
//
// entry.S runs the kernel on boot tables (4 GiB identity, 2 MiB pages, all writable and
// executable). mmuActivate switches to tables the kernel built (kernel/mem/kernel_space.ts with
// arch/x86_64/page_table.ts): it sets CR0.WP, so that supervisor writes honour read-only pages
// (Intel SDM vol.3 §4.6.1; without it W^X would not hold for the kernel itself), keeps
// IA32_EFER.NXE as entry.S set it (NX only exists when CPUID reports it: mmuNxEnabled), and loads
// CR3, which also flushes every non-global TLB entry (§4.10.4.1). The kernel uses no global
// pages, so a CR3 reload is a full flush. Single CPU: invlpg acts on this CPU only; TLB
// shootdown by IPI comes with SMP (issue 5).

import { u32, u64, usize } from "../../kernel/int.ts";
import {
  x86Invlpg,
  x86Rdmsr,
  x86ReadCr0,
  x86ReadCr3,
  x86WriteCr0,
  x86WriteCr3,
} from "../../kernel/intrinsics.ts";

/** CR0.WP: write protection applies to supervisor accesses too. */
export const CR0_WP: u64 = u64(0x10000n);
/** The IA32_EFER MSR and its no-execute enable bit. */
export const MSR_EFER: u32 = u32(0xc0000080);
export const EFER_NXE: u64 = u64(0x800n);

/** True if the NX bit may be used in page-table entries (IA32_EFER.NXE is set). */
export function mmuNxEnabled(): boolean {
  return u64(x86Rdmsr(MSR_EFER) & EFER_NXE) !== 0n;
}

/** Makes the 4-level table at physical address root (4 KiB-aligned) the address space, with
 *  supervisor write protection on. */
export function mmuActivate(root: usize): void {
  x86WriteCr0(u64(x86ReadCr0() | CR0_WP));
  x86WriteCr3(u64(root));
}

/** The root table currently in use. */
export function mmuRoot(): usize {
  return usize(u64(x86ReadCr3() & 0xffffffffff000n));
}

/** Drops this CPU's TLB entries for the page holding va. */
export function tlbFlushPage(va: usize): void {
  x86Invlpg(va);
}

/** Drops this CPU's TLB entries for every (non-global) page. */
export function tlbFlushAll(): void {
  x86WriteCr3(x86ReadCr3());
}
