// deno-lint-ignore-file prefer-const
// usize: a checked size in [0, 2^53) computed in 64 bits in C and exactly in JS; products are
// checked, bitwise operators are not allowed, alignUp/alignDown and % replace them (§3).
// @rule R-TYPE-3
// @rule R-INT-2
// @rule R-INT-5
// @rule R-INT-7
// @rule R-INT-9

import { alignDown, alignUp, i32, i64, u16, u32, u64, usize } from "../../../kernel/int.ts";
import { println, showBool, showU32, showU64, showUsize } from "../lib/out.ts";

let page: usize = usize(4096);
let top: usize = usize(9007199254740991);
let half: usize = usize(4503599627370496);

function bytesFor(count: usize, size: usize): usize {
  return usize(count * size);
}

export function main(): void {
  println("arithmetic");
  showUsize("page + 1", usize(page + 1));
  showUsize("top - 1", usize(top - 1));
  showUsize("half + (half - 1)", usize(half + (half - 1)));
  showUsize("top - half", usize(top - half));
  showUsize("page * page * 3", usize(u64(u64(bytesFor(page, page)) * 3n)));
  showUsize("bytesFor(2^26, 2^26)", bytesFor(usize(67108864), usize(67108864)));
  showUsize("top / page", usize(top / page));
  showUsize("top % page", usize(top % page));
  showUsize("(top - 7) / 3", usize(usize(top - 7) / 3));
  showUsize("top / 1", usize(top / 1));
  showUsize("7 / 2", usize(usize(7) / 2));
  showUsize("s.length + 1", usize("hello".length + 1));
  println("align");
  showUsize("alignUp(4097, 4096)", alignUp(usize(4097), page));
  showUsize("alignUp(4096, 4096)", alignUp(page, page));
  showUsize("alignUp(0, 4096)", alignUp(usize(0), page));
  showUsize("alignDown(8191, 4096)", alignDown(usize(8191), page));
  showUsize("alignUp(top - 4095, 4096)", alignUp(usize(top - 4095), page));
  showUsize("alignUp(10, 3)", alignUp(usize(10), usize(3)));
  showUsize("alignDown(10, 3)", alignDown(usize(10), usize(3)));
  println("conversions");
  showUsize("usize(u32 max)", usize(u32(0xffffffff)));
  showUsize("usize(u16 max)", usize(u16(0xffff)));
  showUsize("usize(i32 5)", usize(i32(5)));
  showUsize("usize(u64 2^53 - 1)", usize(u64(0x1fffffffffffffn)));
  showUsize("usize(i64 12345)", usize(i64(12345n)));
  showUsize("usize(u64(top) + 0)", usize(u64(u64(top) + 0n)));
  showU32("u32(top)", u32(top));
  showU64("u64(top) + 1", u64(u64(top) + 1n));
  println("compare");
  showBool("top > half", top > half);
  showBool("page <= 4096", page <= 4096);
  showBool("half === 2^52", half === 4503599627370496);
  showBool("top !== 0", top !== 0);
}
