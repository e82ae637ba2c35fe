// deno-lint-ignore-file
// deno-fmt-ignore-file
// Rule-tagged errors of docs/SUBSET.md §3 (integers), named by tests/rules_test.ts; x86_64.

import { i16, i32, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";

export function ints(a: u32, b: u32, s: i16, t: i32, z: usize, w: u64, h: u16): boolean {
  // @rule R-INT-4
  const rem = u32((a + b) % b); // @expect-error TSK2101
  // @rule R-INT-5
  const sq = i16(s * s); // @expect-error TSK2102
  // @rule R-INT-5
  const prod = u32(a * b); // @expect-error TSK2102
  // @rule R-INT-6
  const avg = u32((a + b) / 2 + 1); // @expect-error TSK2101
  // @rule R-INT-7
  const idx = usize(w * w); // @expect-error TSK2101
  // @rule R-INT-9
  const half = u32(a >> 1); // @expect-error TSK2103
  // @rule R-INT-9
  const tq = i32(t >>> 2); // @expect-error TSK2103
  // @rule R-INT-9
  const lo = usize(z | 1); // @expect-error TSK2104
  // @rule R-INT-10
  const same = a != b; // @expect-error TSK2105
  // @rule R-INT-10
  const mix = a < h; // @expect-error TSK2106
  // @rule R-INT-11
  const word = u16(h + 70000); // @expect-error TSK2106
  // @rule R-INT-11
  const huge = u64(18446744073709551615); // @expect-error TSK2003
  // @rule R-INT-12
  return !a; // @expect-error TSK2107
}
