import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { bootAddRam, BootInfo, bootInfoClear } from "../boot/boot_info.ts";
import { PhysMap, physMapBuild } from "./phys_map.ts";
import { pageAlloc, pageAllocInit, pageFree, PageStats, pageStats } from "./page_alloc.ts";
import { pageStress, StressResult } from "./page_stress.ts";
import { bdMarkCached } from "./page_buddy.ts";

const info = new BootInfo();
const map = new PhysMap();

function setup(base: number, size: number): void {
  machine.reset();
  machine.mapRam(base, new Uint8Array(size));
  bootInfoClear(info);
  bootAddRam(info, u64(BigInt(base)), u64(BigInt(size)));
  assert.equal(physMapBuild(info, usize(0), usize(0), map), true);
  assert.equal(pageAllocInit(map), true);
}

Deno.test("page_stress: 4 MiB of RAM: no failures, out-of-memory counted, memory all back", () => {
  setup(0x40000000, 4 << 20);
  const before = new PageStats();
  pageStats(before);
  const r = new StressResult();
  assert.equal(pageStress(u32(400), u32(12345), r), true);
  assert.equal(r.failures, 0);
  assert.equal(r.rounds, 400);
  assert.equal(r.allocations > 100, true);
  assert.equal(r.oomEvents > 0, true, "4 MiB runs out with up to 64 live blocks of 256 KiB");
  assert.equal(r.peakLivePages > 512, true);
  const after = new PageStats();
  pageStats(after);
  assert.equal(after.freePages, before.freePages);
});

Deno.test("page_stress: the same seed gives the same run", () => {
  const runs: string[] = [];
  for (let i = 0; i < 2; i++) {
    setup(0x40000000, 2 << 20);
    const r = new StressResult();
    assert.equal(pageStress(u32(200), u32(7), r), true);
    runs.push(JSON.stringify({ ...r }));
  }
  assert.equal(runs[0], runs[1]);
});

Deno.test("page_stress: a damaged free list makes the run fail", () => {
  setup(0x40000000, 2 << 20);
  const a = pageAlloc(u32(5));
  assert.notEqual(a, 0);
  pageFree(a, u32(5));
  bdMarkCached(a); // a free block's page map byte no longer says so
  const r = new StressResult();
  assert.equal(pageStress(u32(50), u32(99), r), false);
  assert.equal(r.failures > 0, true);
});
