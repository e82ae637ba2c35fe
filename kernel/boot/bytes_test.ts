import assert from "node:assert/strict";
import { u64, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import {
  ByteWindow,
  fitsUsize,
  readU32be,
  readU32le,
  readU64le,
  readU8,
  USIZE_MAX,
  windowHas,
  windowOk,
  windowOpen,
} from "./bytes.ts";

const BASE = 0x5000;
const w = new ByteWindow();

/** Maps exactly the given bytes at BASE, so any read outside them throws. */
function mapExactly(bytes: number[]): void {
  machine.reset();
  machine.mapRam(BASE, new Uint8Array(bytes));
}

Deno.test("bytes: little- and big-endian reads assemble the right values", () => {
  mapExactly([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88, 0xff]);
  assert.equal(windowOpen(w, usize(BASE), usize(9)), true);
  assert.equal(readU8(w, usize(8)), 0xff);
  assert.equal(readU32le(w, usize(0)), 0x04030201);
  assert.equal(readU32be(w, usize(0)), 0x01020304);
  assert.equal(readU32be(w, usize(5)), 0x060788ff);
  assert.equal(readU64le(w, usize(0)), 0x8807060504030201n);
  assert.equal(readU32le(w, usize(1)), 0x05040302, "unaligned reads work");
  assert.equal(windowOk(w), true);
});

Deno.test("bytes: reads past the window return 0 and fault without touching memory", () => {
  mapExactly([1, 2, 3, 4, 5, 6, 7, 8]);
  windowOpen(w, usize(BASE), usize(8));
  assert.equal(readU32le(w, usize(5)), 0, "straddles the end");
  assert.equal(windowOk(w), false);
  windowOpen(w, usize(BASE), usize(8));
  assert.equal(readU8(w, usize(8)), 0, "one past the end");
  assert.equal(readU64le(w, usize(1)), 0n);
  assert.equal(readU32be(w, usize(9)), 0);
  assert.equal(readU32be(w, usize(USIZE_MAX)), 0, "offset near 2^53 does not overflow");
  assert.equal(w.faults, 4);
  assert.equal(readU64le(w, usize(0)), 0x0807060504030201n, "in-range reads still work");
  assert.equal(windowOk(w), false, "the fault is sticky");
});

Deno.test("bytes: an empty window faults on every read", () => {
  machine.reset();
  windowOpen(w, usize(0), usize(0));
  assert.equal(windowOk(w), true);
  assert.equal(readU8(w, usize(0)), 0);
  assert.equal(windowOk(w), false);
});

Deno.test("bytes: windowOpen refuses a range ending past 2^53 - 1", () => {
  assert.equal(windowOpen(w, usize(USIZE_MAX - 10), usize(10)), true);
  assert.equal(windowOpen(w, usize(USIZE_MAX - 10), usize(11)), false);
  assert.equal(w.len, 0);
  assert.equal(windowOk(w), false);
  assert.equal(windowOpen(w, usize(1), usize(USIZE_MAX)), false);
});

Deno.test("bytes: the fault count saturates instead of wrapping to ok", () => {
  windowOpen(w, usize(BASE), usize(0));
  w.faults = 0xfffffffe as typeof w.faults;
  windowHas(w, usize(0), usize(1));
  windowHas(w, usize(0), usize(1));
  windowHas(w, usize(0), usize(1));
  assert.equal(w.faults, 0xffffffff);
  assert.equal(windowOk(w), false);
});

Deno.test("bytes: fitsUsize is true exactly below 2^53", () => {
  assert.equal(fitsUsize(u64(0n)), true);
  assert.equal(fitsUsize(u64(2n ** 53n - 1n)), true);
  assert.equal(fitsUsize(u64(2n ** 53n)), false);
  assert.equal(fitsUsize(u64(2n ** 64n - 1n)), false);
});
