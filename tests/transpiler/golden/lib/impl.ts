// Golden helper: the original declarations behind lib/mod.ts's re-exports.

import { u32 } from "../../../../kernel/int.ts";

export const SCALE: u32 = u32(3);

export function scale(x: u32): u32 {
  return u32(x + x + x);
}

export class Pair {
  a: u32 = u32(SCALE + 1);
  b: u32 = u32(0);
}
