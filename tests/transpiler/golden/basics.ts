// Golden: module-level constants, a class as a struct, methods, control flow, strings.

import { u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { halt } from "../../../kernel/intrinsics.ts";

export const BASE: u16 = u16(0x3f8);
export const LSR: u16 = u16(BASE + 5);
export const LIMIT: u64 = u64(1n << 40n);
export const GREETING: string = "hi\n";
export let ticks: u32 = u32(0);

export class Counter {
  count: u32 = u32(0);
  enabled: boolean = true;

  bump(by: u32): u32 {
    this.count = u32(this.count + by);
    return this.count;
  }
}

export const counter = new Counter();

export function sum(s: string): u32 {
  let total = u32(0);
  for (let i = usize(0); i < usize(s.length); i = usize(i + 1)) {
    total = u32(total + s.charCodeAt(i));
  }
  return total;
}

export function loop(c: Counter, n: u32): void {
  let i = u32(0);
  while (i < n) {
    if (c.enabled && !(i === 3)) {
      c.bump(u32(1));
    } else if (i > 10) {
      break;
    } else {
      halt();
    }
    i = u32(i + 1);
  }
  do {
    ticks = u32(ticks + 1);
  } while (ticks < 5);
}

export function lowByte(x: u64): u8 {
  return u8(x);
}

export function entry(): void {
  loop(counter, u32(4));
  counter.bump(sum(GREETING));
}
