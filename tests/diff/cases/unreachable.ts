// unreachable(): under Deno it throws, in a hosted build it panics with the same message (on
// bare metal it traps).
// @panics unreachable code reached
// @rule R-INTR-4
// @rule R-ERR-2
// @rule R-TYPE-6
// @rule R-INTR-1

import { u32 } from "../../../kernel/int.ts";
import { unreachable } from "../../../kernel/intrinsics.ts";
import { println, showU32 } from "../lib/out.ts";

function classify(x: u32): u32 {
  if (x < 10) return u32(1);
  if (x < 100) return u32(2);
  unreachable();
}

export function main(): void {
  showU32("classify(5)", classify(u32(5)));
  showU32("classify(50)", classify(u32(50)));
  println("now classify(500)");
  showU32("classify(500)", classify(u32(500)));
}
