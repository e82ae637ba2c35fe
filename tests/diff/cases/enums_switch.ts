// Enums (u32 and i32 kinds, aliases, members from other members) and switch: on enums and on
// integers of several kinds, stacked empty clauses, default anywhere, braced clauses with
// locals, and every way a clause may end (break, return, continue in a loop, panic-free).
// @rule R-ENUM-1
// @rule R-ENUM-2
// @rule R-ENUM-3
// @rule R-SWITCH-1
// @rule R-SWITCH-2
// @rule R-SWITCH-3
// @rule R-SWITCH-4
// @rule R-TYPE-10

import { i32, i64, u16, u32, u64, u8 } from "../../../kernel/int.ts";
import { Errno, errnoName } from "../../../kernel/errno.ts";
import { print, println, showI32, showU32, showU64, showU8 } from "../lib/out.ts";

enum Color {
  RED = 1,
  GREEN = RED << 1,
  BLUE = GREEN << 1,
  WHITE = RED | GREEN | BLUE,
  DEFAULT = WHITE,
}

enum Delta {
  DOWN = -1,
  SAME = 0,
  UP = 1,
  FAR = 0x7fffffff,
  NEAR = -0x80000000,
}

class Pixel {
  color: Color = Color.RED;
  delta: Delta = Delta.SAME;
}

export const px = new Pixel();
let last: Color = Color.DEFAULT;

function colorCode(c: Color): u32 {
  switch (c) {
    case Color.RED:
      return u32(10);
    default:
      return u32(99);
    case Color.GREEN:
    case Color.BLUE: {
      const base = u32(c);
      return u32(base + 100);
    }
    case Color.WHITE:
      return u32(7);
  }
}

function step(d: Delta): i32 {
  let r = i32(0);
  switch (d) {
    case Delta.DOWN:
      r = i32(-1);
      break;
    case Delta.UP:
      r = i32(1);
      break;
    case Delta.FAR:
      r = i32(d);
      break;
    case Delta.NEAR: {
      const n = i32(d);
      r = i32(n + 1);
      break;
    }
    default:
      r = i32(42);
      break;
  }
  return r;
}

function classify(x: u8): u32 {
  switch (x) {
    case 0:
    case 0x20:
      return u32(1);
    case 255:
      return u32(2);
    case u8(0x7f):
      return u32(3);
  }
  return u32(0);
}

function wide(x: u64): u32 {
  switch (x) {
    case 0xffffffffffffffffn:
      return u32(1);
    case 0n:
      return u32(2);
    default:
      return u32(3);
  }
}

function countOdd(limit: u16): u32 {
  let n = u32(0);
  for (let i = u16(0); i < limit; i = u16(i + 1)) {
    switch (u16(i & 1)) {
      case 0:
        continue;
      default:
        n = u32(n + 1);
        break;
    }
  }
  return n;
}

export function main(): void {
  showU32("RED", colorCode(Color.RED));
  showU32("GREEN", colorCode(Color.GREEN));
  showU32("BLUE", colorCode(Color.BLUE));
  showU32("WHITE", colorCode(Color.WHITE));
  showU32("u32(DEFAULT)", u32(Color.DEFAULT));
  showU8("u8(BLUE)", u8(Color.BLUE));
  showI32("step DOWN", step(Delta.DOWN));
  showI32("step SAME", step(Delta.SAME));
  showI32("step FAR", step(Delta.FAR));
  showI32("step NEAR", step(Delta.NEAR));
  showU64("u64(NEAR)", u64(Delta.NEAR));
  showU64("u64(i64(NEAR))", u64(i64(Delta.NEAR)));
  showU32("classify 0x20", classify(u8(0x20)));
  showU32("classify 255", classify(u8(255)));
  showU32("classify 127", classify(u8(127)));
  showU32("classify 5", classify(u8(5)));
  showU32("wide max", wide(u64(0xffffffffffffffffn)));
  showU32("wide 7", wide(u64(7n)));
  showU32("countOdd 11", countOdd(u16(11)));
  px.color = Color.BLUE;
  last = px.color;
  showU32("last", u32(last));
  print("same: ");
  println(px.color === last ? "yes" : "no");
  print("errno: ");
  println(errnoName(Errno.EAGAIN));
  showU32("EAGAIN", u32(Errno.EAGAIN));
}
