// deno-lint-ignore-file prefer-const
// Wrapping of u32 and i32: overflow in sums and differences, mulU32/mulI32, negation and `~`,
// and the conversions to and from the other kinds (docs/SUBSET.md §3).
// @rule R-INT-2
// @rule R-INT-3
// @rule R-INT-5

import {
  i16,
  i32,
  i64,
  i8,
  mulI32,
  mulU32,
  u16,
  u32,
  u64,
  u8,
  usize,
} from "../../../kernel/int.ts";
import { println, showI32, showU32 } from "../lib/out.ts";

let max: u32 = u32(0xffffffff);
let big: u32 = u32(0x80000001);
let imin: i32 = i32(-2147483648);
let imax: i32 = i32(2147483647);

export function main(): void {
  println("u32");
  showU32("max + 1", u32(max + 1));
  showU32("max + max + max", u32(max + max + max));
  showU32("0 - 1", u32(u32(0) - 1));
  showU32("-big", u32(-big));
  showU32("~big", u32(~big));
  showU32("mulU32 max max", mulU32(max, max));
  showU32("mulU32 big 3", mulU32(big, u32(3)));
  showU32("mulU32 0x12345678 0x9abcdef", mulU32(u32(0x12345678), u32(0x9abcdef)));
  showU32("big & 0xff00ff01", u32(big & 0xff00ff01));
  showU32("big | 0x7ffffffe", u32(big | 0x7ffffffe));
  showU32("big ^ max", u32(big ^ max));
  showU32("a + b - c & d", u32((max + big - 5) & 0xfff0fff0));
  showU32("u32(-1)", u32(-1));
  showU32("u32(0x100000000)", u32(0x100000000));
  showU32("u32(2^53 - 1)", u32(9007199254740991));
  showU32("u32(i8 -1)", u32(i8(-1)));
  showU32("u32(i16 -2)", u32(i16(-2)));
  showU32("u32(u64 2^64 - 1)", u32(u64(0xffffffffffffffffn)));
  showU32("u32(i64 -3)", u32(i64(-3n)));
  showU32("u32(usize 2^40 + 7)", u32(usize(1099511627783)));
  showU32("u32(u16 65535) + u32(u8 255)", u32(u32(u16(65535)) + u32(u8(255))));
  println("i32");
  showI32("max + 1", i32(imax + 1));
  showI32("min - 1", i32(imin - 1));
  showI32("-min", i32(-imin));
  showI32("~min", i32(~imin));
  showI32("min + min", i32(imin + imin));
  showI32("mulI32 min -1", mulI32(imin, i32(-1)));
  showI32("mulI32 max max", mulI32(imax, imax));
  showI32("mulI32 -7 123456789", mulI32(i32(-7), i32(123456789)));
  showI32("mulI32 0x7fff 0x10001", mulI32(i32(0x7fff), i32(0x10001)));
  showI32("i32(u32 max)", i32(max));
  showI32("i32(0x80000000)", i32(0x80000000));
  showI32("i32(u64 0x1_8000_0000)", i32(u64(0x180000000n)));
  showI32("i32(i64 -2^31 - 1)", i32(i64(-2147483649n)));
  showI32("i32(usize 2^52 + 5)", i32(usize(4503599627370501)));
  showI32("i32(u16 0xffff)", i32(u16(0xffff)));
  showI32("imin & imax", i32(imin & imax));
  showI32("imin | 5", i32(imin | 5));
  showI32("imin ^ -1", i32(imin ^ -1));
}
