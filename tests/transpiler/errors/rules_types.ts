// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §2 (types), named by tests/rules_test.ts; x86_64.

import { u32, u64 } from "../../../kernel/int.ts";

// @rule R-TYPE-8
export function count(n: number): void {} // @expect-error TSK2001
// @rule R-TYPE-8
export function either(v: u32 | u64): void {} // @expect-error TSK2002
// @rule R-TYPE-9
export const LIMIT = u32(10); // @expect-error TSK2005

export function values(): void {
  // @rule R-TYPE-8
  const half = u32(0.5); // @expect-error TSK2003
  // @rule R-TYPE-8
  const pair = { a: u32(1), b: u32(2) }; // @expect-error TSK2004
  // @rule R-TYPE-8
  const none = null; // @expect-error TSK2002
}
