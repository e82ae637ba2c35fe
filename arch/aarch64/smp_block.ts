"use unsafe";
// The boot block a secondary CPU reads in arch/aarch64/entry.S (secondary_entry): eight u64
// slots in a page the boot CPU allocated (layout in entry.S's header comment). Only
// arch/aarch64/smp.ts calls these, with a block address it got from pageAllocZeroed; slots are
// 0..SMP_BLOCK_SLOTS-1 (else panic). The "alive" slot is read with an atomic (acquire) load,
// since the secondary CPU writes it with stlr.

import { u32, u64, usize } from "../../kernel/int.ts";
import { addr, atomicLoad64, store64 } from "../../kernel/intrinsics.ts";
import { panic } from "../../kernel/panic.ts";

export const SMP_BLOCK_SLOTS: u32 = u32(8);

function slotAddr(block: usize, slot: u32): usize {
  if (slot >= SMP_BLOCK_SLOTS || block === 0) {
    panic("SMP boot block slot out of range");
  }
  return addr(block + usize(slot) * 8);
}

export function smpBlockWrite(block: usize, slot: u32, v: u64): void {
  store64(slotAddr(block, slot), v);
}

export function smpBlockRead(block: usize, slot: u32): u64 {
  return atomicLoad64(slotAddr(block, slot));
}
