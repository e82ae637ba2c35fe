// deno-lint-ignore-file
// deno-fmt-ignore-file
// Function values outside the subset (docs/SUBSET.md §4, "Function values").

import { u32 } from "../../../kernel/int.ts";
import { halt } from "../../../kernel/intrinsics.ts";

export type UnaryFn = (x: u32) => u32;
// @rule R-FN-4
export type Loop = (f: Loop) => void; // @expect-error TSK1301
// @rule R-FN-4
export type Stop = () => never; // @expect-error TSK1301
// @rule R-FN-1
export type Optional = (x?: u32) => u32; // @expect-error TSK1102
export type Generic<T> = (x: T) => T; // @expect-error TSK1401
// @ts-expect-error
export type Untyped = (x) => u32; // @expect-error TSK2005

export class Box {
  f: UnaryFn = inc;
  // @rule R-FN-3
  g: UnaryFn = Box.prototype.m; // @expect-error TSK1207
  // @rule R-FN-3
  h: UnaryFn = choose(); // @expect-error TSK1002
  m(x: u32): u32 {
    return x;
  }
}

export const box = new Box();

export function choose(): UnaryFn {
  return inc;
}

export function inc(x: u32): u32 {
  return u32(x + 1);
}

export function fail(): never {
  halt();
  return fail();
}

export function id<T extends u32>(x: T): T {
  return x;
}

// @rule R-FN-1
export function misuse(inline: (x: u32) => u32, f: UnaryFn): u32 { // @expect-error TSK1301
  // @rule R-FN-4
  // @ts-expect-error
  const a: UnaryFn = halt; // @expect-error TSK1301
  // @rule R-FN-4
  const b = fail; // @expect-error TSK1301
  // @rule R-GEN-4
  const c: UnaryFn = id; // @expect-error TSK1401
  // @rule R-FN-4
  if (f === inc) { // @expect-error TSK1301
    return u32(0);
  }
  const d = box.m; // @expect-error TSK1207
  // @rule R-FN-2
  const e = (x: u32): u32 => x; // @expect-error TSK1101
  return f(u32(1));
}
