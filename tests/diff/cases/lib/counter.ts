// A helper module for modules.ts: module-level state and functions used from another module.

import { u32, u64 } from "../../../../kernel/int.ts";

export const STEP: u32 = u32(7);
export let count: u32 = u32(0);
let hidden: u64 = u64(1n);

export function bump(): u32 {
  count = u32(count + STEP);
  hidden = u64(hidden * 3n);
  return count;
}

export function hiddenValue(): u64 {
  return hidden;
}

export function resetTo(v: u32): void {
  count = v;
}
