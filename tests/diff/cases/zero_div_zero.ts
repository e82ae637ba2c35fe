// deno-lint-ignore-file prefer-const
// 0 / 0 is NaN in JS, not Infinity: the NaN message in both worlds (§3, §7).
// @panics not a number: x % 0, 0 / 0 or a string index out of range
// @rule R-INT-8
// @rule R-INTR-2

import { u16 } from "../../../kernel/int.ts";
import { println, showU16 } from "../lib/out.ts";

let zero: u16 = u16(0);

export function main(): void {
  showU16("0 / 1", u16(zero / 1));
  println("now 0 / 0");
  showU16("0 / 0", u16(zero / zero));
}
