// deno-lint-ignore-file prefer-const
// A usize sum that reaches 2^53 panics in both worlds (JS rounds, but never below 2^53).
// @panics usize out of range
// @rule R-INT-2
// @rule R-INT-13

import { usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let top: usize = usize(9007199254740991);

export function main(): void {
  showUsize("top + 0", usize(top + 0));
  println("now top + 1");
  showUsize("top + 1", usize(top + 1));
  println("not reached");
}
