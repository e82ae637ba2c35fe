// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §4 (statements and functions), named by
// tests/rules_test.ts; x86_64.

import { u32 } from "../../../kernel/int.ts";

export class Counter {
  n: u32 = u32(0);
}
// @rule R-STMT-6
export class Timer extends Counter {} // @expect-error TSK1202
// @rule R-STMT-7
export interface Named {} // @expect-error TSK1000

export let ticks: u32 = u32(0);

export function tick(): u32 {
  ticks = u32(ticks + 1);
  return ticks;
}

export function sum(a: u32, b: u32): u32 {
  return u32(a + b);
}

// @rule R-STMT-2
export function scaled(a: u32, by: u32 = u32(2)): u32 { // @expect-error TSK1102
  return u32(a + by);
}

// @rule R-STMT-6
export async function waitFor(): Promise<void> {} // @expect-error TSK1203 TSK1000

export function body(c: Counter): u32 {
  // @rule R-STMT-1
  const twice = (x: u32): u32 => u32(x + x); // @expect-error TSK1101
  // @rule R-STMT-3
  var total: u32 = u32(0); // @expect-error TSK1103
  // @rule R-STMT-5
  c.n; // @expect-error TSK1207
  let seen = false;
  // @rule R-STMT-5
  seen ||= true; // @expect-error TSK1104
  // @rule R-STMT-6
  for (const ch of "ab") {} // @expect-error TSK1205
  // @rule R-STMT-6
  loop: while (true) { // @expect-error TSK1206
    break;
  }
  // @rule R-STMT-6
  try { // @expect-error TSK1201
    total = tick();
  } finally {}
  // @rule R-STMT-6
  const isNum = typeof total; // @expect-error TSK1207
  // @rule R-STMT-8
  return sum(tick(), tick()); // @expect-error TSK1207
}
