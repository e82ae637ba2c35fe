// deno-lint-ignore-file prefer-const
// usize does not wrap: a difference below zero panics in both worlds (§3).
// @panics usize out of range
// @rule R-INT-2
// @rule R-INTR-2

import { usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let small: usize = usize(3);
let large: usize = usize(5);

export function main(): void {
  showUsize("large - small", usize(large - small));
  println("now small - large");
  showUsize("small - large", usize(small - large));
  println("not reached");
}
