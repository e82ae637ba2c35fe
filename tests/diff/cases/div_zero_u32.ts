// deno-lint-ignore-file prefer-const
// x / 0 with x nonzero: ±Infinity in JS, which the wrap rejects; C checks the divisor (§3).
// @panics division by zero
// @rule R-INT-8
// @rule R-INTR-2

import { u32 } from "../../../kernel/int.ts";
import { println, showU32 } from "../lib/out.ts";

let a: u32 = u32(10);
let zero: u32 = u32(0);

export function main(): void {
  showU32("a / 3", u32(a / 3));
  println("now a / 0");
  showU32("a / 0", u32(a / zero));
}
