// deno-lint-ignore-file
// deno-fmt-ignore-file
// Exactness of number-domain raw arithmetic (docs/SUBSET.md §3, R-INT-13; transpiler/check_exact.ts).
// Each rejected line is a disagreement differential testing found: JS rounds past 2^53 (or turns
// NaN into 0 in a bitwise operator) where C computes exactly (or has panicked). The accepted
// look-alikes below them must stay legal.

import { i32, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";

const WORD: string = "abc";

export function rejected(a: usize, b: usize, c: usize, x: u32, z: u32, i: usize): u32 {
  // @rule R-INT-13
  const lit = u32(9007199254740991 + 9007199254740990); // @expect-error TSK2101
  // @rule R-INT-13
  const narrow = u32(a + b); // @expect-error TSK2101
  // @rule R-INT-13
  const wide = u64(a * 3); // @expect-error TSK2101
  // @rule R-INT-13
  const back = usize(a + b - c); // @expect-error TSK2101
  // @rule R-INT-13
  const grow = usize(a % b + 7 - c); // @expect-error TSK2101
  // @rule R-INT-13
  const rem = u32((x % z) | 0); // @expect-error TSK2101
  // @rule R-INT-13
  const byte = u8(WORD.charCodeAt(i) & 0x7f); // @expect-error TSK2101
  // @rule R-INT-13
  const not = i32(~(x % z)); // @expect-error TSK2101
  // @rule R-INT-13
  const shl = u32(1 << (x % z)); // @expect-error TSK2101 TSK2101
  return u32(lit + narrow);
}

export function accepted(a: usize, b: usize, p: usize, x: u32, z: u32, h: u16, i: usize): u32 {
  const sum = usize(a + b + 1);
  const addr = usize(a + i * 24);
  const product = usize(a * b + p);
  const diff = usize(a - p - 1);
  const next = u32(i + 1);
  const split = usize(usize(a + b) - p);
  const rem = u32(u32(x % z) | 0);
  const byte = u8(u8(WORD.charCodeAt(i)) & 0x7f);
  const lens = u32(WORD.length + WORD.length);
  const small = u32(h * h + h * h + h);
  const viaU64 = u64(u64(a) + u64(b));
  const lit = u32(0xfffffff0 + 0x20);
  return u32(u32(sum) + u32(addr) + u32(product) + u32(diff) + next + u32(split) + rem + u32(byte) + lens + small + u32(viaU64) + lit);
}
