// deno-lint-ignore-file
// deno-fmt-ignore-file
"use unsafe";
// Rule-tagged errors of docs/SUBSET.md §7 (intrinsics of the other arch), named by
// tests/rules_test.ts; built for aarch64, in an unsafe module.

import { u16, u8 } from "../../../kernel/int.ts";
import { halt, outb } from "../../../kernel/intrinsics.ts";

export function port(): void {
  // @rule R-INTR-1
  outb(u16(0x3f8), u8(65)); // @expect-error TSK3002
  halt();
}
