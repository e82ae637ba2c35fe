// Integer literals: decimal, hex, octal, binary, separators, big u64 and negative i64, the most
// negative value of each signed kind, and literals folded by wraps (§3, "Integer literals").
// @rule R-INT-11

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

export function main(): void {
  println("forms");
  showU32("0xdead_beef", u32(0xdead_beef));
  showU32("0o777", u32(0o777));
  showU32("0b1010_1010", u32(0b1010_1010));
  showU32("1_000_000", u32(1_000_000));
  showU64("0xFFFF_FFFF_FFFF_FFFFn", u64(0xFFFF_FFFF_FFFF_FFFFn));
  showU64("18446744073709551615n", u64(18446744073709551615n));
  showU64("0o1777777777777777777777n", u64(0o1777777777777777777777n));
  showU64("0b1n", u64(0b1n));
  showUsize("9007199254740991", usize(9007199254740991));
  println("negative and minimum");
  showI8("-128", i8(-128));
  showI16("-32768", i16(-32768));
  showI32("-2147483648", i32(-2147483648));
  showI32("-0x80000000", i32(-0x80000000));
  showI64("-9223372036854775808n", i64(-9223372036854775808n));
  showI64("-0x8000000000000000n", i64(-0x8000000000000000n));
  showI64("-1n", i64(-1n));
  println("folded wraps");
  showU8("u8(-129)", u8(-129));
  showI8("i8(0xff)", i8(0xff));
  showU16("u16(-0x8001)", u16(-0x8001));
  showI16("i16(0xffff8000)", i16(0xffff8000));
  showU32("u32(-2147483649)", u32(-2147483649));
  showI32("i32(0xffffffff)", i32(0xffffffff));
  showI32("i32(9007199254740991)", i32(9007199254740991));
  showU64("u64(-9007199254740991)", u64(-9007199254740991));
  showI64("i64(0xffffffffffffffffn)", i64(0xffffffffffffffffn));
  showU64("u64(-0xffffffffffffffffn)", u64(-0xffffffffffffffffn));
  println("literals next to values");
  showU32("u32(x + 0xffffffff)", u32(u32(1) + 0xffffffff));
  showI64("i64(x - 0x7fffffffffffffffn)", i64(i64(-2n) - 0x7fffffffffffffffn));
  showU64("u64(x * 0xffffffffffffffffn)", u64(u64(3n) * 0xffffffffffffffffn));
  showU8("u8(x + 255)", u8(u8(1) + 255));
  showI8("i8(x - 128)", i8(i8(-1) - -128));
}
