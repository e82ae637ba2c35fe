// deno-lint-ignore-file prefer-const
// A bigint `<<` whose exact result would need more than 2^30 bits: V8 throws, C panics (§3).
// @panics bigint too large
// @rule R-INT-9
// @rule R-INTR-2

import { u64 } from "../../../kernel/int.ts";
import { println, showU64 } from "../lib/out.ts";

let three: u64 = u64(3n);
let count: u64 = u64(1073741822n);

export function main(): void {
  showU64("3 << (2^30 - 2)", u64(three << count));
  println("now 3 << (2^30 - 1)");
  showU64("3 << (2^30 - 1)", u64(three << u64(count + 1n)));
}
