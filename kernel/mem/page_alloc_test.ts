import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { bootAddRam, bootAddReserved, BootInfo, bootInfoClear } from "../boot/boot_info.ts";
import { CPU_MAX } from "../cpu.ts";
import { runToExit, setupX86 } from "../testing/devices.ts";
import { PhysMap, physMapBuild } from "./phys_map.ts";
import {
  PAGE_MAX_ORDER,
  PAGE_SHIFT,
  PAGE_SIZE,
  pageAlloc,
  pageAllocInit,
  pageAllocZeroed,
  pageFree,
  PageStats,
  pageStats,
} from "./page_alloc.ts";
import { bdFreeBlocks, bdVerify, PAGE_OK } from "./page_buddy.ts";
import {
  PAGE_CACHE_BATCH,
  PAGE_CACHE_SIZE,
  pageCacheCount,
  pageCacheDrainAll,
  pageCacheDrains,
  pageCacheRefills,
} from "./page_cache.ts";

const MIB = 0x100000;

/** pageFree with plain numbers. */
function free(a: number, order: u32): void {
  pageFree(usize(a), order);
}
const info = new BootInfo();
const map = new PhysMap();
const stats = new PageStats();

/** A fresh machine with RAM at each [base, size] (bytes backed), and the allocator over it
 * (minus the image [imageStart, imageEnd) and the reserved ranges). */
function setup(
  ram: [number, number][],
  reserved: [number, number][] = [],
  image: [number, number] = [0, 0],
): ReturnType<typeof setupX86>["uart"] {
  const { uart } = setupX86();
  bootInfoClear(info);
  for (const [b, s] of ram) {
    machine.mapRam(b, new Uint8Array(s));
    bootAddRam(info, u64(BigInt(b)), u64(BigInt(s)));
  }
  for (const [b, s] of reserved) bootAddReserved(info, u64(BigInt(b)), u64(BigInt(s)));
  assert.equal(physMapBuild(info, usize(image[0]), usize(image[1]), map), true);
  assert.equal(pageAllocInit(map), true);
  return uart;
}

function snapshot(): Record<string, number> {
  pageStats(stats);
  const blocks: number[] = [];
  for (let k = 0; k < PAGE_MAX_ORDER; k++) blocks.push(stats.freeBlocks.get(usize(k)));
  return {
    total: stats.totalPages,
    free: stats.freePages,
    reserved: stats.reservedPages,
    allocated: stats.allocatedPages,
    blocks: blocks.join(","),
  } as unknown as Record<string, number>;
}

Deno.test("page_alloc: constants", () => {
  assert.equal(PAGE_SIZE, 4096);
  assert.equal(1 << PAGE_SHIFT, PAGE_SIZE);
  assert.equal(PAGE_MAX_ORDER, 11);
  assert.equal(CPU_MAX, 8, "page_cache.ts's table is written with 8 entries");
  assert.equal(pageCacheCount(u32(CPU_MAX - 1)), 0);
});

Deno.test("page_alloc: init over several ranges: page map carved, counts add up", () => {
  // 3 ranges, unsorted; the image cuts the first one; a reservation cuts the last.
  setup(
    [[0x40800000, 2 * MIB], [0x40000000, 4 * MIB], [0x41000000, 1 * MIB]],
    [[0x41080000, 0x1000]],
    [0x40000000, 0x40100000],
  );
  assert.equal(map.count, 4);
  pageStats(stats);
  const span = (0x41100000 - 0x40100000) / PAGE_SIZE; // frames from the first free page
  const mapPages = Math.ceil(span / PAGE_SIZE);
  assert.equal(stats.totalPages, (3 * MIB + 2 * MIB + MIB - 0x1000) / PAGE_SIZE);
  assert.equal(stats.reservedPages, mapPages);
  assert.equal(stats.freePages, stats.totalPages - mapPages);
  assert.equal(stats.allocatedPages, 0);
  assert.equal(stats.cachedPages, 0);
  assert.equal(stats.droppedPages, 0);
  assert.equal(bdVerify(), PAGE_OK);
  // The page map sits at the start of the first free range: the first page handed out is after it.
  const a = pageAlloc(u32(0));
  assert.equal(a >= 0x40100000 + mapPages * PAGE_SIZE, true);
  free(a, u32(0));
});

