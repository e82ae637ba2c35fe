// deno-lint-ignore-file
// deno-fmt-ignore-file
// Generic functions outside the subset (docs/SUBSET.md §4, "Generic functions").

import { u16, u32, u64 } from "../../../kernel/int.ts";

// @rule R-GEN-4
export function free<T>(x: T): T { // @expect-error TSK1401
  return x;
}

// @rule R-GEN-4
export function defaulted<T extends u32 = u32>(x: T): T { // @expect-error TSK1401
  return x;
}

// @rule R-GEN-4
export function fnArg<T extends Fn>(x: T): T { // @expect-error TSK1401
  return x;
}
export type Fn = () => void;

// @rule R-GEN-4
export class Holder<T> { // @expect-error TSK1401
  v: u32 = u32(0);
  get<U extends u32>(x: U): U { // @expect-error TSK1401
    return x;
  }
}

// @rule R-GEN-4
export type Pair<T> = T; // @expect-error TSK1401

export function max<T extends u32 | u64>(a: T, b: T): T {
  return a > b ? a : b;
}

export function twice<T extends u16 | u32>(a: T): T {
  // @rule R-GEN-1
  const r = u32(a * 2); // @expect-error TSK2102
  return a;
}

export function zero<T extends u32 | u64>(): T {
  // @ts-expect-error
  return max(u32(0), u32(1)); // @expect-error TSK2106
}

export function calls(a: u32, b: u64, c: u16): u64 {
  // @rule R-GEN-3
  // @ts-expect-error
  const m = max(c, c); // @expect-error TSK1402
  // @ts-expect-error
  const n = max<u16>(c, c); // @expect-error TSK1402
  const f = max; // @expect-error TSK1401
  // @rule R-GEN-3
  const z = zero(); // @expect-error TSK1402
  return max(b, u64(a));
}
