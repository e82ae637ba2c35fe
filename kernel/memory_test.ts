// The bulk-memory and atomic intrinsics of kernel/intrinsics.ts on the simulated machine.

import assert from "node:assert/strict";
import { CheckFailure, u32, u64, u8, usize } from "./int.ts";
import {
  atomicAdd32,
  atomicAdd64,
  atomicCas32,
  atomicCas64,
  atomicLoad32,
  atomicLoad64,
  atomicStore32,
  atomicStore64,
  atomicSwap32,
  atomicSwap64,
  machine,
  memCompare,
  memCopy,
  memSet,
} from "./intrinsics.ts";

const BASE = 0x2000;

function ram(bytes: number[]): Uint8Array {
  machine.reset();
  return machine.mapRam(BASE, new Uint8Array(bytes));
}

Deno.test("memory: memCopy copies bytes and handles overlap like memmove", () => {
  const m = ram([1, 2, 3, 4, 5, 6, 7, 8]);
  memCopy(usize(BASE + 2), usize(BASE), usize(4));
  assert.deepEqual([...m], [1, 2, 1, 2, 3, 4, 7, 8]);
  memCopy(usize(BASE), usize(BASE + 3), usize(5));
  assert.deepEqual([...m], [2, 3, 4, 7, 8, 4, 7, 8]);
  memCopy(usize(0), usize(0), usize(0)); // a zero length touches nothing
});

Deno.test("memory: memSet fills and memCompare gives the sign of the first difference", () => {
  const m = ram([0, 0, 0, 0, 9, 9, 0x80, 1]);
  memSet(usize(BASE + 1), u8(0xee), usize(2));
  assert.deepEqual([...m.slice(0, 4)], [0, 0xee, 0xee, 0]);
  assert.equal(memCompare(usize(BASE + 4), usize(BASE + 4), usize(2)), 0);
  assert.equal(memCompare(usize(BASE), usize(BASE + 4), usize(2)), -1);
  assert.equal(memCompare(usize(BASE + 6), usize(BASE + 4), usize(1)), 1, "bytes are unsigned");
  assert.equal(memCompare(usize(0), usize(8), usize(0)), 0);
});

Deno.test("memory: atomics read-modify-write and return the old value", () => {
  const m = ram(new Array(16).fill(0));
  atomicStore32(usize(BASE), u32(0xfffffffe));
  assert.equal(atomicAdd32(usize(BASE), u32(3)), 0xfffffffe);
  assert.equal(atomicLoad32(usize(BASE)), 1, "the add wraps");
  assert.equal(atomicSwap32(usize(BASE), u32(7)), 1);
  assert.equal(atomicCas32(usize(BASE), u32(6), u32(9)), false);
  assert.equal(atomicCas32(usize(BASE), u32(7), u32(9)), true);
  assert.equal(m[0], 9);
  atomicStore64(usize(BASE + 8), u64(0xffffffffffffffffn));
  assert.equal(atomicAdd64(usize(BASE + 8), u64(2n)), 0xffffffffffffffffn);
  assert.equal(atomicLoad64(usize(BASE + 8)), 1n);
  assert.equal(atomicSwap64(usize(BASE + 8), u64(5n)), 1n);
  assert.equal(atomicCas64(usize(BASE + 8), u64(5n), u64(6n)), true);
  assert.equal(atomicLoad64(usize(BASE + 8)), 6n);
});

Deno.test("memory: an atomic at a misaligned address panics", () => {
  ram(new Array(16).fill(0));
  assert.throws(() => atomicLoad32(usize(BASE + 2)), CheckFailure);
  assert.throws(() => atomicStore64(usize(BASE + 4), u64(0n)), CheckFailure);
});
