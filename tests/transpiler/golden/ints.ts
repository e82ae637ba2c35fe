// Golden: the lowering of integer operators, literals and wraps (docs/SUBSET.md §3).

import {
  alignUp,
  i16,
  i32,
  i64,
  i8,
  mulU32,
  u16,
  u32,
  u64,
  u8,
  usize,
} from "../../../kernel/int.ts";

export const INT_MIN: i32 = i32(-0x80000000);
export const I64_MIN: i64 = i64(-(1n << 63n));
export const MASK: u64 = u64(0xffffffffffffffffn);

export function arith32(a: u32, b: u32): u32 {
  const sum = u32(a + b - 1);
  const bits = u32((a & 0xff) | (b ^ sum) | ~a);
  const shifted = u32((a << 3) + (b >>> 31));
  const q = u32(a / b);
  const r = u32(a % 7);
  return u32(sum + bits + shifted + q + r + mulU32(a, b));
}

export function signed(a: i32, b: i16, c: i8): i32 {
  const q = i32(a / -2);
  const s = i32(a >> 4);
  const m = i16(b + 1);
  const n = i8(-c);
  return i32(q + s + i32(m) + i32(n) + INT_MIN);
}

export function widen(a: u32, b: i32): u64 {
  const x = u64(a | 1);
  const y = u64(b);
  const z = u64(a - 1);
  return u64(x + y + z);
}

export function wide(a: u64, b: i64, n: u64): i64 {
  const s = u64((a << n) | (a >> 3n));
  const t = i64(b >> n);
  const q = i64(b / i64(-1));
  return i64(i64(s) + t + q + I64_MIN);
}

export function sizes(p: usize, len: usize, w: u64): usize {
  const end = usize(p + len * 2);
  const page = alignUp(end, usize(4096));
  const small = usize(u8(w));
  return usize(usize(page + small + usize(w)) - p);
}

export function compare(a: u8, b: u16, c: i64): boolean {
  return a < 200 && b !== 0x3f8 && c >= -1n && u16(a) <= b;
}
