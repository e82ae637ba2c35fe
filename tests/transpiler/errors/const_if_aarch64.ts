// deno-lint-ignore-file
// deno-fmt-ignore-file
// Constant conditions (docs/SUBSET.md §4): a dead branch is checked, but not for the arch.
"use unsafe";

import { u16, u32, u8 } from "../../../kernel/int.ts";
import { outb } from "../../../kernel/intrinsics.ts";

const ARCH: string = "aarch64";

export function f(a: u32, s: string): u32 {
  if (ARCH === "x86_64") {
    outb(u16(0xf4), u8(0)); // dead: the other arch's intrinsic is fine
    // @rule R-CONST-2
    const x = u32(a * a); // @expect-error TSK2102
  }
  if (ARCH === "aarch64") {
    outb(u16(0xf4), u8(0)); // @expect-error TSK3002
  }
  // @rule R-CONST-1
  if (s === ARCH) { // @expect-error TSK2201
    return u32(1);
  }
  return a;
}
