// Golden: generic functions by monomorphization: one C function per type of the constraint,
// calls with inferred and explicit type arguments, a generic calling a generic, and enums,
// booleans and classes as type arguments.

import { u16, u32, u64 } from "../../../kernel/int.ts";
import { Status } from "./lib/status.ts";

export function max<T extends u32 | u64>(a: T, b: T): T {
  return a > b ? a : b;
}

export function pick<T extends u16 | boolean | Status>(c: boolean, a: T, b: T): T {
  const r: T = c ? a : b;
  return r;
}

export function max3<T extends u32 | u64>(a: T, b: T, c: T): T {
  return max(max(a, b), c);
}

export function same<T extends u32 | Status>(a: T, b: T): boolean {
  return a === b;
}

export class Point {
  x: u32 = u32(1);
}
export class Size {
  w: u32 = u32(2);
  x: u32 = u32(3);
}
export const point = new Point();
export const size = new Size();

/** A struct type argument: the instance takes that struct's pointer. */
export function xOf<T extends Point | Size>(p: T): u32 {
  return p.x;
}

export function entry(a: u32, b: u64): u64 {
  const m = max3(a, u32(3), u32(9));
  const s = pick<Status>(true, Status.BUSY, Status.IDLE);
  const f = pick(false, true, false);
  const members = same(Status.DONE, Status.IDLE); // T inferred as a union of members: Status
  const px = xOf(point);
  if (px === xOf(size)) {
    return u64(0n);
  }
  if (same(s, Status.BUSY) && !f && !members && same<u32>(m, u32(9))) {
    return max<u64>(b, u64(m));
  }
  return u64(pick(true, u16(1), u16(2)));
}
