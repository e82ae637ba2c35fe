// deno-lint-ignore-file prefer-const
// Raw arithmetic nested inside one wrap (§3): `+ - & | ^ << ~` chains computed in uint32_t or
// uint64_t, number-domain bitwise results (int32) sign-extended when the wrap is 64 bits, and
// products of the kinds that allow `*`.
// @rule R-INT-4
// @rule R-INT-1

import { i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  println,
  showI32,
  showI64,
  showU16,
  showU32,
  showU64,
  showU8,
  showUsize,
} from "../lib/out.ts";

let a: u32 = u32(0xdeadbeef);
let b: u32 = u32(0x12345678);
let c: i32 = i32(-0x55555556);
let h: u16 = u16(0xffff);
let s: i8 = i8(-7);
let z: usize = usize(123456789);

export function main(): void {
  showU32("a + b + a + b", u32(a + b + a + b));
  showU32("(a ^ b) + (a & b) * 2 via <<", u32((a ^ b) + ((a & b) << 1)));
  showU32("~a + -b", u32(~a + -b));
  showU32("a - b - b - b", u32(a - b - b - b));
  showU32("(a | b) & ~(a & b)", u32((a | b) & ~(a & b)));
  showU32("((a << 3) ^ (b >>> 5)) + c", u32(u32((a << 3) ^ (b >>> 5)) + u32(c)));
  showI32("c + c + c", i32(c + c + c));
  showI32("~c & 0xff00ff", i32(~c & 0xff00ff));
  showI32("(c >> 4) - (c << 4)", i32((c >> 4) - (c << 4)));
  println("64-bit wraps of number arithmetic");
  showU64("u64(a + b)", u64(a + b));
  showU64("u64(a - b - b)", u64(a - b - b));
  showI64("i64(a - b - b)", i64(a - b - b));
  showU64("u64(a & b)", u64(a & b));
  showU64("u64(a | b)", u64(a | b));
  showI64("i64(~a)", i64(~a));
  showU64("u64(c)", u64(c));
  showI64("i64(c ^ 1)", i64(c ^ 1));
  showU64("u64(h * h)", u64(h * h));
  showU64("u64(h * h + h * h + h * h)", u64(h * h + h * h + h * h));
  showI64("i64(-(h * h))", i64(-(h * h)));
  showU64("u64(s << 28)", u64(s << 28));
  showU64("u64(-s)", u64(-s));
  showUsize("usize(z * 1000 / z)", usize(usize(z * 1000) / z));
  showU64("u64(usize(z * 3) - z)", u64(usize(z * 3) - z));
  println("narrow wraps of wide arithmetic");
  showU8("u8(a + b)", u8(a + b));
  showU16("u16(h * h + h)", u16(h * h + h));
  showU8("u8(i32(s) - 1000)", u8(i32(s) - 1000));
  showU16("u16(u64 raw)", u16(u64(0x123456789n) + 0xffffn));
  showU32("u32(i64 raw)", u32(i64(-1n) * 0x100000001n));
  showU8("u8(usize(z + 255))", u8(usize(z + 255)));
  showU32("u32(z - 123456790)", u32(z - 123456790));
}
