// Smoke-test program for enums, switch, function values and generics: smoke_test.ts calls every
// exported function with the same argument vectors in Deno and in the compiled C.

import { i32, i64, mulU32, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";

export enum Errno {
  OK = 0,
  EIO = 5,
  EAGAIN = 11,
  EWOULDBLOCK = EAGAIN,
  ENOMEM = 12,
  EINVAL = 22,
  BIG = 0xfffffffe,
}

export enum Sign {
  NEG = -1,
  ZERO = 0,
  POS = 1,
  MIN = -0x80000000,
}

export type BinOp = (a: u32, b: u32) => u32;
export type Pick = (flag: boolean) => BinOp;

export class Table {
  op: BinOp = add;
  err: Errno = Errno.OK;
  calls: u32 = u32(0);

  apply(a: u32, b: u32): u32 {
    this.calls = u32(this.calls + 1);
    return this.op(a, b);
  }
}

export const table = new Table();
export let fallback: BinOp = sub;
export const PICK: Pick = choose;

function add(a: u32, b: u32): u32 {
  return u32(a + b);
}
function sub(a: u32, b: u32): u32 {
  return u32(a - b);
}
function mul(a: u32, b: u32): u32 {
  return mulU32(a, b);
}
function div(a: u32, b: u32): u32 {
  return u32(a / b);
}
function choose(flag: boolean): BinOp {
  return flag ? mul : div;
}

/** An integer as an Errno, the only way: a switch. */
function toErrno(x: u32): Errno {
  switch (x) {
    case 0:
      return Errno.OK;
    case 5:
      return Errno.EIO;
    case 11:
      return Errno.EAGAIN;
    case 12:
      return Errno.ENOMEM;
    case 0xfffffffe:
      return Errno.BIG;
    default:
      return Errno.EINVAL;
  }
}

export function errnoRoundTrip(x: u32): u32 {
  const e = toErrno(x);
  if (e === Errno.EWOULDBLOCK) {
    return u32(1000);
  }
  return u32(e);
}

export function errnoWraps(x: u32): i64 {
  const e = toErrno(x);
  return i64(u64(u8(e)) + u64(i32(e)) + u64(e));
}

export function signOf(x: i32): i32 {
  let s = Sign.ZERO;
  if (x < 0) {
    s = x === -0x80000000 ? Sign.MIN : Sign.NEG;
  } else if (x > 0) {
    s = Sign.POS;
  }
  switch (s) {
    case Sign.MIN:
      return i32(-7);
    case Sign.NEG:
    case Sign.ZERO:
      break;
    default:
      return i32(s);
  }
  return i32(s);
}

/** Every member has a case and there is no default: C gets an unreachable default. */
function signCode(s: Sign): u32 {
  switch (s) {
    case Sign.NEG:
      return u32(10);
    case Sign.ZERO:
      return u32(20);
    case Sign.POS:
      return u32(30);
    case Sign.MIN:
      return u32(40);
  }
}

export function signCodeOf(x: i32): u32 {
  let s = Sign.ZERO;
  if (x === -0x80000000) {
    s = Sign.MIN;
  } else if (x < 0) {
    s = Sign.NEG;
  } else if (x > 0) {
    s = Sign.POS;
  }
  return signCode(s);
}

export function classify(x: u8): u32 {
  let r = u32(0);
  switch (x) {
    case 0:
      r = u32(10);
      break;
    case 1:
    case 127: {
      const t = u32(x);
      r = u32(t + 20);
      break;
    }
    case 0x80:
      return u32(30);
  }
  for (let i = u32(0); i < 3; i = u32(i + 1)) {
    switch (i) {
      case 1:
        continue;
      default:
        r = u32(r + i);
        break;
    }
  }
  return r;
}

export function wideSwitch(x: u64): u64 {
  switch (x) {
    case 0n:
      return u64(1n);
    case 0xffffffffffffffffn:
      return u64(2n);
    case u64(1n << 63n):
      return u64(3n);
    default:
      return u64(x + 7n);
  }
}

export function dispatch(op: u8, a: u32, b: u32): u32 {
  let f: BinOp = add;
  if (op === 1) {
    f = sub;
  } else if (op === 127) {
    f = PICK(true);
  } else if (op === 128) {
    f = PICK(false);
  } else if (op === 255) {
    f = fallback;
  }
  table.op = f;
  const r = table.apply(a, b);
  if (op === 0 && a === 1) {
    fallback = r > b ? mul : add;
  }
  return u32(r ^ table.calls);
}

function applyOp(f: BinOp, a: u32, b: u32): u32 {
  return f(a, b);
}

/** Function values in unannotated locals: C declares them without a typedef. */
export function viaLocals(sel: u8, a: u32, b: u32): u32 {
  const flag = sel > 127;
  const ch = choose;
  const ap = applyOp;
  const op = ch(flag);
  return ap(op, a, b);
}

export function maxU32(a: u32, b: u32): u32 {
  return max(a, b);
}
export function maxI64(a: i64, b: i64): i64 {
  return max(a, b);
}
export function clampU16(x: u16, lo: u16, hi: u16): u16 {
  return clamp(x, lo, hi);
}
export function clampUsize(x: usize, lo: usize, hi: usize): usize {
  return clamp<usize>(x, lo, hi);
}

function max<T extends u32 | i64 | u16 | usize>(a: T, b: T): T {
  return a > b ? a : b;
}
function min<T extends u32 | i64 | u16 | usize>(a: T, b: T): T {
  return a < b ? a : b;
}
function clamp<T extends u32 | i64 | u16 | usize>(x: T, lo: T, hi: T): T {
  return min(max(x, lo), hi);
}
