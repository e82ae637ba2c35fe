// Generic functions (§4): instances per listed type, inferred and explicit type arguments, a
// generic calling a generic, comparisons and wraps on type parameters, enums and classes as
// type arguments.
// @rule R-GEN-1
// @rule R-GEN-2
// @rule R-GEN-3

import { i16, i64, u16, u32, u64, u8 } from "../../../kernel/int.ts";
import { println, showBool, showI64, showU16, showU32, showU64 } from "../lib/out.ts";

enum Level {
  LOW = 1,
  HIGH = 9,
}

class Box {
  v: u32 = u32(5);
}

export const box1 = new Box();
export const box2 = new Box();

function max<T extends u16 | u32 | u64 | i16>(a: T, b: T): T {
  return a > b ? a : b;
}

function max3<T extends u32 | u64>(a: T, b: T, c: T): T {
  return max(max(a, b), c);
}

function pick<T extends u32 | boolean | Level | Box>(c: boolean, a: T, b: T): T {
  const r: T = c ? a : b;
  return r;
}

function same<T extends u8 | Level>(a: T, b: T): boolean {
  return a === b;
}

function widen<T extends u8 | i16 | u32>(x: T): i64 {
  return i64(x);
}

export function main(): void {
  showU16("max u16", max(u16(7), u16(65535)));
  showU32("max u32", max<u32>(u32(0x80000000), u32(0x7fffffff)));
  showU64("max u64", max(u64(0xffffffffffffffffn), u64(1n)));
  showI64("max i16", i64(max(i16(-5), i16(-32768))));
  showU32("max3 u32", max3(u32(1), u32(3), u32(2)));
  showU64("max3 u64", max3(u64(9n), u64(3n), u64(0x8000000000000000n)));
  showU32("pick u32", pick(false, u32(1), u32(2)));
  showBool("pick bool", pick(true, false, true));
  showU32("pick Level", u32(pick(true, Level.HIGH, Level.LOW)));
  box2.v = u32(77);
  showU32("pick Box", pick(false, box1, box2).v);
  showBool("same u8", same(u8(3), u8(3)));
  showBool("same Level", same(Level.LOW, Level.HIGH));
  showI64("widen u8", widen(u8(255)));
  showI64("widen i16", widen(i16(-300)));
  showI64("widen u32", widen(u32(0xffffffff)));
  println("end");
}
