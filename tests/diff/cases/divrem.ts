// deno-lint-ignore-file prefer-const
// Division and remainder truncate toward zero for every kind; i32 INT_MIN / -1 wraps to INT_MIN
// and INT_MIN % -1 is 0, likewise for i64 and the small signed kinds (§3).
// @rule R-INT-6
// @rule R-INT-8

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
  showUsize,
} from "../lib/out.ts";

let m7: i32 = i32(-7);
let p2: i32 = i32(2);
let imin: i32 = i32(-2147483648);
let neg1: i32 = i32(-1);
let lmin: i64 = i64(-9223372036854775808n);
let lneg1: i64 = i64(-1n);

function divI32(a: i32, b: i32): i32 {
  return i32(a / b);
}

function remI32(a: i32, b: i32): i32 {
  return i32(a % b);
}

export function main(): void {
  println("i32");
  showI32("-7 / 2", divI32(m7, p2));
  showI32("-7 % 2", remI32(m7, p2));
  showI32("7 / -2", divI32(i32(7), i32(-2)));
  showI32("7 % -2", remI32(i32(7), i32(-2)));
  showI32("-7 / -2", divI32(m7, i32(-2)));
  showI32("-7 % -2", remI32(m7, i32(-2)));
  showI32("min / -1", divI32(imin, neg1));
  showI32("min % -1", remI32(imin, neg1));
  showI32("min / 1", divI32(imin, i32(1)));
  showI32("min / min", divI32(imin, imin));
  showI32("0 / -5", divI32(i32(0), i32(-5)));
  showI32("-6 % 3 (a -0 in JS)", remI32(i32(-6), i32(3)));
  showI32("min % 3 + 1", i32(imin % 3 + 1));
  println("u32");
  showU32("max / 3", u32(u32(0xffffffff) / 3));
  showU32("max % 10", u32(u32(0xffffffff) % 10));
  showU32("max / max", u32(u32(0xffffffff) / u32(0xffffffff)));
  showU32("5 / 7", u32(u32(5) / 7));
  showU32("(max % 7) + max", u32(u32(0xffffffff) % 7 + u32(0xffffffff)));
  println("small kinds");
  showI8("-128 / -1", i8(i8(-128) / -1));
  showI8("-128 % -1", i8(i8(-128) % -1));
  showI8("-127 / 2", i8(i8(-127) / 2));
  showI16("-32768 / -1", i16(i16(-32768) / -1));
  showI16("-32767 % 10", i16(i16(-32767) % 10));
  showU8("255 / 2", u8(u8(255) / 2));
  showU8("255 % 16", u8(u8(255) % 16));
  showU16("65535 / 256", u16(u16(65535) / 256));
  showI32("i32(i8 -100 / 3)", i32(i8(-100) / 3));
  showU64("u64(u32 max / 2)", u64(u32(0xffffffff) / 2));
  showI64("i64(i32 -9 / 2)", i64(i32(-9) / 2));
  println("i64");
  showI64("min / -1", i64(lmin / lneg1));
  showI64("min % -1", i64(lmin % lneg1));
  showI64("-7 / 2", i64(i64(-7n) / 2n));
  showI64("-7 % 2", i64(i64(-7n) % 2n));
  showI64("7 / -2", i64(i64(7n) / -2n));
  showI64("min / 3", i64(lmin / 3n));
  showI64("min % 3", i64(lmin % 3n));
  showI64("(min / 2) / -1 + 1", i64(i64(lmin / 2n) / -1n + 1n));
  println("u64");
  showU64("max / 3", u64(u64(0xffffffffffffffffn) / 3n));
  showU64("max % 1000", u64(u64(0xffffffffffffffffn) % 1000n));
  showU64("2^63 / 2^32", u64(u64(0x8000000000000000n) / 0x100000000n));
  showU64("(max / 7) % 13 * 5", u64(u64(u64(u64(0xffffffffffffffffn) / 7n) % 13n) * 5n));
  println("usize");
  showUsize("(2^53 - 1) / 3", usize(usize(9007199254740991) / 3));
  showUsize("(2^53 - 1) % 1000", usize(usize(9007199254740991) % 1000));
  showUsize("(2^53 - 1) / (2^53 - 2)", usize(usize(9007199254740991) / usize(9007199254740990)));
  showU32("u32((2^53 - 1) / 7)", u32(usize(9007199254740991) / 7));
}
