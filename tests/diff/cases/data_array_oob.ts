// An index past the end of a FixedArray panics in both worlds (§9, R-ARRAY-3).
// @panics index out of range
// @rule R-ARRAY-3

import { u32, usize } from "../../../kernel/int.ts";
import { FixedArray } from "../../../kernel/array.ts";
import { println, showU32 } from "../lib/out.ts";

const TABLE = new FixedArray<u32>(4, u32(9));

export function main(): void {
  showU32("TABLE[3]", TABLE.get(usize(3)));
  println("now TABLE[4]");
  TABLE.set(usize(4), u32(1));
  println("not reached");
}
