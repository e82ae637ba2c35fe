// deno-lint-ignore-file prefer-const
"use unsafe";
// Raw memory in a hosted program (1 MiB of zeroed RAM at 0x40000000 in both worlds, R-INTR-4):
// little-endian loads and stores of every width that see each other, bulk copies that overlap
// both ways, memSet and memCompare's sign, and the atomics (wrapping add, swap, compare-and-swap
// that succeeds and fails) with fences between them (§7, §10).
// @rule R-INTR-3
// @rule R-MEM-1
// @rule R-MEM-2
// @rule R-MEM-3
// @rule R-INTR-1
// @rule R-MOD-10
// @rule R-UNSAFE-1

import { u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  atomicAdd32,
  atomicAdd64,
  atomicCas32,
  atomicCas64,
  atomicLoad32,
  atomicLoad64,
  atomicStore32,
  atomicStore64,
  atomicSwap32,
  atomicSwap64,
  fenceAcquire,
  fenceFull,
  fenceRelease,
  load16,
  load32,
  load64,
  load8,
  memCompare,
  memCopy,
  memSet,
  store16,
  store32,
  store64,
  store8,
} from "../../../kernel/intrinsics.ts";
import { println, showBool, showI32, showU16, showU32, showU64, showU8 } from "../lib/out.ts";

let base: usize = usize(0x40000000);

function fill(at: usize, n: usize): void {
  for (let i = usize(0); i < n; i = usize(i + 1)) store8(usize(at + i), u8(usize(i * 7) % 256));
}

function sum(at: usize, n: usize): u32 {
  let s = u32(0);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    const m = mix(s);
    s = u32(m + u32(load8(usize(at + i))));
  }
  return s;
}

function mix(s: u32): u32 {
  return u32(u32(s << 5) + s);
}

export function main(): void {
  println("widths");
  store32(base, u32(0x11223344));
  showU8("load8", load8(base));
  showU16("load16 + 2", load16(usize(base + 2)));
  store16(usize(base + 2), u16(0xbeef));
  showU32("load32 after store16", load32(base));
  store64(usize(base + 8), u64(0xfedcba9876543210n));
  showU32("load32 + 12", load32(usize(base + 12)));
  store8(usize(base + 15), u8(0x01));
  showU64("load64 + 8", load64(usize(base + 8)));
  showU64("untouched", load64(usize(base + 0x1000)));
  println("bulk");
  const a = usize(base + 0x100);
  fill(a, usize(64));
  showU32("sum", sum(a, usize(64)));
  memCopy(usize(a + 8), a, usize(32));
  showU32("after overlap forward", sum(a, usize(64)));
  fill(a, usize(64));
  memCopy(a, usize(a + 8), usize(32));
  showU32("after overlap backward", sum(a, usize(64)));
  memSet(usize(a + 3), u8(0xaa), usize(5));
  showU64("after memSet", load64(a));
  memSet(a, u8(1), usize(0));
  showI32("memCompare equal", memCompare(a, a, usize(64)));
  const b = usize(base + 0x200);
  memCopy(b, a, usize(16));
  store8(usize(b + 9), u8(0xff));
  showI32("memCompare greater", memCompare(b, a, usize(16)));
  showI32("memCompare less", memCompare(a, b, usize(16)));
  showI32("memCompare prefix", memCompare(a, b, usize(9)));
  println("atomics");
  const c = usize(base + 0x300);
  atomicStore32(c, u32(0xfffffffe));
  fenceRelease();
  showU32("add32 old", atomicAdd32(c, u32(5)));
  fenceAcquire();
  showU32("add32 new (wrapped)", atomicLoad32(c));
  showU32("swap32 old", atomicSwap32(c, u32(7)));
  showBool("cas32 7 -> 9", atomicCas32(c, u32(7), u32(9)));
  showBool("cas32 7 -> 11", atomicCas32(c, u32(7), u32(11)));
  showU32("load32", atomicLoad32(c));
  const d = usize(base + 0x308);
  atomicStore64(d, u64(0xffffffffffffffffn));
  fenceFull();
  showU64("add64 old", atomicAdd64(d, u64(2n)));
  showU64("add64 new", atomicLoad64(d));
  showU64("swap64 old", atomicSwap64(d, u64(0x8000000000000000n)));
  showBool("cas64 ok", atomicCas64(d, u64(0x8000000000000000n), u64(3n)));
  showBool("cas64 stale", atomicCas64(d, u64(0x8000000000000000n), u64(4n)));
  showU64("load64", atomicLoad64(d));
  showU32("low half of d", load32(d));
}
