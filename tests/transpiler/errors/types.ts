// deno-lint-ignore-file
// deno-fmt-ignore-file
// Types outside the subset (docs/SUBSET.md §2).

import { u32, u64 } from "../../../kernel/int.ts";

export function bare(a: number): void {} // @expect-error TSK2001
export function bareBig(): bigint { // @expect-error TSK2001
  return 1n;
}
export function anyParam(a: any): void {} // @expect-error TSK2002
export function unknownParam(a: unknown): void {} // @expect-error TSK2002
export function unionParam(a: u32 | u64): void {} // @expect-error TSK2002
export function objectParam(a: object): void {} // @expect-error TSK2002
export function arrayParam(a: u32[]): void {} // @expect-error TSK2004
export function noReturnType(a: u32) { // @expect-error TSK2005
  return a;
}

export const MODULE_NO_TYPE = u32(1); // @expect-error TSK2005

export function literals(): void {
  const f = u32(1.5); // @expect-error TSK2003
  const e = u32(1e3); // @expect-error TSK2003
  const big = u64(9007199254740993); // @expect-error TSK2003
  const arr: u32 = [u32(1)][0]; // @expect-error TSK2004
  const obj = { a: u32(1) }; // @expect-error TSK2004
  const n = null; // @expect-error TSK2002
  const u = undefined; // @expect-error TSK2002
  const raw = u32(1) + u32(2); // @expect-error TSK2005
  let later; // @expect-error TSK2005
  const s: string = "caf\u00e9"; // @expect-error TSK2201
}

export function strings(s: string): u32 {
  const t = s + s; // @expect-error TSK2201
  const up = s.toUpperCase(); // @expect-error TSK2201
  const c = s[0]; // @expect-error TSK2201
  if (s === "x") { // @expect-error TSK2201
    return u32(0);
  }
  return u32(s.charCodeAt(0));
}
