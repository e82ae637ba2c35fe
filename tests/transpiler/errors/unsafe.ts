// deno-lint-ignore-file
// deno-fmt-ignore-file
// Intrinsics outside unsafe modules and of the other arch (docs/SUBSET.md §7); built for x86_64.

import { u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { cpuRelax, inb, load32, mmioWrite8, outb, psciCall } from "../../../kernel/intrinsics.ts";

export function io(): u32 {
  outb(u16(0x3f8), u8(65)); // @expect-error TSK3001
  mmioWrite8(usize(0x1000), inb(u16(0x3fd))); // @expect-error TSK3001
  cpuRelax();
  psciCall(u32(0x84000008), u64(0), u64(0), u64(0)); // @expect-error TSK3001 TSK3002
  return load32(usize(0)); // @expect-error TSK3001
}
