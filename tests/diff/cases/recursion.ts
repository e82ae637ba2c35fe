// Recursion and calls with many parameters of mixed kinds, results passed straight on.
// @rule R-STMT-1
// @rule R-STMT-2

import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { println, showI64, showU32, showU64 } from "../lib/out.ts";

function fib(n: u32): u64 {
  if (n < 2) return u64(n);
  const a = fib(u32(n - 1));
  const b = fib(u32(n - 2));
  return u64(a + b);
}

function gcd(a: u64, b: u64): u64 {
  return b === 0n ? a : gcd(b, u64(a % b));
}

function ackermann(m: u32, n: u32): u32 {
  if (m === 0) return u32(n + 1);
  if (n === 0) return ackermann(u32(m - 1), u32(1));
  return ackermann(u32(m - 1), ackermann(m, u32(n - 1)));
}

function mixAll(a: u8, b: i8, c: u16, d: i16, e: u32, f: i32, g: u64, h: i64, k: usize): i64 {
  const sum = i64(i64(a) + i64(b) + i64(c) + i64(d) + i64(e) + i64(f));
  return i64(sum * 31n + i64(g) - h + i64(k));
}

export function main(): void {
  showU64("fib(40) iterative check", fib(u32(25)));
  showU64("gcd", gcd(u64(0xfffffffffffffffen), u64(0x7fffffffffffffffn)));
  showU64("gcd 2", gcd(u64(1071n), u64(462n)));
  showU32("ackermann(2, 3)", ackermann(u32(2), u32(3)));
  showU32("ackermann(3, 3)", ackermann(u32(3), u32(3)));
  showI64(
    "mixAll",
    mixAll(
      u8(255),
      i8(-128),
      u16(65535),
      i16(-32768),
      u32(0xffffffff),
      i32(-2147483648),
      u64(0xffffffffffffffffn),
      i64(-9223372036854775808n),
      usize(9007199254740991),
    ),
  );
  println("end");
}
