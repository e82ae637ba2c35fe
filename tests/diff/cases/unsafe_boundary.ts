// A safe module calling the exports of an unsafe one (lib/peek.ts), which check the ranges the
// raw memory does not; `import type` of a class the safe module only names in a signature.
// @rule R-UNSAFE-1
// @rule R-UNSAFE-3
// @rule R-MOD-10
// @rule R-MOD-2
// @rule R-MOD-3

import { u32, usize } from "../../../kernel/int.ts";
import { getWord, putWord } from "./lib/peek.ts";
import type { Cursor } from "./lib/peek.ts";
import { cursor } from "./lib/cursor.ts";
import { println, showBool, showU32, showUsize } from "../lib/out.ts";

function advance(c: Cursor, by: usize): usize {
  c.at = usize(c.at + by);
  return c.at;
}

export function main(): void {
  for (let i = usize(0); i < 20; i = usize(i + 3)) {
    const ok = putWord(i, u32(usize(i * 1000) + 1));
    showBool("putWord", ok);
  }
  showU32("getWord(3)", getWord(usize(3)));
  showU32("getWord(15)", getWord(usize(15)));
  showU32("getWord(18)", getWord(usize(18)));
  showUsize("advance", advance(cursor, usize(5)));
  showUsize("advance", advance(cursor, usize(7)));
  println("end");
}
