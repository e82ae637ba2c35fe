// deno-lint-ignore-file prefer-const
"use unsafe";
// A memory slice must start at an address aligned to its element size: both worlds panic.
// @rule R-ARRAY-6
// @panics misaligned address

import { u32, usize } from "../../../kernel/int.ts";
import { u32sAt } from "../../../kernel/array.ts";
import { println, showU32 } from "../lib/out.ts";

let base: usize = usize(0x40002000);

export function main(): void {
  const ok = u32sAt(base, usize(2));
  ok.set(usize(1), u32(7));
  showU32("ok[1]", ok.get(usize(1)));
  println("now u32sAt(base + 2)");
  const bad = u32sAt(usize(base + 2), usize(1));
  showU32("bad[0]", bad.get(usize(0)));
}
