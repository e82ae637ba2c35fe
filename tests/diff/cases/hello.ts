// The print library itself: every kind at its edges, in decimal and hex.
// @rule R-INTR-4
// @rule R-TYPE-1
// @rule R-TYPE-2
// @rule R-TYPE-3
// @rule R-STR-1
// @rule R-MOD-9
import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  println,
  showBool,
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
  println("hello, differential world");
  showU8("u8 max", u8(255));
  showU16("u16 max", u16(0xffff));
  showU32("u32 max", u32(0xffffffff));
  showU64("u64 max", u64(0xffffffffffffffffn));
  showUsize("usize max", usize(9007199254740991));
  showI8("i8 min", i8(-128));
  showI16("i16 min", i16(-32768));
  showI32("i32 min", i32(-2147483648));
  showI64("i64 min", i64(-9223372036854775808n));
  showI64("i64 max", i64(9223372036854775807n));
  showBool("true", true);
  showU32("zero", u32(0));
}
