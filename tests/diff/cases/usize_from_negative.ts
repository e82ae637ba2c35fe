// deno-lint-ignore-file prefer-const
// usize() of a negative signed value, or of a u64 at or above 2^53, panics (§3).
// @panics usize out of range
// @rule R-INT-3
// @rule R-INTR-2

import { i32, u64, usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let neg: i32 = i32(-1);
let huge: u64 = u64(0x20000000000000n);

export function main(): void {
  showUsize("usize(u64 2^53 - 1)", usize(u64(huge - 1n)));
  println("now usize(u64 2^53)");
  showUsize("usize(huge)", usize(huge));
  showUsize("usize(neg)", usize(neg));
}
