// Calls across modules, module-level lets of another module read after its functions change
// them, and names reached through a re-exporting mod.ts (§1).
// @rule R-MOD-1
// @rule R-MOD-4
// @rule R-MOD-8

import { u32 } from "../../../kernel/int.ts";
import { println, showU32, showU64 } from "../lib/out.ts";
import { bump, count, hiddenValue, resetTo, STEP } from "./lib/mod.ts";

export function main(): void {
  showU32("STEP", STEP);
  showU32("count", count);
  showU32("bump", bump());
  showU32("bump", bump());
  showU32("count", count);
  resetTo(u32(0xfffffffe));
  showU32("bump after reset", bump());
  showU32("count", count);
  showU64("hidden", hiddenValue());
  for (let i: u32 = u32(0); i < 40; i = u32(i + 1)) bump();
  showU64("hidden after 40", hiddenValue());
  println("end");
}
