// deno-lint-ignore-file prefer-const
// Bigint division by zero: V8 throws RangeError, C panics, with the same message (§3).
// @panics division by zero
// @rule R-INT-8
// @rule R-INTR-2

import { u64 } from "../../../kernel/int.ts";
import { println, showU64 } from "../lib/out.ts";

let a: u64 = u64(10n);
let zero: u64 = u64(0n);

export function main(): void {
  showU64("a / 3", u64(a / 3n));
  println("now 0 % 0");
  showU64("0 % 0", u64(zero % zero));
}
