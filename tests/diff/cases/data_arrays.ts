// Fixed arrays and slices (§9): module-level and local arrays of several element kinds, arrays
// held by value in a class, slices passed and returned, sub-slices sharing storage.
// @rule R-ARRAY-1
// @rule R-ARRAY-2
// @rule R-ARRAY-3
// @rule R-ARRAY-4
// @rule R-ARRAY-5
// @rule R-STRUCT-7
// @rule R-TYPE-13
// @rule R-TYPE-14

import { i16, i32, i64, mulI32, mulU32, u16, u32, u64, usize } from "../../../kernel/int.ts";
import { FixedArray, type Slice } from "../../../kernel/array.ts";
import { showBool, showI16, showI64, showU16, showU32, showU64, showUsize } from "../lib/out.ts";

const SQUARES = new FixedArray<u32>(10, u32(0));
const NEG = new FixedArray<i16>(4, i16(-7));
const BIG = new FixedArray<u64>(3, u64(0xffffffffffffffffn));
const MARKS = new FixedArray<boolean>(5, false);

class Ring {
  items: FixedArray<u16> = new FixedArray<u16>(4, u16(0));
  head: usize = usize(0);
  count: usize = usize(0);
}

const ring = new Ring();

function push(r: Ring, v: u16): boolean {
  if (r.count === r.items.length) {
    return false;
  }
  r.items.set(usize(usize(r.head + r.count) % r.items.length), v);
  r.count = usize(r.count + 1);
  return true;
}

function pop(r: Ring): u16 {
  const v = r.items.get(r.head);
  r.head = usize(usize(r.head + 1) % r.items.length);
  r.count = usize(r.count - 1);
  return v;
}

function sum(s: Slice<u32>): u64 {
  let t = u64(0);
  for (let i = usize(0); i < s.length; i = usize(i + 1)) {
    t = u64(t + u64(s.get(i)));
  }
  return t;
}

function middle(s: Slice<u32>): Slice<u32> {
  return s.subslice(usize(1), usize(s.length - 1));
}

function doubleAll(s: Slice<u32>): void {
  for (let i = usize(0); i < s.length; i = usize(i + 1)) {
    s.set(i, mulU32(s.get(i), u32(2)));
  }
}

export function main(): void {
  for (let i = usize(0); i < SQUARES.length; i = usize(i + 1)) {
    SQUARES.set(i, u32(usize(i * i)));
  }
  showU64("sum all", sum(SQUARES.asSlice()));
  const mid = middle(SQUARES.slice(usize(2), usize(8)));
  showUsize("mid.length", mid.length);
  showU64("sum mid", sum(mid));
  doubleAll(mid);
  showU32("SQUARES[3]", SQUARES.get(usize(3)));
  showU32("SQUARES[2]", SQUARES.get(usize(2)));
  NEG.set(usize(3), i16(mulI32(i32(NEG.get(usize(0))), i32(5))));
  showI16("NEG[3]", NEG.get(usize(3)));
  BIG.set(usize(1), u64(BIG.get(usize(0)) + 2n));
  showU64("BIG[1]", BIG.get(usize(1)));
  MARKS.set(usize(4), true);
  showBool("MARKS[4]", MARKS.get(usize(4)));
  showBool("MARKS[3]", MARKS.get(usize(3)));

  const local = new FixedArray<i64>(6, i64(-1));
  for (let i = usize(0); i < local.length; i = usize(i + 1)) {
    local.set(i, i64(local.get(i) * i64(usize(i + 1))));
  }
  showI64("local[5]", local.get(usize(5)));
  for (let k = u32(0); k < 3; k = u32(k + 1)) {
    const fresh = new FixedArray<u32>(2, k);
    fresh.set(usize(1), u32(fresh.get(usize(1)) + 100));
    showU64("fresh", sum(fresh.asSlice()));
  }

  for (let v = u16(1); v < 7; v = u16(v + 1)) {
    showBool("push", push(ring, v));
  }
  showU16("pop", pop(ring));
  showU16("pop", pop(ring));
  showBool("push", push(ring, u16(40)));
  showUsize("count", ring.count);
  showU16("pop", pop(ring));
}
