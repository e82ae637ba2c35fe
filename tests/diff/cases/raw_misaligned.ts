"use unsafe";
// Raw loads and stores may be misaligned: both worlds give the same little-endian bytes (the C
// accessors are aligned(1), so UBSan's alignment check has nothing to catch).
// @rule R-INTR-3

import { u16, u32, u64, usize } from "../../../kernel/int.ts";
import {
  load16,
  load32,
  load64,
  load8,
  store16,
  store32,
  store64,
} from "../../../kernel/intrinsics.ts";
import { showU16, showU32, showU64, showU8 } from "../lib/out.ts";

const BASE: usize = usize(0x40003000);

export function main(): void {
  store64(usize(BASE + 1), u64(0x1122334455667788n));
  store32(usize(BASE + 11), u32(0xa1b2c3d4));
  store16(usize(BASE + 17), u16(0xbeef));
  showU8("byte 1", load8(usize(BASE + 1)));
  showU8("byte 8", load8(usize(BASE + 8)));
  showU64("load64 +1", load64(usize(BASE + 1)));
  showU32("load32 +3", load32(usize(BASE + 3)));
  showU32("load32 +11", load32(usize(BASE + 11)));
  showU16("load16 +17", load16(usize(BASE + 17)));
  showU16("load16 +7", load16(usize(BASE + 7)));
  showU64("load64 +9", load64(usize(BASE + 9)));
}
