// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §1 (modules), named by tests/rules_test.ts; x86_64.

import { u32, u8, usize } from "../../../kernel/int.ts";
import { load8 } from "../../../kernel/intrinsics.ts";
// @rule R-MOD-9
import { CheckFailure } from "../../../kernel/int.ts"; // @expect-error TSK1003
// @rule R-MOD-5
import * as lib from "./lib/clean.ts"; // @expect-error TSK1001
// @rule R-MOD-5
export { one as uno } from "./lib/clean.ts"; // @expect-error TSK1001

export let count: u32 = u32(0);
// @rule R-MOD-6
count = u32(2); // @expect-error TSK1002
// @rule R-MOD-10
"use unsafe"; // @expect-error TSK1002

export function peek(): u8 {
  // @rule R-MOD-10
  return load8(usize(0x1000)); // @expect-error TSK3001
}
