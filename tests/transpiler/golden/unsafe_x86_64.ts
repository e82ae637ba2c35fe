"use unsafe";
// Golden: intrinsics of a "use unsafe" module, built for x86_64.

import { u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import {
  cpuRelax,
  halt,
  inb,
  inl,
  load64,
  mmioRead32,
  mmioWrite8,
  outb,
  outw,
  store32,
  unreachable,
} from "../../../kernel/intrinsics.ts";

const COM1: u16 = u16(0x3f8);

export function putc(c: u8): void {
  while (u8(inb(u16(COM1 + 5)) & 0x20) === 0) {
    cpuRelax();
  }
  outb(COM1, c);
}

export function poke(addr: usize, v: u32): u64 {
  store32(addr, v);
  mmioWrite8(usize(addr + 4), u8(v));
  outw(u16(0x604), u16(0x2000));
  const device = u64(mmioRead32(addr));
  const memory = load64(addr);
  return u64(device + memory + u64(inl(COM1)));
}

export function stop(): never {
  halt();
  unreachable();
}
