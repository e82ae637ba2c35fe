// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §2 (enums), §4 (function values) and §5.1 (classes), named
// by tests/rules_test.ts; x86_64.

import { u32, u8 } from "../../../kernel/int.ts";
import { debugPutByte } from "../../../kernel/intrinsics.ts";

// @rule R-ENUM-5
export declare enum Outside { A = 1 } // @expect-error TSK1000

export type UnaryFn = (x: u32) => u32;
// @rule R-FN-1
// @ts-expect-error
export type Untyped = (x) => u32; // @expect-error TSK2005

export function inc(x: u32): u32 {
  return u32(x + 1);
}

export function same<T extends u32>(x: T): T {
  return x;
}

export class Point {
  x: u32 = u32(0);
  get(): u32 {
    return this.x;
  }
}
export const origin = new Point();
// @rule R-STRUCT-1
export class Point3 extends Point {} // @expect-error TSK1202
export class Bad {
  // @rule R-STRUCT-1
  static count: u32 = u32(0); // @expect-error TSK1000
  // @rule R-STRUCT-1
  y = u32(1); // @expect-error TSK2005
  // @rule R-STRUCT-1
  z: u32 = inc(u32(1)); // @expect-error TSK1002
}
// @rule R-STRUCT-3
export let spare = new Point(); // @expect-error TSK1002
// @rule R-STRUCT-2
export let current: Point = origin; // @expect-error TSK2002

export function pick(): Point {
  return origin;
}

export function uses(p: Point, q: Point): boolean {
  // @rule R-FN-4
  const m = p.get; // @expect-error TSK1207
  // @rule R-FN-4
  const g: UnaryFn = same; // @expect-error TSK1401
  // @rule R-STRUCT-8
  pick().x = u32(1); // @expect-error TSK1207
  // @rule R-INTR-4
  debugPutByte(u8(65)); // @expect-error TSK3002
  // @rule R-STRUCT-2
  return p === q; // @expect-error TSK1207
}
