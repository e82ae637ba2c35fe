// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §4 (names), named by tests/rules_test.ts; x86_64.

import { u32 } from "../../../kernel/int.ts";

// @rule R-STMT-9
export function a$b(): u32 { // @expect-error TSK1209
  return u32(1);
}

export function plain(x: u32): u32 {
  // @rule R-STMT-9
  const $tmp = u32(x + 1); // @expect-error TSK1209
  // @rule R-STMT-9
  return $tmp; // @expect-error TSK1209
}
