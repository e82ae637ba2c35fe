import assert from "node:assert/strict";
import { u32, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import {
  testPageAlloc,
  testPageFree,
  testPagesBadFrees,
  testPagesInit,
  testPagesLimit,
  testPagesOut,
} from "./heap_test_pages.ts";

const BASE = 0x200000;

Deno.test("test pages: aligned blocks, LIFO reuse per order, exhaustion and limit", () => {
  machine.reset();
  machine.mapRam(BASE, new Uint8Array(64 << 10));
  testPagesInit(usize(BASE), usize(64 << 10));
  const a = testPageAlloc(u32(0));
  const b = testPageAlloc(u32(2));
  assert.equal(a, BASE);
  assert.equal(b, BASE + 0x4000, "aligned to 16 KiB");
  assert.equal(testPagesOut(), 5);
  testPageFree(a, u32(0));
  assert.equal(testPageAlloc(u32(0)), a);
  assert.equal(testPageAlloc(u32(3)), BASE + 0x8000);
  assert.equal(testPageAlloc(u32(3)), 0, "the region is exhausted");
  assert.equal(testPageAlloc(u32(0)), 0, "alignment gaps are never used");
  testPageFree(a, u32(0));
  testPagesLimit(usize(testPagesOut()));
  assert.equal(testPageAlloc(u32(0)), 0, "the limit");
  testPageFree(usize(BASE + 0x1000), u32(1));
  assert.equal(testPagesBadFrees(), 1, "misaligned for its order");
  testPageFree(usize(BASE + 0x20000), u32(0));
  assert.equal(testPagesBadFrees(), 2, "outside the region");
});
