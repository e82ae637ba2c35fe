// deno-lint-ignore-file
// deno-fmt-ignore-file
// switch outside the subset (docs/SUBSET.md §4, "switch").

import { u32, u64, u8 } from "../../../kernel/int.ts";
import { unreachable } from "../../../kernel/intrinsics.ts";

export enum Ok { A = 1, B = 2 }

let state: u32 = u32(0);

export function forms(x: u32, e: Ok, b: u64, s: string, flag: boolean): u32 {
  // @rule R-SWITCH-1
  switch (s) { // @expect-error TSK1204
    default:
      break;
  }
  switch (x) {
    // @rule R-SWITCH-3
    case 1: // @expect-error TSK1208
      x = u32(2);
    case 2:
      return x;
    // @rule R-SWITCH-2
    case state: // @expect-error TSK1204
      break;
    // @rule R-SWITCH-2
    case 1: // @expect-error TSK1204
      break;
    case 300: // no error: a literal of the kind
      break;
    // @rule R-SWITCH-2
    // @ts-expect-error
    case u8(3): // @expect-error TSK2106
      break;
    case x + 1: // @expect-error TSK2101
      break;
    default: // @expect-error TSK1208
      x = u32(3);
  }
  switch (e) {
    // @rule R-SWITCH-2
    case 1: // @expect-error TSK2602
      break;
    case Ok.A:
      // @rule R-SWITCH-4
      const y = u32(1); // @expect-error TSK1204
      return y;
    case Ok.B:
      if (flag) { // no error: both paths end
        return x;
      } else {
        unreachable();
      }
  }
  switch (b) {
    // @ts-expect-error
    case 1: // @expect-error TSK2106
      break;
    case 2n: // @expect-error TSK1208
      while (true) {
        break;
      }
  }
  return x;
}
