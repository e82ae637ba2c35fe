// deno-lint-ignore-file
// deno-fmt-ignore-file
"use unsafe";
// Rule-tagged errors of docs/SUBSET.md §4 (constant conditions), named by tests/rules_test.ts;
// built for aarch64: the live branch is checked for the arch, the dead one is not.

import { u16, u8 } from "../../../kernel/int.ts";
import { outb } from "../../../kernel/intrinsics.ts";

const ARCH: string = "aarch64";

export function portOnlyOnX86(): void {
  if (ARCH === "x86_64") {
    outb(u16(0xe9), u8(1));
  } else {
    // @rule R-CONST-2
    outb(u16(0xe9), u8(2)); // @expect-error TSK3002
  }
}
