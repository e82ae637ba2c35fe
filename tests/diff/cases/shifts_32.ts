// deno-lint-ignore-file prefer-const
// Shifts of the number kinds: the count is masked to 0..31 whatever its kind or sign, `>>` is
// arithmetic (signed kinds), `>>>` logical (unsigned kinds), and `<<` gives an int32 that the
// wrap cuts or sign-extends (§3, "Shifts").
// @rule R-INT-9

import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  println,
  showI16,
  showI32,
  showI64,
  showI8,
  showU16,
  showU32,
  showU64,
  showU8,
} from "../lib/out.ts";

let x: u32 = u32(0x80000001);
let s: i32 = i32(-0x7ffffff1);
let n31: u32 = u32(31);
let n32: u32 = u32(32);
let n33: u32 = u32(33);
let nNeg: i8 = i8(-1);
let nBig: usize = usize(4294967297);

export function main(): void {
  println("u32 <<");
  showU32("x << 1", u32(x << 1));
  showU32("x << 31", u32(x << n31));
  showU32("x << 32 (= 0)", u32(x << n32));
  showU32("x << 33 (= 1)", u32(x << n33));
  showU32("x << -1 (= 31)", u32(x << nNeg));
  showU32("x << 2^32 + 1", u32(x << nBig));
  showU32("1 << 31", u32(u32(1) << 31));
  showU32("(x + 1) << 4", u32((x + 1) << 4));
  println("u32 >>>");
  showU32("x >>> 1", u32(x >>> 1));
  showU32("x >>> 31", u32(x >>> n31));
  showU32("x >>> 32 (= 0)", u32(x >>> n32));
  showU32("x >>> 33", u32(x >>> n33));
  showU32("x >>> -1", u32(x >>> nNeg));
  println("i32 >>");
  showI32("s >> 1", i32(s >> 1));
  showI32("s >> 31", i32(s >> n31));
  showI32("s >> 32", i32(s >> n32));
  showI32("s >> 33", i32(s >> n33));
  showI32("-1 >> 31", i32(i32(-1) >> 31));
  showI32("s << 4", i32(s << 4));
  showI32("s << 31", i32(s << 31));
  showI32("imax >> 30", i32(i32(0x7fffffff) >> 30));
  println("small kinds");
  showU8("u8 0x81 << 1", u8(u8(0x81) << 1));
  showU8("u8 0x81 >>> 7", u8(u8(0x81) >>> 7));
  showU8("u8 0x81 << 25 >>> 24", u8(u32(u8(0x81) << 25) >>> 24));
  showI8("i8 -128 >> 7", i8(i8(-128) >> 7));
  showI8("i8 -128 << 1", i8(i8(-128) << 1));
  showI8("i8 64 << 1", i8(i8(64) << 1));
  showU16("u16 0x8001 << 1", u16(u16(0x8001) << 1));
  showU16("u16 0x8001 >>> 15", u16(u16(0x8001) >>> 15));
  showI16("i16 -2 >> 20", i16(i16(-2) >> 20));
  showI16("i16 0x4000 << 1", i16(i16(0x4000) << 1));
  println("to 64 bits");
  showU64("u64(x << 0)", u64(x << 0));
  showU64("u64(x >>> 0)", u64(x >>> 0));
  showI64("i64(x << 0)", i64(x << 0));
  showI64("i64(s << 1)", i64(s << 1));
  showU64("u64(s >> 4)", u64(s >> 4));
  showU64("u64(x & x)", u64(x & x));
  showU64("u64(~x)", u64(~x));
  showI64("i64(x ^ 1)", i64(x ^ 1));
  showU64("u64(-1 >>> 0)", u64(-1 >>> 0));
  showI32("i32(-8 >> 1)", i32(-8 >> 1));
  showU32("u32(-1 >>> 28)", u32(-1 >>> 28));
}
