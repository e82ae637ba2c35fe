// deno-lint-ignore-file prefer-const
"use unsafe";
// A view at an address that is not a multiple of the layout's alignment: both worlds panic.
// @rule R-LAYOUT-5
// @panics misaligned address

import { u32, usize } from "../../../kernel/int.ts";
import { layout, type LayoutOf } from "../../../kernel/layout.ts";
import { println, showU32 } from "../lib/out.ts";

export const Pair = layout("Pair", { a: "u32", b: "u32" });
export type Pair = LayoutOf<typeof Pair>;

let base: usize = usize(0x40004000);

export function main(): void {
  const ok = Pair.at(base);
  ok.b = u32(5);
  showU32("ok.b", ok.b);
  println("now Pair.at(base + 2)");
  const bad = Pair.at(usize(base + 2));
  showU32("bad.a", bad.a);
}
