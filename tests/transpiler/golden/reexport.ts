// Golden: names imported through a re-export resolve to their original declarations.

import { u32 } from "../../../kernel/int.ts";
import { Pair, SCALE, scale } from "./lib/mod.ts";

export const pair = new Pair();

export function run(p: Pair): u32 {
  p.b = scale(SCALE);
  return u32(p.a + p.b);
}

export function main(): u32 {
  return run(pair);
}
