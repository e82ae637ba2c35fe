// deno-lint-ignore-file
// deno-fmt-ignore-file
// Fixed arrays and slices outside the rules (docs/SUBSET.md §9); not a "use unsafe" module.

import { u32, u64, u8, usize } from "../../../kernel/int.ts";
import { bytesAt, FixedArray, type Slice, StructArray } from "../../../kernel/array.ts";

export class Item {
  v: u32 = u32(0);
}

let count: usize = usize(4);
const LEN: usize = usize(16);
export const OK = new FixedArray<u32>(LEN, u32(0));
// @rule R-ARRAY-1
export const ZERO = new FixedArray<u32>(0, u32(0)); // @expect-error TSK2401
// @rule R-ARRAY-1
export const VAR = new FixedArray<u32>(count, u32(0)); // @expect-error TSK2401
// @rule R-ARRAY-1
export const HUGE = new FixedArray<u8>(0x100000000, u8(0)); // @expect-error TSK2401
// @rule R-ARRAY-1
// @ts-expect-error
export const WORDS = new FixedArray<string>(4, "x"); // @expect-error TSK2402
// @rule R-ARRAY-1
// @ts-expect-error
export const ITEMS = new FixedArray<Item>(4, new Item()); // @expect-error TSK2402
// @rule R-ARRAY-2
export let MUTABLE = new FixedArray<u32>(4, u32(0)); // @expect-error TSK2403
// @rule R-ARRAY-5
export const SLICE: Slice<u32> = OK.asSlice(); // @expect-error TSK2403
// @rule R-ARRAY-2
export const NOT_CONST = new FixedArray<u32>(4, next()); // @expect-error TSK1002

export class Other {
  w: u32 = u32(0);
}
export const CELLS = new StructArray(4, Item);
// @rule R-ARRAY-8
// @ts-expect-error
export const WRONG = new StructArray<Item>(4, Other); // @expect-error TSK2402

export function cells(c: StructArray<Item>): void {} // @expect-error TSK2402

export class Holder {
  // @rule R-ARRAY-5
  s: Slice<u8> = bytesAt(usize(0), usize(1)); // @expect-error TSK2403
  // @rule R-STRUCT-7
  a: FixedArray<u32> = OK; // @expect-error TSK2502
}

// @rule R-ARRAY-2
export function takesArray(a: FixedArray<u32>): void {} // @expect-error TSK2403
// @rule R-ARRAY-2
export function givesArray(): FixedArray<u32> { // @expect-error TSK2403
  return OK;
}

export function next(): u32 {
  return u32(1);
}

export function misuse(s: Slice<u32>): u32 {
  // @rule R-ARRAY-2
  const big = new FixedArray<u64>(513, u64(0)); // @expect-error TSK2404
  const fits = new FixedArray<u64>(512, u64(0));
  // @rule R-ARRAY-2
  let again = new FixedArray<u8>(4, u8(0)); // @expect-error TSK2403
  // @rule R-ARRAY-2
  const copy = OK; // @expect-error TSK2403
  // @rule R-ARRAY-3
  // @ts-expect-error
  const x = OK[0]; // @expect-error TSK2004
  // @rule R-ARRAY-3
  // @ts-expect-error
  const y = s.get(0); // @expect-error TSK2101
  // @rule R-ARRAY-3
  // @ts-expect-error
  const z = s.get(u32(0)); // @expect-error TSK2106
  // @rule R-ARRAY-6
  const raw = bytesAt(usize(0x1000), usize(4)); // @expect-error TSK3001
  // @rule R-ARRAY-2
  // @ts-expect-error
  takesSlice(OK); // @expect-error TSK2403
  fits.set(usize(0), u64(s.get(usize(1))));
  // @rule R-ARRAY-8
  const mine = new StructArray(2, Item); // @expect-error TSK2402
  // @rule R-ARRAY-8
  // @ts-expect-error
  const all = CELLS.asSlice(); // @expect-error TSK1207
  return u32(OK.get(usize(0)) + s.get(usize(0)));
}

function takesSlice(s: Slice<u32>): void {}
