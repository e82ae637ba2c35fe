// deno-lint-ignore-file prefer-const
// Wrapping of u64 and i64 (bigints under Deno): modulo 2^64, negation, `~`, products, and the
// conversions from every other kind, with sign extension from the signed ones (§3).
// @rule R-INT-2
// @rule R-INT-3
// @rule R-INT-5
// @rule R-TYPE-2

import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { println, showI64, showU64 } from "../lib/out.ts";

let umax: u64 = u64(0xffffffffffffffffn);
let odd: u64 = u64(0x9e3779b97f4a7c15n);
let imin: i64 = i64(-9223372036854775808n);
let imax: i64 = i64(9223372036854775807n);

function mix(x: u64): u64 {
  const y: u64 = u64(x ^ (x >> 31n));
  return u64(y * 0xbf58476d1ce4e5b9n);
}

export function main(): void {
  println("u64");
  showU64("max + 1", u64(umax + 1n));
  showU64("0 - 1", u64(u64(0n) - 1n));
  showU64("-odd", u64(-odd));
  showU64("~odd", u64(~odd));
  showU64("odd * odd", u64(odd * odd));
  showU64("max * max", u64(umax * umax));
  showU64("odd * 3 + 1 - max", u64(odd * 3n + 1n - umax));
  showU64("mix(odd)", mix(odd));
  showU64("mix(mix(1))", mix(mix(u64(1n))));
  showU64("odd & 0xffff0000ffff", u64(odd & 0xffff0000ffffn));
  showU64("odd | 1 << 63", u64(odd | 0x8000000000000000n));
  showU64("u64(-1n)", u64(-1n));
  showU64("u64(i8 -1)", u64(i8(-1)));
  showU64("u64(i16 -300)", u64(i16(-300)));
  showU64("u64(i32 min)", u64(i32(-2147483648)));
  showU64("u64(u32 max)", u64(u32(0xffffffff)));
  showU64("u64(u8 200)", u64(u8(200)));
  showU64("u64(u16 0xabcd)", u64(u16(0xabcd)));
  showU64("u64(usize 2^53 - 1)", u64(usize(9007199254740991)));
  showU64("u64(i64 min)", u64(imin));
  println("i64");
  showI64("max + 1", i64(imax + 1n));
  showI64("min - 1", i64(imin - 1n));
  showI64("-min", i64(-imin));
  showI64("~max", i64(~imax));
  showI64("min * -1", i64(imin * -1n));
  showI64("max * max", i64(imax * imax));
  showI64("min * min", i64(imin * imin));
  showI64("-3 * 0x5555555555555556", i64(i64(-3n) * 0x5555555555555556n));
  showI64("i64(u64 max)", i64(umax));
  showI64("i64(1 << 63)", i64(0x8000000000000000n));
  showI64("i64(i8 -128)", i64(i8(-128)));
  showI64("i64(i32 -1)", i64(i32(-1)));
  showI64("i64(u32 max)", i64(u32(0xffffffff)));
  showI64("i64(usize 2^53 - 1)", i64(usize(9007199254740991)));
  showI64("min & max", i64(imin & imax));
  showI64("min | 1", i64(imin | 1n));
  showI64("min ^ -1", i64(imin ^ -1n));
}
