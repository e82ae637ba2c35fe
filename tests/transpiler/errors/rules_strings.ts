// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §6 (strings), named by tests/rules_test.ts; x86_64.

import { usize } from "../../../kernel/int.ts";

export function text(s: string): usize {
  // @rule R-STR-1
  const t = s.slice(1); // @expect-error TSK2201
  // @rule R-STR-1
  const joined = s + "!"; // @expect-error TSK2201
  return usize(s.length);
}