Deno.test("page_alloc: every order is aligned to its size; too large an order is 0", () => {
  setup([[0x40000000, 8 * MIB]]);
  for (let k = 0; k < PAGE_MAX_ORDER; k++) {
    const a = pageAlloc(u32(k));
    assert.notEqual(a, 0, `order ${k}`);
    assert.equal(a % (PAGE_SIZE << k), 0, `order ${k} at 0x${a.toString(16)}`);
    machine.store(a, 8, 0x1234n); // usable memory
    free(a, u32(k));
  }
  assert.equal(pageAlloc(u32(PAGE_MAX_ORDER)), 0);
  assert.equal(pageAlloc(u32(31)), 0);
  assert.equal(bdVerify(), PAGE_OK);
});

Deno.test("page_alloc: all memory page by page, then all freed: stats and max-order blocks back", () => {
  setup([[0x40000000, 4 * MIB], [0x40800000, 2 * MIB]]);
  pageCacheDrainAll();
  const before = snapshot();
  const pages: number[] = [];
  const seen = new Set<number>();
  for (;;) {
    const a = pageAlloc(u32(0));
    if (a === 0) break;
    assert.equal(seen.has(a), false, "no page twice");
    seen.add(a);
    pages.push(a);
  }
  pageStats(stats);
  assert.equal(pages.length, before.free);
  assert.equal(stats.freePages, 0);
  assert.equal(stats.allocatedPages, before.free);
  assert.equal(pageAlloc(u32(0)), 0, "exhausted stays exhausted");
  assert.equal(pageAlloc(u32(3)), 0);
  for (const a of pages) free(a, u32(0));
  pageCacheDrainAll();
  assert.deepEqual(snapshot(), before, "merged back to the same blocks");
  assert.equal(bdVerify(), PAGE_OK);
});

Deno.test("page_alloc: buddies merge back into max-order blocks", () => {
  // 8 MiB at 4 MiB alignment; the page map takes the first page of the first block.
  setup([[0x40000000, 8 * MIB]]);
  pageCacheDrainAll();
  assert.equal(bdFreeBlocks(u32(10)), 1, "the second 4 MiB block is whole");
  const blocks: number[] = [];
  for (let i = 0; i < 1024; i++) blocks.push(pageAlloc(u32(0)));
  assert.equal(bdFreeBlocks(u32(10)), 0, "the 1024 pages had to split it");
  for (const a of blocks) free(a, u32(0));
  pageCacheDrainAll();
  assert.equal(bdFreeBlocks(u32(10)), 1);
  const big = pageAlloc(u32(10));
  assert.equal(big, 0x40400000);
  free(big, u32(10));
  assert.equal(bdVerify(), PAGE_OK);
});

Deno.test("page_alloc: fragmentation: every other page free, no order-1 block until a neighbour frees", () => {
  setup([[0x40000000, 2 * MIB]]);
  const pages: number[] = [];
  for (let a = pageAlloc(u32(0)); a !== 0; a = pageAlloc(u32(0))) pages.push(a);
  pages.sort((x, y) => x - y);
  for (let i = 0; i < pages.length; i += 2) free(pages[i], u32(0));
  pageStats(stats);
  assert.equal(stats.freePages, Math.ceil(pages.length / 2));
  assert.equal(pageAlloc(u32(1)), 0, "half the memory free, but no two buddies");
  // free the allocated buddy of a free page: the two merge into an order-1 block
  const k = pages.findIndex((a, i) => i % 2 === 0 && i > 0 && pages[i - 1] === a - PAGE_SIZE);
  assert.notEqual(k, -1);
  const freed = pages[k];
  const partner = pages[k - 1];
  assert.equal(Math.floor(freed / PAGE_SIZE / 2), Math.floor(partner / PAGE_SIZE / 2), "buddies");
  free(partner, u32(0));
  const b = pageAlloc(u32(1));
  assert.equal(b, partner);
  assert.equal(bdVerify(), PAGE_OK);
});

