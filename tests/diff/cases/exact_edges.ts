// deno-lint-ignore-file prefer-const
// The legal edges of number-domain raw arithmetic (§3, R-INT-13): values up to 2^53 exactly,
// usize sums and products that only grow up to usize(), differences of usize values, and a
// remainder wrapped before a bitwise operator. Every line is exact in JS.
// @rule R-INT-13
// @rule R-INT-2

import { u32, u64, u8, usize } from "../../../kernel/int.ts";
import { println, showU32, showU64, showU8, showUsize } from "../lib/out.ts";

let top: usize = usize(9007199254740991);
let half: usize = usize(4503599627370496);
let stride: usize = usize(24);
let x: u32 = u32(0xfffffffb);
let z: u32 = u32(7);
const WORD: string = "Tsuki";

export function main(): void {
  showU32("u32(top + 1) (= 2^53, exact)", u32(top + 1));
  showU64("u64(top + 1)", u64(top + 1));
  showU32("u32(2^53 - 1 + 1)", u32(9007199254740991 + 1));
  showUsize("usize(top - half - 1)", usize(top - half - 1));
  showUsize("usize(half - top + half)", usize(half - top + half));
  showU64("u64(half - top)", u64(half - top));
  showUsize("usize(half + stride * 1000)", usize(half + stride * 1000));
  showUsize("usize(usize(half + half - 1) - half)", usize(usize(half + (half - 1)) - half));
  showU32("u32(u32(x % z) | 0x100)", u32(u32(x % z) | 0x100));
  showU8("u8(u8(WORD[1]) & 0x5f)", u8(u8(WORD.charCodeAt(1)) & 0x5f));
  showU32("u32(WORD.length + WORD.length + 1)", u32(WORD.length + WORD.length + 1));
  showU32("u32(0xfffffff0 + 0x20)", u32(0xfffffff0 + 0x20));
  println("end");
}
