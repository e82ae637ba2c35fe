"use unsafe";
// Golden: the aarch64 firmware intrinsics of a "use unsafe" module.

import { u32, u64, usize } from "../../../kernel/int.ts";
import { psciCall, semihostCall, store8 } from "../../../kernel/intrinsics.ts";
import { u8 } from "../../../kernel/int.ts";

const PSCI_SYSTEM_OFF: u32 = u32(0x84000008);
const SYS_WRITEC: u32 = u32(0x03);

export function writeByte(block: usize, c: u32): void {
  store8(block, u8(c));
  semihostCall(SYS_WRITEC, block);
}

export function powerOff(): u64 {
  return psciCall(PSCI_SYSTEM_OFF, u64(0), u64(0), u64(0));
}
