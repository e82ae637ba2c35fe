// A clean module that the error fixtures import (it must produce no diagnostics).

import { u32 } from "../../../../kernel/int.ts";

export function one(): u32 {
  return u32(1);
}

export const TWO: u32 = u32(2);
