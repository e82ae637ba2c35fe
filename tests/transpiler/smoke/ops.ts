// Smoke-test program: integer operations whose results Deno and the compiled C must agree on.
// smoke_test.ts calls every exported function with the same argument vectors in both worlds.

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

const MESSAGE: string = "Hello\tTsuki\n";
const BIAS: u32 = u32(0xfffffff0 + 0x20);

export class Tally {
  total: u64 = u64(0);
  calls: u32 = u32(0);

  add(x: u64): u64 {
    this.total = u64(this.total + x);
    this.calls = u32(this.calls + 1);
    return this.total;
  }
}

export const tally = new Tally();

export function addU32(a: u32, b: u32): u32 {
  return u32(a + b + BIAS);
}
export function subU8(a: u8, b: u8): u8 {
  return u8(a - b);
}
export function subI8(a: i8, b: i8): i8 {
  return i8(a - b);
}
export function mulU16(a: u16, b: u16): u32 {
  return u32(a * b);
}
export function mulU16Wrap(a: u16, b: u16): u16 {
  return u16(a * b + 1);
}
export function mulWrap32(a: u32, b: u32): u32 {
  return mulU32(a, b);
}
export function mulWrapI32(a: i32, b: i32): i32 {
  return mulI32(a, b);
}
export function divU32(a: u32, b: u32): u32 {
  return u32(a / b);
}
export function remU32(a: u32, b: u32): u32 {
  return u32(a % b);
}
export function divI32(a: i32, b: i32): i32 {
  return i32(a / b);
}
export function remI32(a: i32, b: i32): i32 {
  return i32(a % b);
}
export function divI32ToU64(a: i32, b: i32): u64 {
  return u64(a / b);
}
export function divI16(a: i16, b: i16): i16 {
  return i16(a / b);
}
export function shlU32(a: u32, n: u32): u32 {
  return u32(a << n);
}
export function shrU32(a: u32, n: u32): u32 {
  return u32(a >>> n);
}
export function sarI32(a: i32, n: u32): i32 {
  return i32(a >> n);
}
export function notU32(a: u32): u32 {
  return u32(~a);
}
export function negI32(a: i32): i32 {
  return i32(-a);
}
export function bitsToU64(a: u32, b: u32): u64 {
  return u64((a | b) ^ (a & 0xff));
}
export function shlToU64(a: u32, n: u32): u64 {
  return u64(a << n);
}
export function shrToI64(a: u32, n: u32): i64 {
  return i64(a >>> n);
}
export function subToU64(a: u32, b: u32): u64 {
  return u64(a - b);
}
export function subToUsize(a: u32, b: u32): usize {
  return usize(a - b);
}
export function addToUsize(a: u32, b: u32): usize {
  return usize(a + b);
}
export function sarToI64(a: i32, n: u32): i64 {
  return i64((a >> n) - 1);
}
export function addU64(a: u64, b: u64): u64 {
  return u64(a + b);
}
export function subI64(a: i64, b: i64): i64 {
  return i64(a - b);
}
export function mulU64(a: u64, b: u64): u64 {
  return u64(a * b);
}
export function mulI64(a: i64, b: i64): i64 {
  return i64(a * b);
}
export function divU64(a: u64, b: u64): u64 {
  return u64(a / b);
}
export function divI64(a: i64, b: i64): i64 {
  return i64(a / b);
}
export function remI64(a: i64, b: i64): i64 {
  return i64(a % b);
}
export function shlU64(a: u64, n: u64): u64 {
  return u64(a << n);
}
export function shrU64(a: u64, n: u64): u64 {
  return u64(a >> n);
}
export function sarI64(a: i64, n: u64): i64 {
  return i64(a >> n);
}
export function notI64(a: i64): i64 {
  return i64(~a);
}
export function lowU32(a: u64): u32 {
  return u32(a);
}
export function lowI8(a: u64): i8 {
  return i8(a + 1n);
}
export function signExtend(a: i32): u64 {
  return u64(a);
}
export function toUsize(a: i64): usize {
  return usize(a);
}
export function u64ToUsize(a: u64): usize {
  return usize(u64(a + a));
}
export function i32FromU32(a: u32): i32 {
  return i32(a);
}
export function u8FromI32(a: i32): u8 {
  return u8(a);
}
export function addUsize(a: usize, b: usize): usize {
  return usize(a + b);
}
export function subUsize(a: usize, b: usize): usize {
  return usize(a - b);
}
export function mulUsize(a: usize, b: usize): usize {
  return usize(a * b);
}
export function divUsize(a: usize, b: usize): usize {
  return usize(a / b);
}
export function remUsizeToU32(a: usize, b: usize): u32 {
  return u32(usize(a % b + 7));
}
export function usizeToU16(a: usize, b: usize): u16 {
  return u16(a - b);
}
export function alignUpUsize(a: usize, b: usize): usize {
  return alignUp(a, b);
}
export function alignDownUsize(a: usize, b: usize): usize {
  return alignDown(a, b);
}
export function charAt(i: usize): u8 {
  return u8(MESSAGE.charCodeAt(i));
}
export function checksum(n: usize): u32 {
  let sum = u32(0);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    sum = u32((sum << 5) - sum + MESSAGE.charCodeAt(i));
  }
  return sum;
}
export function maxI32(a: i32, b: i32): i32 {
  return a > b ? a : b;
}
export function between(a: u32, lo: u32, hi: u32): u32 {
  if (a < lo || a > hi) {
    return u32(0);
  } else if (a === lo) {
    return u32(1);
  }
  return u32(2);
}
export function collatz(a: u32): u32 {
  let steps = u32(0);
  let x = u64(a);
  while (x !== u64(1) && steps < 1000) {
    if (u64(x % 2n) === u64(0)) {
      x = u64(x / 2n);
    } else {
      x = u64(x * 3n + 1n);
    }
    steps = u32(steps + 1);
  }
  return steps;
}
export function tallyAdd(x: u64): u64 {
  tally.add(x);
  return u64(tally.total + u64(tally.calls));
}
