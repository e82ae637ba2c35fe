// deno-lint-ignore-file prefer-const
// Shifts of u64 and i64: exact bigint shifts under Deno, so a count of 64 or more gives 0 (or
// the sign for i64 `>>`), never a masked count; the count is a u64 (§3, "Shifts").
// @rule R-INT-9

import { i64, u32, u64 } from "../../../kernel/int.ts";
import { println, showI64, showU64 } from "../lib/out.ts";

let x: u64 = u64(0x8000000000000001n);
let s: i64 = i64(-0x7ffffffffffffff1n);
let p: i64 = i64(0x123456789abcdefn);
let c0: u64 = u64(0n);
let c1: u64 = u64(1n);
let c63: u64 = u64(63n);
let c64: u64 = u64(64n);
let c65: u64 = u64(65n);
let c200: u64 = u64(200n);
let cHuge: u64 = u64(0xffffffffffffffffn);

export function main(): void {
  println("u64 <<");
  showU64("x << 0", u64(x << c0));
  showU64("x << 1", u64(x << c1));
  showU64("x << 63", u64(x << c63));
  showU64("x << 64", u64(x << c64));
  showU64("x << 65", u64(x << c65));
  showU64("x << 200", u64(x << c200));
  showU64("x << 4n", u64(x << 4n));
  showU64("(x + 1) << 3", u64((x + 1n) << 3n));
  showU64("0 << huge", u64(u64(0n) << cHuge));
  println("u64 >>");
  showU64("x >> 1", u64(x >> c1));
  showU64("x >> 63", u64(x >> c63));
  showU64("x >> 64", u64(x >> c64));
  showU64("x >> huge", u64(x >> cHuge));
  println("i64 >>");
  showI64("s >> 1", i64(s >> c1));
  showI64("s >> 63", i64(s >> c63));
  showI64("s >> 64", i64(s >> c64));
  showI64("s >> huge", i64(s >> cHuge));
  showI64("p >> 64", i64(p >> c64));
  showI64("p >> 8", i64(p >> 8n));
  println("i64 <<");
  showI64("s << 1", i64(s << c1));
  showI64("s << 63", i64(s << c63));
  showI64("s << 64", i64(s << c64));
  showI64("p << 60", i64(p << 60n));
  showI64("-1 << 63", i64(i64(-1n) << c63));
  showI64("-1 << 200", i64(i64(-1n) << c200));
  println("near V8's bigint size limit (2^30 bits)");
  showU64("1 << (2^30 - 1)", u64(u64(1n) << 1073741823n));
  showU64("3 << (2^30 - 2)", u64(u64(3n) << 1073741822n));
  showI64("-4 << (2^30 - 3)", i64(i64(-4n) << 1073741821n));
  showU64("u64(u32 max) << 40", u64(u64(u32(0xffffffff)) << 40n));
}
