// deno-lint-ignore-file prefer-const
// x % 0 is NaN in JS; NaN stays NaN through + and the wrap rejects it (§3, §7).
// @panics not a number: x % 0, 0 / 0 or a string index out of range
// @rule R-INT-8
// @rule R-INTR-2

import { i8 } from "../../../kernel/int.ts";
import { println, showI8 } from "../lib/out.ts";

let a: i8 = i8(-100);
let zero: i8 = i8(0);

export function main(): void {
  showI8("a % 7 + 1", i8(a % 7 + 1));
  println("now a % 0 + 1");
  showI8("a % 0 + 1", i8(a % zero + 1));
}
