// deno-lint-ignore-file
// deno-fmt-ignore-file
// The integer rules (docs/SUBSET.md §3).

import { i32, i64, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";

export function rules(a: u32, b: u32, s: i32, z: usize, w: u64, h: u16, c: u8): boolean {
  const eq = a == b; // @expect-error TSK2105
  const ne = a != b; // @expect-error TSK2105
  const sh = u32(a >> 1); // @expect-error TSK2103
  const ush = i32(s >>> 1); // @expect-error TSK2103
  const mul = u32(a * b); // @expect-error TSK2102
  const muls = i32(s * s); // @expect-error TSK2102
  const ok16 = u32(h * h);
  const cmp = a + 1 < b; // @expect-error TSK2101
  const div = u32((a + 1) / b); // @expect-error TSK2101
  const quo = u32(a / b + 1); // @expect-error TSK2101
  const count = u32(a << (b + 1)); // @expect-error TSK2101
  const band = usize(z & z); // @expect-error TSK2104
  const bnot = usize(~z); // @expect-error TSK2104
  const mixed = u32(a + h); // @expect-error TSK2106
  const mixcmp = a < s; // @expect-error TSK2106
  const fit = a === -1; // @expect-error TSK2106
  const fit8 = u8(c + 256); // @expect-error TSK2106
  const neg = usize(-1); // @expect-error TSK2106
  const raw64 = usize(w + w); // @expect-error TSK2101
  if (a) { // @expect-error TSK2107
    return !a; // @expect-error TSK2107
  }
  while (a & b) {} // @expect-error TSK2107
  const t = a ? b : a; // @expect-error TSK2107
  return eq && ne;
}

export function conversions(a: u32, w: u64, q: i64): u64 {
  const ok1 = usize(u64(w + w));
  const ok2 = u64(a | a);
  const ok3 = i64(q >> 3n);
  return u64(w >> 65n);
}
