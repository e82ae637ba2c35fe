"use unsafe";
// Address arithmetic with addr() (R-UNSAFE-4): slot addresses from a struct field plus a scaled
// index, an address read back from raw memory as a u64, and a free list threaded through raw
// memory. addr() gives the same value as usize() in both worlds; only its own range check is
// left out of the C. A usize product inside it is still checked (addr_mul_panic.ts).
// @rule R-UNSAFE-4
// @rule R-UNSAFE-1

import { mulU32, u32, u64, usize } from "../../../kernel/int.ts";
import { addr, load32, load64, store32, store64 } from "../../../kernel/intrinsics.ts";
import { showU32, showU64, showUsize } from "../lib/out.ts";

class Table {
  base: usize = usize(0);
  count: u32 = u32(0);
}

const table = new Table();

function slot(t: Table, i: u32): usize {
  return addr(t.base + usize(i) * 4);
}

export function main(): void {
  table.base = usize(0x40001000);
  table.count = u32(16);
  for (let i = u32(0); i < table.count; i = u32(i + 1)) {
    store32(slot(table, i), u32(mulU32(i, u32(7)) + 3));
  }
  let sum = u32(0);
  for (let i = u32(0); i < table.count; i = u32(i + 1)) sum = u32(sum + load32(slot(table, i)));
  showU32("sum", sum);
  showUsize("slot 5", slot(table, u32(5)));
  // A chain of 8 nodes of 16 bytes: each holds the address of the next, 0 ends it.
  const nodes = usize(0x40002000);
  for (let i = usize(0); i < 8; i = usize(i + 1)) {
    const next = i === 7 ? u64(0) : u64(addr(nodes + usize(i + 1) * 16));
    store64(addr(nodes + i * 16), next);
    store32(addr(nodes + i * 16 + 8), u32(usize(i * i)));
  }
  let at = nodes;
  let total = u64(0);
  while (at !== 0) {
    total = u64(total + u64(load32(addr(at + 8))));
    at = addr(load64(at));
  }
  showU64("chain total", total);
  showUsize("literal", addr(0x40003000));
}
