// deno-lint-ignore-file
// deno-fmt-ignore-file
// Statements and functions outside the subset (docs/SUBSET.md §4).

import { u32 } from "../../../kernel/int.ts";
import { one } from "./lib/clean.ts";

export class Base {
  x: u32 = u32(0);
}
export class Derived extends Base {} // @expect-error TSK1202

export function closures(): void {
  const f = (): u32 => u32(1); // @expect-error TSK1101
  const g = function (): u32 { return u32(2); }; // @expect-error TSK1101
  function inner(): void {} // @expect-error TSK1101
}

export function badVar(): u32 {
  var x: u32 = u32(1); // @expect-error TSK1103
  return x;
}

export function errors(a: u32): u32 {
  try { // @expect-error TSK1201
    return a;
  } finally {
  }
}

export function thrower(): void {
  throw new Base(); // @expect-error TSK1201
}

export function switcher(a: u32): u32 {
  switch (a === u32(1)) { // @expect-error TSK1204
    default:
      return a;
  }
}

export function loops(s: string, b: Base): void {
  for (const c of s) {} // @expect-error TSK1205
  for (const k in b) {} // @expect-error TSK1205
  outer: while (true) { // @expect-error TSK1206
    break outer; // @expect-error TSK1206
  }
}

export function compound(): u32 {
  let x = u32(0);
  let b = true;
  b &&= false; // @expect-error TSK1104
  x++; // @expect-error TSK1104
  --x; // @expect-error TSK1104
  x = u32(x + one());
  return x;
}

export function params(a?: u32): void {} // @expect-error TSK1102
export function defaults(a: u32 = u32(1)): void {} // @expect-error TSK1102
export function rest(...a: u32[]): void {} // @expect-error TSK1102 TSK2004

export function* gen(): Generator<u32> {} // @expect-error TSK1203 TSK1000
export async function later(): Promise<void> {} // @expect-error TSK1203 TSK1000

export function exprStatements(a: u32): void {
  a; // @expect-error TSK1207
  const t = `x`; // @expect-error TSK1207
  const n = typeof a; // @expect-error TSK1207
  debugger; // @expect-error TSK1000
}
