import assert from "node:assert/strict";
import { bytesAt, FixedArray, type Slice, StructArray, u16sAt, u32sAt, u64sAt } from "./array.ts";
import { CheckFailure, i32, u32, u64, u8, usize } from "./int.ts";
import { machine } from "./intrinsics.ts";

Deno.test("array: a FixedArray starts filled and keeps what is set", () => {
  const a = new FixedArray<u32>(4, u32(7));
  assert.equal(a.length, 4);
  assert.equal(a.get(usize(3)), 7);
  a.set(usize(2), u32(9));
  assert.equal(a.get(usize(2)), 9);
  const flags = new FixedArray<boolean>(3, false);
  flags.set(usize(1), true);
  assert.deepEqual([0, 1, 2].map((i) => flags.get(usize(i))), [false, true, false]);
  const big = new FixedArray<u64>(2, u64(1n << 63n));
  assert.equal(big.get(usize(1)), 1n << 63n, "u64 elements stay bigints");
});

Deno.test("array: every index outside [0, length) panics", () => {
  const a = new FixedArray<i32>(4, i32(-1));
  assert.throws(() => a.get(usize(4)), CheckFailure);
  assert.throws(() => a.set(usize(4), i32(0)), CheckFailure);
  assert.throws(() => a.slice(usize(3), usize(5)), CheckFailure);
  assert.throws(() => a.slice(usize(3), usize(2)), CheckFailure);
  assert.equal(a.slice(usize(4), usize(4)).length, 0, "an empty slice at the end is fine");
});

Deno.test("array: slices share the array's storage and check their own bounds", () => {
  const a = new FixedArray<u8>(8, u8(0));
  const s: Slice<u8> = a.slice(usize(2), usize(6));
  assert.equal(s.length, 4);
  s.set(usize(0), u8(0xaa));
  assert.equal(a.get(usize(2)), 0xaa);
  const t = s.subslice(usize(1), usize(3));
  t.set(usize(1), u8(0xbb));
  assert.equal(a.get(usize(4)), 0xbb);
  assert.throws(() => t.get(usize(2)), CheckFailure);
  assert.throws(() => s.subslice(usize(2), usize(5)), CheckFailure);
  assert.equal(a.asSlice().length, 8);
});

Deno.test("array: memory slices read and write the machine, little-endian", () => {
  machine.reset();
  const bytes = machine.mapRam(0x4000, new Uint8Array(32));
  const w = u32sAt(usize(0x4000), usize(4));
  w.set(usize(1), u32(0x01020304));
  assert.deepEqual([...bytes.slice(4, 8)], [4, 3, 2, 1]);
  assert.equal(bytesAt(usize(0x4004), usize(4)).get(usize(3)), 1);
  assert.equal(u16sAt(usize(0x4004), usize(2)).get(usize(0)), 0x0304);
  u64sAt(usize(0x4010), usize(2)).set(usize(1), u64(0xffffffffffffffffn));
  assert.equal(bytes[31], 0xff);
  assert.throws(() => u32sAt(usize(0x4002), usize(1)), CheckFailure, "misaligned");
  assert.throws(() => w.get(usize(4)), CheckFailure);
});

class Cell {
  v: u32 = u32(5);
  live: boolean = false;
}

Deno.test("array: a StructArray holds distinct instances, reached by reference", () => {
  const cells = new StructArray(3, Cell);
  assert.equal(cells.length, 3);
  cells.get(usize(0)).v = u32(9);
  assert.equal(cells.get(usize(0)).v, 9, "get returns the element itself");
  assert.equal(cells.get(usize(1)).v, 5, "each element is its own instance");
  assert.notEqual(cells.get(usize(1)), cells.get(usize(2)));
  assert.throws(() => cells.get(usize(3)), CheckFailure);
});
