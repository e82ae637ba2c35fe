// Fixed arrays and bounds-checked slices (docs/SUBSET.md §9): module-level and local arrays,
// slices passed and returned, sub-slices, and arrays held by value in a class.

import { u32, u64, u8, usize } from "../../../kernel/int.ts";
import { FixedArray, type Slice } from "../../../kernel/array.ts";

const N: usize = usize(8);
const TABLE = new FixedArray<u32>(64, u32(0));
const ONES = new FixedArray<u64>(N, u64(1));
const SEEN = new FixedArray<boolean>(4, false);

export class Ring {
  items: FixedArray<u32> = new FixedArray<u32>(16, u32(0));
  head: usize = usize(0);
  count: usize = usize(0);
}

export const ring = new Ring();

export function ringPush(r: Ring, v: u32): boolean {
  if (r.count === r.items.length) {
    return false;
  }
  r.items.set(usize(usize(r.head + r.count) % r.items.length), v);
  r.count = usize(r.count + 1);
  return true;
}

export function sum(s: Slice<u32>): u32 {
  let total = u32(0);
  for (let i = usize(0); i < s.length; i = usize(i + 1)) {
    total = u32(total + s.get(i));
  }
  return total;
}

export function tail(s: Slice<u32>, n: usize): Slice<u32> {
  return s.subslice(usize(s.length - n), s.length);
}

export function fill(v: u32): u32 {
  for (let i = usize(0); i < TABLE.length; i = usize(i + 1)) {
    TABLE.set(i, v);
  }
  SEEN.set(usize(1), true);
  return sum(tail(TABLE.slice(usize(8), usize(16)), usize(2)));
}

export function local(x: u8): u32 {
  const buf = new FixedArray<u8>(32, x);
  const zero = new FixedArray<u32>(4, u32(0));
  buf.set(usize(31), u8(buf.get(usize(0)) + 1));
  zero.set(usize(0), u32(buf.get(usize(31))));
  return sum(zero.asSlice());
}

export function big(i: usize): u64 {
  return ONES.get(i);
}

export function seen(i: usize): boolean {
  return SEEN.get(i);
}
