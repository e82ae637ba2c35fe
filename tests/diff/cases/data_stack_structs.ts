// Stack instances and structs held by value (§5.1): locals made with new in functions and loops,
// passed by reference, returned when they are parameters, nested structs read and written
// through their holders, module-level instances with nested structs.
// @rule R-STRUCT-1
// @rule R-STRUCT-2
// @rule R-STRUCT-3
// @rule R-STRUCT-4
// @rule R-STRUCT-5
// @rule R-STRUCT-6
// @rule R-STRUCT-8
// @rule R-ARRAY-8

import { i32, mulI32, u32, usize } from "../../../kernel/int.ts";
import { StructArray } from "../../../kernel/array.ts";
import { showBool, showI32, showU32, showUsize } from "../lib/out.ts";

class Point {
  x: i32 = i32(1);
  y: i32 = i32(2);
}

class Box {
  lo: Point = new Point();
  hi: Point = new Point();
  open: boolean = true;
  area(): i32 {
    return mulI32(i32(this.hi.x - this.lo.x), i32(this.hi.y - this.lo.y));
  }
}

const unit = new Box();
const boxes = new StructArray<Box>(3, Box);

function shift(p: Point, d: i32): void {
  p.x = i32(p.x + d);
  p.y = i32(p.y - d);
}

function larger(a: Point, b: Point): Point {
  return a.x > b.x ? a : b;
}

function corner(b: Box): Point {
  return b.hi;
}

export function main(): void {
  const p = new Point();
  shift(p, i32(5));
  showI32("p.x", p.x);
  showI32("p.y", p.y);
  const q = new Point();
  const big = larger(p, q);
  shift(big, i32(-1));
  showI32("p.x", p.x);
  showI32("q.x", q.x);

  let total = i32(0);
  for (let i = u32(0); i < 4; i = u32(i + 1)) {
    const fresh = new Point(); // starts at (1, 2) on every iteration
    shift(fresh, i32(i));
    total = i32(total + mulI32(fresh.x, fresh.y));
  }
  showI32("total", total);

  const b = new Box();
  shift(b.hi, i32(10));
  b.lo.x = i32(-3);
  const c = corner(b);
  c.y = i32(20);
  showI32("area", b.area());
  showBool("open", b.open);
  b.open = false;
  showBool("open", b.open);

  shift(corner(unit), i32(4));
  showI32("unit.area", unit.area());
  let cursor = unit.lo;
  cursor = unit.hi;
  showI32("cursor.x", cursor.x);
  for (let i = usize(0); i < boxes.length; i = usize(i + 1)) {
    const bx = boxes.get(i);
    shift(bx.hi, i32(usize(i * 2)));
    bx.open = i === usize(1);
  }
  showI32("boxes[2].area", boxes.get(usize(2)).area());
  showBool("boxes[1].open", boxes.get(usize(1)).open);
  showBool("boxes[0].open", boxes.get(usize(0)).open);
  const count = boxes.length;
  showUsize("count", count);
  showU32("done", u32(1));
}
