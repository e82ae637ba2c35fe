// deno-lint-ignore-file prefer-const
// alignUp with align 0: x % 0 is NaN in kernel/int.ts, so the NaN message in both worlds.
// @panics not a number: x % 0, 0 / 0 or a string index out of range
// @rule R-INTR-2

import { alignUp, usize } from "../../../kernel/int.ts";
import { println, showUsize } from "../lib/out.ts";

let zero: usize = usize(0);

export function main(): void {
  showUsize("alignUp(5, 4)", alignUp(usize(5), usize(4)));
  println("now alignUp(5, 0)");
  showUsize("alignUp(5, 0)", alignUp(usize(5), zero));
}
