// Plain structs (docs/SUBSET.md §5.1): boolean fields, stack instances passed by reference,
// structs held by value in other structs, and references that may be returned.

import { u16, u32, usize } from "../../../kernel/int.ts";
import { StructArray } from "../../../kernel/array.ts";

export class Point {
  x: u32 = u32(0);
  y: u32 = u32(0);
}

export class Token {
  start: usize = usize(0);
  len: usize = usize(0);
  ok: boolean = false;
  where: Point = new Point();
}

export class Empty {}

export const current = new Token();

export function scan(t: Token, at: usize): void {
  t.start = at;
  t.len = usize(3);
  t.ok = true;
  t.where.x = u32(at);
}

export function measure(at: usize): usize {
  const t = new Token();
  scan(t, at);
  const p = t.where;
  p.y = u32(7);
  let n = usize(0);
  for (let i = usize(0); i < usize(2); i = usize(i + 1)) {
    const e = new Empty();
    const inner = new Point();
    inner.x = u32(i);
    n = usize(n + usize(inner.x));
    touch(e);
  }
  return t.ok ? usize(t.len + n + usize(p.y)) : usize(0);
}

export function touch(e: Empty): Empty {
  return e;
}

export function where(): Point {
  return current.where;
}

export function depth(): u16 {
  return u16(where().x);
}

export const POINTS = new StructArray<Point>(8, Point);
export const TOKENS = new StructArray(2, Token);

export function movePoint(i: usize, dx: u32): Point {
  const p = POINTS.get(i);
  p.x = u32(p.x + dx);
  const t = TOKENS.get(usize(1));
  t.where.y = u32(POINTS.length);
  return p;
}
