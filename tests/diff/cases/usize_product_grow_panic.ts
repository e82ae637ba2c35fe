// deno-lint-ignore-file prefer-const
// A usize product of 2^53 or more inside a sum: C's checked product panics at once, JS rounds
// and panics in the usize() around the sum; the same line in both (§3, R-INT-5, R-INT-13).
// @rule R-INT-5
// @rule R-INT-13
// @panics usize out of range

import { usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let base: usize = usize(4);
let index: usize = usize(375299968947541);

export function main(): void {
  showUsize("base + index * 24", usize(base + index * 24));
  println("now base + (index + 1) * 24 (= 2^53 + 20)");
  showUsize("base + (index + 1) * 24", usize(base + usize(index + 1) * 24));
}
