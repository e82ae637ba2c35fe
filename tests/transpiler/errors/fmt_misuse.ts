// deno-lint-ignore-file
// deno-fmt-ignore-file
// The formatting helper of klog templates used elsewhere (docs/SUBSET.md §6).

import { u32 } from "../../../kernel/int.ts";
import { hex } from "../../../kernel/fmt.ts";

export function misuse(x: u32): string {
  // @rule R-KLOG-1
  const t = `x = ${x}`; // @expect-error TSK1207
  // @rule R-KLOG-2
  return hex(x); // @expect-error TSK2202
}
