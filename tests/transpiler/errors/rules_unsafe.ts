// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §7 (intrinsics, unsafe modules), named by
// tests/rules_test.ts; x86_64, in an ordinary module.

import { u32, u8, usize } from "../../../kernel/int.ts";
import { addr, cpuRelax, mmioRead32, psciCall, store8 } from "../../../kernel/intrinsics.ts";

export function poke(): u32 {
  cpuRelax();
  // @rule R-UNSAFE-1
  store8(usize(0x1000), u8(1)); // @expect-error TSK3001
  // @rule R-UNSAFE-2
  const read = mmioRead32; // @expect-error TSK1301
  // @rule R-UNSAFE-4
  const at = addr(usize(0x1000) + 4); // @expect-error TSK3001
  return u32(0);
}
