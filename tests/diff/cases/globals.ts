// Module-level consts and lets: initialisers are constants the transpiler evaluates with JS's
// own semantics (wraps, operators, other consts, mulU32, alignUp), so the C global starts with
// the value the Deno module computes at load (§1, §2).
// @rule R-MOD-6
// @rule R-TYPE-9

import {
  alignDown,
  alignUp,
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

const A: u32 = u32(0xfffffff0 + 0x20);
const B: u32 = u32(A << 28);
const C: i32 = i32(~A);
const D: u32 = mulU32(A, u32(0x9e3779b9));
const E: i32 = mulI32(i32(-7), i32(0x7fffffff));
const F: u8 = u8(-1 - 255);
const G: i8 = i8(F + 0x80);
const H: u16 = u16(A + 65536 + 7);
const I: i16 = i16(u16(H - 8));
const J: u64 = u64(0xffffffffffffffffn * 3n);
const K: i64 = i64(J + 0x8000000000000000n);
const L: u64 = u64(J >> 60n);
const M: i64 = i64(K >> 65n);
const N: usize = alignUp(usize(4097), usize(4096));
const O: usize = alignDown(usize(N + 4095), usize(4096));
const P: u32 = u32(A / 3);
const Q: i32 = i32(C % 7);
const R: boolean = A > 10 && !(B === 0);
const S: u32 = R ? u32(1) : u32(2);
const T: i32 = i32(-2147483648 >> 31);
const U: u32 = u32(-1 >>> 1);
const V: u64 = u64(u64(7n) << 62n);
const W: i64 = i64(i64(-5n) / 2n);
const X: usize = usize(u64(0x1fffffffffffffn));
const Y: i64 = i64(i32(-1));
const Z: u64 = u64(i8(-2));

let counter: u32 = A;
let flag: boolean = R;

export function main(): void {
  showU32("A", A);
  showU32("B", B);
  showI32("C", C);
  showU32("D", D);
  showI32("E", E);
  showU8("F", F);
  showI8("G", G);
  showU16("H", H);
  showI16("I", I);
  showU64("J", J);
  showI64("K", K);
  showU64("L", L);
  showI64("M", M);
  showUsize("N", N);
  showUsize("O", O);
  showU32("P", P);
  showI32("Q", Q);
  showBool("R", R);
  showU32("S", S);
  showI32("T", T);
  showU32("U", U);
  showU64("V", V);
  showI64("W", W);
  showUsize("X", X);
  showI64("Y", Y);
  showU64("Z", Z);
  println("runtime recomputation");
  showU32("A << 28", u32(counter << 28));
  counter = u32(counter + B);
  showU32("counter", counter);
  flag = !flag;
  showBool("flag", flag);
}
