// charCodeAt past the end is NaN in JS, which the wrap rejects; C checks the bound (§6, §7).
// @panics not a number: x % 0, 0 / 0 or a string index out of range
// @rule R-STR-1
// @rule R-INTR-2

import { u8, usize } from "../../../kernel/int.ts";
import { println, showU8 } from "../lib/out.ts";

const WORD: string = "abc";

export function main(): void {
  showU8("WORD[2]", u8(WORD.charCodeAt(usize(2))));
  println("now WORD[3]");
  showU8("WORD[3]", u8(WORD.charCodeAt(usize(3))));
}
