// deno-lint-ignore-file prefer-const
// Comparisons of every kind, with a literal on either side, at the edges where a signed and an
// unsigned reading of the same bits differ (§3: both operands of one kind).
// @rule R-INT-10

import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { println, showBool } from "../lib/out.ts";

let ua: u32 = u32(0x80000000);
let ub: u32 = u32(0x7fffffff);
let ia: i32 = i32(-2147483648);
let ib: i32 = i32(2147483647);
let la: u64 = u64(0x8000000000000000n);
let lb: i64 = i64(-1n);
let ba: u8 = u8(200);
let sa: i8 = i8(-56);
let wa: u16 = u16(65535);
let ha: i16 = i16(-1);
let za: usize = usize(9007199254740991);

export function main(): void {
  println("u32 / i32");
  showBool("ua > ub", ua > ub);
  showBool("ia < ib", ia < ib);
  showBool("ua >= 0x80000000", ua >= 0x80000000);
  showBool("0x80000000 <= ua", 0x80000000 <= ua);
  showBool("ia === -2147483648", ia === -2147483648);
  showBool("-2147483648 !== ia", -2147483648 !== ia);
  showBool("ia <= -1", ia <= -1);
  showBool("u32(ia) === ua", u32(ia) === ua);
  showBool("i32(ua) < 0", i32(ua) < 0);
  println("64-bit");
  showBool("la > 0x7fffffffffffffff", la > 0x7fffffffffffffffn);
  showBool("i64(la) < 0", i64(la) < 0n);
  showBool("lb < 0", lb < 0n);
  showBool("u64(lb) === max", u64(lb) === 0xffffffffffffffffn);
  showBool("lb >= -1", lb >= -1n);
  showBool("lb > -9223372036854775808", lb > -9223372036854775808n);
  println("small");
  showBool("ba > 127", ba > 127);
  showBool("sa < 0", sa < 0);
  showBool("i8(ba) === sa", i8(ba) === sa);
  showBool("u8(sa) === ba", u8(sa) === ba);
  showBool("wa === 65535", wa === 65535);
  showBool("ha === -1", ha === -1);
  showBool("u16(ha) === wa", u16(ha) === wa);
  showBool("i16(wa) <= ha", i16(wa) <= ha);
  println("usize");
  showBool("za === 2^53 - 1", za === 9007199254740991);
  showBool("za > 2^52", za > 4503599627370496);
  println("booleans");
  showBool("(ua > ub) === (ia < ib)", (ua > ub) === (ia < ib));
  showBool("(ua < ub) !== true", (ua < ub) !== true);
}
