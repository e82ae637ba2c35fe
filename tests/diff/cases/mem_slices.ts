// deno-lint-ignore-file prefer-const
"use unsafe";
// Raw memory as slices (§9): bytesAt, u16sAt, u32sAt and u64sAt over the same bytes see each
// other's stores (little-endian), sub-slices share them, and a slice is passed to a function.
// @rule R-ARRAY-6
// @rule R-ARRAY-5

import { u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { bytesAt, type Slice, u16sAt, u32sAt, u64sAt } from "../../../kernel/array.ts";
import { println, showU16, showU32, showU64, showU8, showUsize } from "../lib/out.ts";

let base: usize = usize(0x40001000);

function total(s: Slice<u8>): u32 {
  let t = u32(0);
  for (let i = usize(0); i < s.length; i = usize(i + 1)) t = u32(t + u32(s.get(i)));
  return t;
}

export function main(): void {
  const bytes = bytesAt(base, usize(16));
  const halves = u16sAt(base, usize(8));
  const words = u32sAt(base, usize(4));
  const quads = u64sAt(base, usize(2));
  for (let i = usize(0); i < bytes.length; i = usize(i + 1)) bytes.set(i, u8(usize(i * 17) % 256));
  showU16("halves[1]", halves.get(usize(1)));
  showU32("words[3]", words.get(usize(3)));
  showU64("quads[1]", quads.get(usize(1)));
  quads.set(usize(0), u64(0x0102030405060708n));
  showU8("bytes[0]", bytes.get(usize(0)));
  showU8("bytes[7]", bytes.get(usize(7)));
  halves.set(usize(5), u16(0xabcd));
  showU32("words[2]", words.get(usize(2)));
  const mid = bytes.subslice(usize(4), usize(12));
  showUsize("mid.length", mid.length);
  showU32("total(mid)", total(mid));
  mid.set(usize(0), u8(0xff));
  showU32("words[1]", words.get(usize(1)));
  showU32("total(all)", total(bytes));
  println("end");
}