Deno.test("page_alloc: per-CPU cache: refill and drain in batches, fast path, counted as free", () => {
  setup([[0x40000000, 4 * MIB]]);
  pageStats(stats);
  const free0 = stats.freePages;
  const a = pageAlloc(u32(0));
  assert.equal(pageCacheRefills(u32(0)), 1);
  assert.equal(pageCacheCount(u32(0)), Number(PAGE_CACHE_BATCH) - 1);
  pageStats(stats);
  assert.equal(stats.cachedPages, PAGE_CACHE_BATCH - 1);
  assert.equal(stats.freePages, free0 - 1, "cached frames count as free");
  const blocks0 = snapshot().blocks;
  const more: number[] = [];
  for (let i = 0; i < PAGE_CACHE_BATCH - 1; i++) more.push(pageAlloc(u32(0)));
  assert.equal(snapshot().blocks, blocks0, "the fast path never touched the buddy lists");
  assert.equal(pageCacheRefills(u32(0)), 1);
  assert.equal(pageCacheCount(u32(0)), 0);
  more.push(a);
  // a second batch, then free everything: the cache fills to PAGE_CACHE_SIZE, then drains half
  for (let i = 0; i < PAGE_CACHE_SIZE; i++) more.push(pageAlloc(u32(0)));
  assert.equal(pageCacheRefills(u32(0)), 3);
  for (const p of more) free(p, u32(0));
  assert.equal(pageCacheDrains(u32(0)) >= 1, true);
  assert.equal(pageCacheCount(u32(0)) <= PAGE_CACHE_SIZE, true);
  pageStats(stats);
  assert.equal(stats.freePages, free0);
  assert.equal(stats.cachedPages, pageCacheCount(u32(0)));
  pageCacheDrainAll();
  pageStats(stats);
  assert.equal(stats.cachedPages, 0);
  assert.equal(stats.freePages, free0);
  assert.equal(bdVerify(), PAGE_OK);
});

Deno.test("page_alloc: a large request drains the caches before it gives up", () => {
  setup([[0x40000000, 2 * MIB]]);
  const pages: number[] = [];
  for (let a = pageAlloc(u32(0)); a !== 0; a = pageAlloc(u32(0))) pages.push(a);
  for (const p of pages) free(p, u32(0));
  pageStats(stats);
  assert.equal(stats.cachedPages > 0, true);
  const big = pageAlloc(u32(8));
  assert.notEqual(big, 0, "1 MiB is free once the cached frames merge");
  free(big, u32(8));
});

Deno.test("page_alloc: pageAllocZeroed zeroes; pageAlloc does not", () => {
  setup([[0x40000000, 2 * MIB]]);
  const a = pageAlloc(u32(1));
  machine.store(a + 100, 8, 0xffffffffffffffffn);
  machine.store(a + 8000, 8, 0xffn);
  free(a, u32(1));
  const b = pageAlloc(u32(1));
  assert.equal(b, a);
  assert.equal(machine.load(b + 100, 8), 0xffffffffffffffffn, "not zeroed");
  free(b, u32(1));
  const c = pageAllocZeroed(u32(1));
  assert.equal(c, a);
  for (let off = 0; off < 2 * PAGE_SIZE; off += 8) assert.equal(machine.load(c + off, 8), 0n);
});

Deno.test("page_alloc: page 0 is never handed out; RAM as small as 2 MiB works", () => {
  setup([[0, 2 * MIB]]);
  pageStats(stats);
  assert.equal(stats.reservedPages, 2, "page 0 and one page of page map");
  const seen: number[] = [];
  for (let a = pageAlloc(u32(0)); a !== 0; a = pageAlloc(u32(0))) seen.push(a);
  assert.equal(seen.length, 512 - 2);
  assert.equal(seen.includes(0), false);
});

Deno.test("page_alloc: 4 GiB+ over a sparse machine (only the touched bytes are backed)", () => {
  setupX86();
  bootInfoClear(info);
  // RAM [1 MiB, 3 GiB) and [4 GiB, 6 GiB), as on a PC with a PCI hole.
  bootAddRam(info, u64(0x100000n), u64(0xc0000000n - 0x100000n));
  bootAddRam(info, u64(0x100000000n), u64(0x80000000n));
  const frames = (0x180000000 - 0x100000) / PAGE_SIZE;
  machine.mapRam(0x100000, new Uint8Array(Math.ceil(frames / PAGE_SIZE) * PAGE_SIZE + 4 * MIB));
  // every 4 MiB block head holds its free-list links
  for (let a = 0x400000; a < 0x180000000; a += 4 * MIB) {
    if (a < 0xc0000000 || a >= 0x100000000) machine.mapRam(a, new Uint8Array(16));
  }
  assert.equal(physMapBuild(info, usize(0), usize(0), map), true);
  assert.equal(pageAllocInit(map), true);
  pageStats(stats);
  assert.equal(stats.totalPages, (0xc0000000 - 0x100000 + 0x80000000) / PAGE_SIZE);
  assert.equal(stats.reservedPages, Math.ceil(frames / PAGE_SIZE));
  assert.equal(bdFreeBlocks(u32(10)), (0xc0000000 - 0x400000 + 0x80000000) / (4 * MIB));
  const big = pageAlloc(u32(10));
  assert.notEqual(big, 0);
  assert.equal(big % (4 * MIB), 0);
  free(big, u32(10));
  assert.equal(bdVerify(), PAGE_OK);
});

