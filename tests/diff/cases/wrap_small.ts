// deno-lint-ignore-file prefer-const
// Wrapping of the 8- and 16-bit kinds: overflow, underflow, negation, `~`, and conversions
// between them (docs/SUBSET.md §3, "Wrapping").
// @rule R-INT-2
// @rule R-INT-3
// @rule R-INT-4

import { i16, i32, i8, u16, u32, u8 } from "../../../kernel/int.ts";
import { println, showI16, showI8, showU16, showU8 } from "../lib/out.ts";

let a8: u8 = u8(250);
let b8: i8 = i8(120);
let a16: u16 = u16(65530);
let b16: i16 = i16(32760);

function addU8(x: u8, y: u8): u8 {
  return u8(x + y);
}

function subI8(x: i8, y: i8): i8 {
  return i8(x - y);
}

export function main(): void {
  println("u8");
  showU8("250 + 10", addU8(a8, u8(10)));
  showU8("0 - 1", u8(u8(0) - 1));
  showU8("-a8", u8(-a8));
  showU8("~a8", u8(~a8));
  showU8("a8 * a8", u8(a8 * a8));
  showU8("a8 * 3 + 7", u8(a8 * 3 + 7));
  showU8("u8(-1)", u8(-1));
  showU8("u8(256)", u8(256));
  showU8("u8(0x1ff)", u8(0x1ff));
  showU8("u8(i8 -1)", u8(i8(-1)));
  showU8("u8(u16 0x1234)", u8(u16(0x1234)));
  println("i8");
  showI8("120 + 10", i8(b8 + 10));
  showI8("-128 - 1", subI8(i8(-128), i8(1)));
  showI8("-(-128)", i8(-i8(-128)));
  showI8("~0", i8(~i8(0)));
  showI8("i8(128)", i8(128));
  showI8("i8(255)", i8(255));
  showI8("i8(u8 200)", i8(u8(200)));
  showI8("i8(i16 -129)", i8(i16(-129)));
  showI8("i8(i32 0x7fffff80)", i8(i32(0x7fffff80)));
  println("u16");
  showU16("65530 + 10", u16(a16 + 10));
  showU16("a16 * a16", u16(a16 * a16));
  showU16("a16 * a16 + a16 * a16", u16(a16 * a16 + a16 * a16));
  showU16("-1", u16(-1));
  showU16("~a16", u16(~a16));
  showU16("u16(i8 -2)", u16(i8(-2)));
  showU16("u16(u32 0xdeadbeef)", u16(u32(0xdeadbeef)));
  println("i16");
  showI16("32760 + 10", i16(b16 + 10));
  showI16("-32768 - 1", i16(i16(-32768) - 1));
  showI16("i16(u16 65535)", i16(u16(65535)));
  showI16("i16(0x8000)", i16(0x8000));
  showI16("i16(i8 -128)", i16(i8(-128)));
  showI16("i16(u8 255)", i16(u8(255)));
  showI16("b16 + b16 + b16", i16(b16 + b16 + b16));
  showI16("b16 - 70000", i16(i32(b16) - 70000));
  showI16("i16(i32 -65537)", i16(i32(-65537)));
  showI16("i16(u32(a16) << 8)", i16(u32(a16) << 8));
}
