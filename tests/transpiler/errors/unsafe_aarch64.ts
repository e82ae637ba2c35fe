// deno-lint-ignore-file
// deno-fmt-ignore-file
"use unsafe";
// Port I/O is x86_64-only (docs/SUBSET.md §7); built for aarch64, in an unsafe module.

import { u16, u64, u8, usize } from "../../../kernel/int.ts";
import { halt, inb, outb, psciCall, semihostCall } from "../../../kernel/intrinsics.ts";

export function io(): void {
  outb(u16(0x3f8), u8(1)); // @expect-error TSK3002
  const b = inb(u16(0x3fd)); // @expect-error TSK3002
  psciCall(u32(0x84000008), u64(0), u64(0), u64(0));
  semihostCall(u32(3), usize(0x1000));
  halt();
}

import { u32 } from "../../../kernel/int.ts";
