// deno-lint-ignore-file prefer-const
// usize is a number: usize(x / 0) panics with the division message, not the range one (§3).
// @panics division by zero
// @rule R-INT-8
// @rule R-INTR-2

import { usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let a: usize = usize(4096);
let zero: usize = usize(0);

export function main(): void {
  showUsize("a / 2", usize(a / 2));
  println("now a / 0");
  showUsize("a / 0", usize(a / zero));
}
