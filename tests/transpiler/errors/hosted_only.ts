// deno-lint-ignore-file
// deno-fmt-ignore-file
// debugPutByte exists only in hosted builds (docs/SUBSET.md R-INTR-4); this fixture is a
// bare-metal x86_64 build. tests/diff/hosted_test.ts checks the hosted side.

import { u8 } from "../../../kernel/int.ts";
import { debugPutByte } from "../../../kernel/intrinsics.ts";

export function say(): void {
  // @rule R-INTR-4
  debugPutByte(u8(0x41)); // @expect-error TSK3002
}
