// Golden: if on constant conditions (build options and a target name): only the live branch is
// compiled, and a dead branch may call the other arch's intrinsics (here x86 port I/O).
"use unsafe";

import { u16, u32, u64, u8 } from "../../../kernel/int.ts";
import { outb, psciCall } from "../../../kernel/intrinsics.ts";

const TARGET: string = "aarch64";
export const VERBOSE: boolean = false;
export const LEVEL: u32 = u32(2);

export function powerOff(): u64 {
  if (TARGET === "x86_64") {
    outb(u16(0xf4), u8(0));
    return u64(0n);
  } else {
    return psciCall(u32(0x84000008), u64(0n), u64(0n), u64(0n));
  }
}

export function trace(x: u32): u32 {
  let r = x;
  if (VERBOSE || LEVEL > 3) {
    r = u32(r + 1);
  }
  if (!VERBOSE && TARGET !== "x86_64" && LEVEL === 2) {
    r = u32(r + 2);
  }
  if (VERBOSE) {
    outb(u16(0x3f8), u8(r));
  }
  return r;
}
