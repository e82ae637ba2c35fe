// Classes as structs (§5): module-level instances, fields of every scalar kind, methods that
// read and write `this`, instances passed to functions (C pointers) and methods calling methods.
// @rule R-STRUCT-1
// @rule R-STRUCT-2
// @rule R-STRUCT-3
// @rule R-STRUCT-8
// @rule R-TYPE-7

import { i16, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  println,
  showBool,
  showI16,
  showI64,
  showI8,
  showU16,
  showU32,
  showU64,
  showU8,
  showUsize,
} from "../lib/out.ts";

class Acc {
  a8: u8 = u8(250);
  s8: i8 = i8(-3);
  a16: u16 = u16(1);
  s16: i16 = i16(-32768);
  a32: u32 = u32(0xfffffff0);
  a64: u64 = u64(0xffffffffffffff00n);
  s64: i64 = i64(-1n);
  size: usize = usize(4096);
  flag: boolean = false;
  name: string = "acc";

  step(k: u8): u32 {
    this.a8 = u8(this.a8 + k);
    this.s8 = i8(this.s8 - i8(k));
    this.a16 = u16(this.a16 << 3);
    this.s16 = i16(this.s16 - 1);
    this.a32 = u32(this.a32 + u32(k));
    this.a64 = u64(this.a64 + u64(k));
    this.s64 = i64(this.s64 * 3n);
    this.size = usize(this.size + usize(k));
    this.flag = !this.flag;
    return this.sum();
  }

  sum(): u32 {
    return u32(u32(this.a8) + u32(this.s8) + u32(this.a16) + u32(this.s16) + this.a32);
  }
}

class Point {
  x: i16 = i16(0);
  y: i16 = i16(0);
}

export const acc = new Acc();
export const p = new Point();
export const q = new Point();

function move(pt: Point, dx: i16, dy: i16): void {
  pt.x = i16(pt.x + dx);
  pt.y = i16(pt.y + dy);
}

function show(a: Acc): void {
  showU8("a8", a.a8);
  showI8("s8", a.s8);
  showU16("a16", a.a16);
  showI16("s16", a.s16);
  showU32("a32", a.a32);
  showU64("a64", a.a64);
  showI64("s64", a.s64);
  showUsize("size", a.size);
  showBool("flag", a.flag);
  println(a.name);
}

export function main(): void {
  show(acc);
  for (let i: u8 = u8(1); i < 8; i = u8(i + 1)) {
    const s = acc.step(i);
    showU32("step", s);
  }
  show(acc);
  move(p, i16(30000), i16(-30000));
  move(p, i16(30000), i16(-30000));
  move(q, p.x, p.y);
  showI16("p.x", p.x);
  showI16("p.y", p.y);
  showI16("q.x", q.x);
  showI16("q.y", q.y);
}
