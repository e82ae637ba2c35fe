// deno-lint-ignore-file prefer-const
"use unsafe";
// Inside addr() a usize product of 2^53 or more still panics in both worlds: addr() drops only
// the range check of the wrap itself (R-UNSAFE-4).
// @panics usize out of range
// @rule R-UNSAFE-4

import { usize } from "../../../kernel/int.ts";
import { addr } from "../../../kernel/intrinsics.ts";
import { println, showUsize } from "../lib/out.ts";

let a: usize = usize(134217728);
let b: usize = usize(67108864);

export function main(): void {
  showUsize("addr(a + 8)", addr(a + 8));
  println("now addr(8 + a * b)");
  showUsize("addr(8 + a * b) (a * b = 2^53)", addr(8 + a * b));
  println("not reached");
}
