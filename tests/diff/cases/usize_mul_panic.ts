// deno-lint-ignore-file prefer-const
// A usize product of 2^53 or more panics, in C inside the product (§3).
// @panics usize out of range
// @rule R-INT-5
// @rule R-INTR-2

import { usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let a: usize = usize(134217728);
let b: usize = usize(33554432);

export function main(): void {
  showUsize("a * b / 2", usize(usize(a * b) / 2));
  println("now a * b * 2");
  showUsize("a * (b * 2) (= 2^53)", usize(a * usize(b * 2)));
  println("not reached");
}
