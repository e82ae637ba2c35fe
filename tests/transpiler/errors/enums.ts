// deno-lint-ignore-file
// deno-fmt-ignore-file
// Enums outside the subset (docs/SUBSET.md §2, "Enums").

import { u32, u8 } from "../../../kernel/int.ts";

// @rule R-ENUM-5
export const enum Fast { A = 1 } // @expect-error TSK2601
// @rule R-ENUM-5
export enum Named { A = "a" } // @expect-error TSK2601
// @rule R-ENUM-5
export enum Implicit { A = 1, B } // @expect-error TSK2601
// @rule R-ENUM-5
export enum Computed { A = u32(1) } // @expect-error TSK2601
export enum Empty {} // @expect-error TSK2601
// @rule R-ENUM-5
export enum Big { A = 0x100000000 } // @expect-error TSK2601
export enum Fraction { A = 1.5 } // @expect-error TSK2601
export enum Mixed { A = -1, B = 0x80000000 } // @expect-error TSK2601
export enum Ok { A = 1, B = 2 }
export enum Other { A = 1 }

export function misuse(e: Ok, x: u32): u32 {
  // @rule R-ENUM-4
  const a = e + 1; // @expect-error TSK2602
  // @rule R-ENUM-4
  if (e < Ok.B) { // @expect-error TSK2602
    return u32(0);
  }
  // @rule R-ENUM-4
  if (e === 1) { // @expect-error TSK2602
    return u32(1);
  }
  if (e === x) { // @expect-error TSK2602
    return u32(2);
  }
  // @rule R-ENUM-4
  const f: Ok = x; // @expect-error TSK2602
  // @rule R-ENUM-4
  const h: Ok = 1; // @expect-error TSK2602
  // @rule R-ENUM-4
  const g = Ok; // @expect-error TSK2602
  // @rule R-ENUM-4
  const n: Ok.A = Ok.A; // @expect-error TSK2602
  const o: Other = Other.A;
  // @ts-expect-error
  if (o === Ok.A) { // @expect-error TSK2602
    return u32(3);
  }
  return u32(e);
}

export function wraps(e: Ok): u8 {
  return u8(e);
}
