// deno-lint-ignore-file
// deno-fmt-ignore-file
// Evaluation order: C's is unspecified where JS's is left to right (check_order.ts).

import { u32 } from "../../../kernel/int.ts";

export let state: u32 = u32(0);

export function bump(): u32 {
  state = u32(state + 1);
  return state;
}

export function add(a: u32, b: u32): u32 {
  return u32(a + b);
}

export function orders(): u32 {
  const a = u32(bump() + bump()); // @expect-error TSK1207
  const b = add(bump(), state); // @expect-error TSK1207
  const c = bump() === state; // @expect-error TSK1207
  const d = add(bump(), u32(1));
  const e = u32(bump() + 1);
  return u32(a + b + d + e);
}