/** Runs fn, which must panic; returns the console text. */
function expectPanic(
  uart: ReturnType<typeof setupX86>["uart"],
  fn: () => void,
  text: string,
): void {
  uart.out = [];
  assert.equal(runToExit(fn), 1);
  assert.equal(uart.text(), text);
}

Deno.test("page_alloc: bad frees panic with a clear message", () => {
  const uart = setup([[0x40000000, 4 * MIB]]);
  const a = pageAlloc(u32(2));
  const p = pageAlloc(u32(0));
  const hex = (x: number) => "0x" + x.toString(16);
  expectPanic(
    uart,
    () => free(a, u32(1)),
    `page: block was allocated with another order: ${hex(a)} order 1\npanic: page: wrong order\n`,
  );
  expectPanic(
    uart,
    () => free(a + PAGE_SIZE, u32(0)),
    `page: not the start of an allocated block: ${
      hex(a + PAGE_SIZE)
    } order 0\npanic: page: free of a block that is not allocated\n`,
  );
  expectPanic(
    uart,
    () => free(a + 8, u32(0)),
    `page: address not aligned to the block size: ${
      hex(a + 8)
    } order 0\npanic: page: misaligned free\n`,
  );
  expectPanic(
    uart,
    () => free(a + PAGE_SIZE, u32(2)),
    `page: address not aligned to the block size: ${
      hex(a + PAGE_SIZE)
    } order 2\npanic: page: misaligned free\n`,
  );
  expectPanic(
    uart,
    () => free(0x100000, u32(0)),
    `page: address outside managed RAM: 0x100000 order 0\npanic: page: free outside RAM\n`,
  );
  expectPanic(
    uart,
    () => free(0x40000000, u32(0)),
    `page: not the start of an allocated block: 0x40000000 order 0\npanic: page: free of a block that is not allocated\n`,
  );
  expectPanic(
    uart,
    () => free(a, u32(11)),
    `page: order too large: ${hex(a)} order 11\npanic: page: order too large\n`,
  );
  free(a, u32(2));
  expectPanic(
    uart,
    () => free(a, u32(2)),
    `page: double free: ${hex(a)} order 2\npanic: page: double free\n`,
  );
  free(p, u32(0));
  expectPanic(
    uart,
    () => free(p, u32(0)),
    `page: double free: ${hex(p)} order 0\npanic: page: double free\n`,
  );
  pageCacheDrainAll();
  expectPanic(
    uart,
    () => free(p, u32(0)),
    `page: not the start of an allocated block: ${
      hex(p)
    } order 0\npanic: page: free of a block that is not allocated\n`,
  );
  assert.equal(bdVerify(), PAGE_OK, "refused frees changed nothing");
});

Deno.test("page_alloc: a corrupted free list panics instead of handing out memory", () => {
  const uart = setup([[0x40000000, 8 * MIB]]);
  pageCacheDrainAll();
  // the only order-10 block is at 4 MiB; point order 9's... simpler: overwrite the max block's
  // state by scribbling its link of a split half: allocate order 9, free it, corrupt its next link
  const a = pageAlloc(u32(10));
  free(a, u32(10));
  // make the order-10 list head's "next" point at a page that is not a free block
  machine.store(a, 8, BigInt(0x40001000));
  const b = pageAlloc(u32(10));
  assert.equal(b, a, "the head itself is fine");
  uart.out = [];
  assert.equal(runToExit(() => pageAlloc(u32(10))), 1);
  assert.equal(
    uart.text(),
    "page: free list corrupted at 0x40001000\npanic: page: free list corrupted\n",
  );
});
