// deno-lint-ignore-file
// deno-fmt-ignore-file
// Stack instances, structs held by value and references that would escape (docs/SUBSET.md §5.1).

import { u32, usize } from "../../../kernel/int.ts";
import { FixedArray, type Slice } from "../../../kernel/array.ts";

export class Point {
  x: u32 = u32(0);
}

export class Line {
  a: Point = new Point();
  b: Point = new Point();
  ok: boolean = false;
}

// @rule R-STRUCT-6
export class Loop { // @expect-error TSK2502
  next: Loop = new Loop();
}

export class BadField {
  // @rule R-STRUCT-6
  p: Point = origin; // @expect-error TSK2502
  // @rule R-STRUCT-6
  // @ts-expect-error
  q: Point = new Line(); // @expect-error TSK2502
}

export const origin = new Point();

export function escapes(): Point {
  const p = new Point();
  // @rule R-STRUCT-5
  return p; // @expect-error TSK2501
}

export function escapesField(): Point {
  const l = new Line();
  // @rule R-STRUCT-5
  return l.a; // @expect-error TSK2501
}

export function escapesSlice(): Slice<u32> {
  const a = new FixedArray<u32>(4, u32(0));
  const s = a.asSlice();
  // @rule R-STRUCT-5
  return s.subslice(usize(1), usize(2)); // @expect-error TSK2501
}

export function escapesThroughCall(): Point {
  const p = new Point();
  // @rule R-STRUCT-5
  return same(p); // @expect-error TSK2501
}

export function same(p: Point): Point {
  return p;
}

export function outlives(): u32 {
  let keep = origin;
  for (let i = usize(0); i < usize(3); i = usize(i + 1)) {
    const p = new Point();
    p.x = u32(i);
    // @rule R-STRUCT-5
    keep = p; // @expect-error TSK2501
  }
  return keep.x;
}

export function laterAlias(flag: boolean): Point {
  let a = origin;
  let b = origin;
  if (flag) {
    // @rule R-STRUCT-5
    return b; // @expect-error TSK2501
  }
  const mine = new Point();
  a = mine;
  b = a;
  return origin;
}

export function fine(l: Line): Point {
  const local = new Line();
  let p = local.a;
  p = local.b;
  p.x = u32(1);
  same(local.a);
  return l.b;
}

export function misuse(l: Line): u32 {
  // @rule R-STRUCT-3
  // @ts-expect-error
  const p = new Point(u32(1)); // @expect-error TSK2502
  // @rule R-STRUCT-6
  l.a = new Point(); // @expect-error TSK2502
  // @rule R-STRUCT-6
  l.b = l.a; // @expect-error TSK2502
  // @rule R-STRUCT-3
  same(new Point()); // @expect-error TSK2502
  return u32(1);
}
