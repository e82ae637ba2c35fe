import assert from "node:assert/strict";
import { u32, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { heapInit, HeapStats, heapStats, kmalloc } from "./heap.ts";
import { heapStress, HeapStressResult } from "./heap_stress.ts";
import {
  testPageAlloc,
  testPageFree,
  testPagesBadFrees,
  testPagesInit,
  testPagesOut,
} from "./heap_test_pages.ts";

const BASE = 0x100000;

function setup(size: number, debug: boolean): void {
  machine.reset();
  machine.mapRam(BASE, new Uint8Array(size));
  testPagesInit(usize(BASE), usize(size));
  heapInit(testPageAlloc, testPageFree, debug);
}

for (const debug of [false, true]) {
  Deno.test(`heapStress: 4 MiB, ${debug ? "debug" : "plain"}: clean, and stats come back`, () => {
    setup(4 << 20, debug);
    const keep = kmalloc(usize(100)); // a block that lives through the run
    const out = new HeapStressResult();
    assert.equal(heapStress(u32(6000), u32(12345), out), true);
    assert.ok(out.allocs > 3000 && out.frees === out.allocs, `${out.allocs} ${out.frees}`);
    assert.ok(out.largeAllocs > 50);
    assert.equal(out.corrupt, 0);
    assert.equal(out.faults, 0);
    assert.ok(out.statsSame);
    const s = new HeapStats();
    heapStats(s);
    assert.equal(s.poolObjects, 1, "the caller's block is still there");
    assert.notEqual(keep, 0);
    assert.equal(testPagesBadFrees(), 0);
  });

  Deno.test(`heapStress: 256 KiB, ${debug ? "debug" : "plain"}: OOM is counted, not fatal`, () => {
    setup(256 << 10, debug);
    const out = new HeapStressResult();
    assert.equal(heapStress(u32(4000), u32(777), out), true);
    assert.ok(out.oom > 0, "the small RAM runs out");
    assert.ok(out.allocs > 500);
    assert.equal(testPagesOut(), 0, "everything went back");
    assert.equal(testPagesBadFrees(), 0);
  });
}

Deno.test("heapStress: the same seed makes the same run", () => {
  setup(1 << 20, false);
  const a = new HeapStressResult();
  heapStress(u32(2000), u32(99), a);
  setup(1 << 20, false);
  const b = new HeapStressResult();
  heapStress(u32(2000), u32(99), b);
  assert.deepEqual(b, a);
});
