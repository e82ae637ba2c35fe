"use unsafe";
// Raw accesses of different widths to the same bytes see each other, in C at -O2 as under Deno
// (tsk_rt.h's may_alias accessors; with plain uint16_t/uint32_t pointers, strict aliasing lets
// the compiler return the stale word). Used by tests/transpiler/raw_memory_test.ts.

import { u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  load16,
  load32,
  load64,
  load8,
  store16,
  store32,
  store64,
  store8,
} from "../../../kernel/intrinsics.ts";

/** A word, then a half-word over its low half, read back as the word. */
export function halfOverWord(a: usize, b: usize): u32 {
  store32(a, u32(0x11111111));
  store16(b, u16(0x2222));
  return load32(a);
}

/** A double word, then a byte and a word inside it, read back as the double word. */
export function bytesOverDouble(a: usize, b: usize, c: usize): u64 {
  store64(a, u64(0x0102030405060708n));
  store8(b, u8(0xaa));
  store32(c, u32(0xbbccddee));
  return load64(a);
}

/** A half-word written through one address and read as bytes through another. */
export function wordThenBytes(a: usize, b: usize): u32 {
  store16(a, u16(0xbeef));
  const low = u32(load8(b));
  return u32(low | (u32(load16(a)) << 16));
}
