// deno-lint-ignore-file prefer-const
// A negative i32 divided by zero: -Infinity in JS; the same panic as any x / 0 (§3).
// @panics division by zero
// @rule R-INT-8
// @rule R-INTR-2

import { i32 } from "../../../kernel/int.ts";
import { println, showI32 } from "../lib/out.ts";

let a: i32 = i32(-10);
let zero: i32 = i32(0);

export function main(): void {
  showI32("a / 3", i32(a / 3));
  println("now -10 / 0");
  showI32("a / 0", i32(a / zero));
}
