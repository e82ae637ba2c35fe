// A sub-slice reaching past its slice panics in both worlds (§9, R-ARRAY-5).
// @panics index out of range
// @rule R-ARRAY-5

import { u8, usize } from "../../../kernel/int.ts";
import { FixedArray } from "../../../kernel/array.ts";
import { println, showUsize } from "../lib/out.ts";

export function main(): void {
  const bytes = new FixedArray<u8>(16, u8(0));
  const s = bytes.slice(usize(4), usize(12));
  showUsize("s.length", s.length);
  const t = s.subslice(usize(2), usize(8));
  showUsize("t.length", t.length);
  println("now s.subslice(2, 9)");
  s.subslice(usize(2), usize(9));
  println("not reached");
}
