// deno-lint-ignore-file prefer-const
// A raw usize sum that passes 2^53 on its way up to usize(): JS rounds 2^53 + 5, C does not, but
// both panic in usize() (§3, R-INT-13).
// @rule R-INT-13
// @panics usize out of range

import { u32, usize } from "../../../kernel/int.ts";
import { println, showU32, showUsize } from "../lib/out.ts";

let a: usize = usize(9007199254740990);
let b: usize = usize(9007199254740991);

export function main(): void {
  showUsize("a % b + 1", usize(a % b + 1));
  println("now a % b + 7 (= 2^53 + 5)");
  showU32("u32(usize(a % b + 7))", u32(usize(a % b + 7)));
}
