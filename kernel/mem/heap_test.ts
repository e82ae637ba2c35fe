import assert from "node:assert/strict";
import { u32, u8, usize } from "../int.ts";
import { load64, load8, machine, store8 } from "../intrinsics.ts";
import { runToExit, setupX86 } from "../testing/devices.ts";
import {
  heapInit,
  HeapStats,
  heapStats,
  heapTrim,
  kfree,
  kmalloc,
  kmallocUsable,
  kmallocZeroed,
} from "./heap.ts";
import {
  classPerPage,
  classSize,
  classSlotOf,
  HEAP_CLASSES,
  HEAP_MAX_SMALL,
} from "./heap_classes.ts";
import { magCap } from "./heap_magazine.ts";
import { heapStatsSame } from "./heap_stats.ts";
import {
  testPageAlloc,
  testPageFree,
  testPagesBadFrees,
  testPagesInit,
  testPagesLimit,
  testPagesOut,
} from "./heap_test_pages.ts";

const BASE = 0x100000;

/** A fresh machine with size bytes of RAM at BASE, all of it the heap's page source. */
function setup(size: number, debug = false, withDevices = false): Uint8Array {
  if (withDevices) setupX86();
  else machine.reset();
  const ram = machine.mapRam(BASE, new Uint8Array(size));
  testPagesInit(usize(BASE), usize(size));
  heapInit(testPageAlloc, testPageFree, debug);
  return ram;
}

function stats(): HeapStats {
  const s = new HeapStats();
  heapStats(s);
  return s;
}

function fill(b: number, n: number, v: number): void {
  for (let i = 0; i < n; i++) store8(usize(b + i), u8(v + i));
}

function check(b: number, n: number, v: number): boolean {
  for (let i = 0; i < n; i++) if (load8(usize(b + i)) !== ((v + i) & 0xff)) return false;
  return true;
}

Deno.test("heap: every size class round trip, 16-aligned, usable covers the class", () => {
  setup(1 << 20);
  for (let c = 0; c < HEAP_CLASSES; c++) {
    const size = classSize(u32(c));
    for (const n of [size - 15, size]) {
      const b = kmalloc(usize(n));
      assert.notEqual(b, 0);
      assert.equal(b % 16, 0);
      assert.equal(kmallocUsable(b), size, `class ${c} for ${n}`);
      fill(b, n, c);
      assert.ok(check(b, n, c));
      const s = stats();
      assert.equal(s.objects.get(usize(c)), 1);
      assert.equal(s.bytes.get(usize(c)), size);
      kfree(b);
    }
  }
  assert.equal(stats().poolObjects, 0);
  assert.equal(testPagesBadFrees(), 0);
});

Deno.test("heap: size 0 gets a real 16-byte block; requests above 2 GiB get 0", () => {
  setup(1 << 20);
  const a = kmalloc(usize(0));
  const b = kmalloc(usize(0));
  assert.notEqual(a, 0);
  assert.notEqual(a, b);
  assert.equal(kmallocUsable(a), 16);
  assert.equal(kmalloc(usize(0x80000001)), 0);
  kfree(a);
  kfree(b);
  kfree(usize(0)); // a no-op
  assert.equal(stats().poolObjects, 0);
});

Deno.test("heap: many objects of one class fill several pages; empty pages go back", () => {
  setup(1 << 20);
  const per = classPerPage(u32(3)); // 64-byte class: 63 per page
  const count = per * 4 + 5;
  const blocks: usize[] = [];
  for (let i = 0; i < count; i++) {
    const b = kmalloc(usize(64));
    assert.notEqual(b, 0);
    fill(b, 64, i);
    blocks.push(b);
  }
  assert.equal(new Set(blocks).size, count);
  let s = stats();
  assert.equal(s.objects.get(usize(3)), count);
  assert.equal(s.pages.get(usize(3)), 5);
  assert.equal(s.sourcePages, 5);
  assert.equal(testPagesOut(), 5);
  blocks.forEach((b, i) => assert.ok(check(b, 64, i), `block ${i}`));
  for (const b of blocks) kfree(b);
  s = stats();
  assert.equal(s.objects.get(usize(3)), 0);
  assert.equal(s.pages.get(usize(3)), 1, "one spare page kept");
  assert.equal(testPagesOut(), 1);
  assert.equal(heapTrim(), 1);
  assert.equal(testPagesOut(), 0);
  assert.equal(stats().sourcePages, 0);
  assert.equal(testPagesBadFrees(), 0);
});

Deno.test("heap: a full page rejoins the partial list when a slot is freed", () => {
  setup(1 << 20);
  const per = classPerPage(u32(21)); // 2032: 2 per page
  const a = kmalloc(usize(2000));
  const b = kmalloc(usize(2000));
  assert.equal(per, 2);
  kfree(a);
  const c = kmalloc(usize(2000));
  assert.equal(c, a, "the freed slot is reused, no new page");
  assert.equal(stats().pages.get(usize(21)), 1);
  kfree(b);
  kfree(c);
});

Deno.test("heap: large allocations get whole pages with a header", () => {
  setup(1 << 20);
  const a = kmalloc(usize(HEAP_MAX_SMALL + 1));
  assert.equal(a % 4096, 16);
  assert.equal(kmallocUsable(a), 4096 - 16);
  const b = kmalloc(usize(5000)); // 2 pages
  assert.equal(kmallocUsable(b), 8192 - 16);
  const c = kmalloc(usize(40000)); // 16 pages
  assert.equal(kmallocUsable(c), 65536 - 16);
  assert.equal((c - 16) % 65536, 0, "aligned to its size");
  fill(c, 40000, 7);
  let s = stats();
  assert.equal(s.largeBlocks, 3);
  assert.equal(s.largePages, 1 + 2 + 16);
  assert.equal(s.largeBytes, HEAP_MAX_SMALL + 1 + 5000 + 40000);
  assert.equal(s.sourcePages, 19);
  assert.ok(check(c, 40000, 7));
  kfree(b);
  kfree(a);
  kfree(c);
  s = stats();
  assert.equal(s.largeBlocks, 0);
  assert.equal(s.largePages, 0);
  assert.equal(testPagesOut(), 0);
});

Deno.test("heap: kmallocZeroed zeroes the usable bytes of a reused block", () => {
  setup(1 << 20);
  const a = kmalloc(usize(100));
  fill(a, 112, 1);
  kfree(a);
  const b = kmallocZeroed(usize(100));
  assert.equal(b, a);
  for (let i = 0; i < 112; i++) assert.equal(load8(usize(b + i)), 0);
  const l = kmallocZeroed(usize(3000));
  for (let i = 0; i < 4080; i += 7) assert.equal(load8(usize(l + i)), 0);
});

Deno.test("heap: out of pages returns 0, keeps the heap consistent, and recovers", () => {
  setup(1 << 20);
  testPagesLimit(usize(3));
  const blocks: usize[] = [];
  for (;;) {
    const b = kmalloc(usize(1024)); // 3 per page
    if (b === 0) break;
    blocks.push(b);
  }
  assert.equal(blocks.length, 9);
  assert.equal(kmalloc(usize(5000)), 0, "no large block either");
  assert.equal(kmallocZeroed(usize(16)), 0);
  let s = stats();
  assert.equal(s.objects.get(usize(19)), 9);
  assert.equal(s.sourcePages, 3);
  assert.equal(s.faults, 0);
  kfree(blocks.pop()!);
  const again = kmalloc(usize(1000));
  assert.notEqual(again, 0, "a freed slot is usable again");
  // Free a whole page: it becomes the class's spare; a large request then trims it and succeeds.
  for (const b of blocks.splice(0, 3)) kfree(b);
  s = stats();
  assert.equal(s.pages.get(usize(19)), 3, "the emptied page is the spare");
  const big = kmalloc(usize(3000));
  assert.notEqual(big, 0, "the spare page was given back for a large block");
  assert.equal(stats().pages.get(usize(19)), 2);
  kfree(big);
  kfree(again);
  for (const b of blocks) kfree(b);
  heapTrim();
  assert.equal(testPagesOut(), 0);
  assert.equal(testPagesBadFrees(), 0);
});

Deno.test("heap: stats are exact over a mix of classes and large blocks", () => {
  setup(1 << 20);
  const a = kmalloc(usize(1));
  const b = kmalloc(usize(17));
  const c = kmalloc(usize(17));
  const d = kmalloc(usize(700));
  const e = kmalloc(usize(9000));
  const s = stats();
  assert.equal(s.objects.get(usize(0)), 1);
  assert.equal(s.objects.get(usize(1)), 2);
  assert.equal(s.bytes.get(usize(1)), 64);
  assert.equal(s.objects.get(usize(17)), 1); // 768
  assert.equal(s.bytes.get(usize(17)), 768);
  assert.equal(s.poolObjects, 4);
  assert.equal(s.poolBytes, 16 + 64 + 768);
  assert.equal(s.poolPages, 3);
  assert.equal(s.largeBlocks, 1);
  assert.equal(s.largePages, 4);
  assert.equal(s.largeBytes, 9000);
  assert.equal(s.sourcePages, 7);
  assert.equal(s.classSize.length, HEAP_CLASSES, "HeapStats arrays have one entry per class");
  for (const x of [a, b, c, d, e]) kfree(x);
});

Deno.test("heap debug: new memory is 0xa5, freed memory 0x6b, zeroed memory 0", () => {
  setup(1 << 20, true);
  const a = kmalloc(usize(40));
  for (let i = 0; i < 40; i++) assert.equal(load8(usize(a + i)), 0xa5);
  assert.equal(kmallocUsable(a), 40, "debug: usable is the requested size");
  assert.equal(load8(usize(a + 40)), 0xfd, "redzone");
  kfree(a);
  for (let i = 8; i < 64; i++) assert.equal(load8(usize(a + i)), 0x6b, `byte ${i}`);
  const z = kmallocZeroed(usize(40));
  assert.equal(z, a);
  for (let i = 0; i < 40; i++) assert.equal(load8(usize(z + i)), 0);
  assert.equal(load8(usize(z + 40)), 0xfd, "the redzone survives zeroing");
  const l = kmalloc(usize(5000));
  assert.equal(load8(usize(l + 4999)), 0xa5);
  assert.equal(load8(usize(l + 5000)), 0xfd);
  kfree(l);
  kfree(z);
});

function expectPanic(fn: () => void, lines: string): void {
  const { uart } = setupX86Keep();
  assert.equal(runToExit(fn), 1);
  assert.equal(uart.text(), lines);
}

/** The UART of the machine setup(..., true) made. */
let currentUart: ReturnType<typeof setupX86>["uart"] | null = null;
function setupX86Keep(): { uart: ReturnType<typeof setupX86>["uart"] } {
  assert.ok(currentUart);
  currentUart.out = [];
  return { uart: currentUart };
}

function setupWithDevices(size: number, debug: boolean): void {
  currentUart = setupX86().uart;
  const ram = new Uint8Array(size);
  machine.mapRam(BASE, ram);
  testPagesInit(usize(BASE), usize(size));
  heapInit(testPageAlloc, testPageFree, debug);
}

const hex = (n: number) => `0x${n.toString(16)}`;

Deno.test("heap debug: a double free panics", () => {
  setupWithDevices(1 << 20, true);
  const a = kmalloc(usize(24));
  kmalloc(usize(24)); // the page keeps a slot in use
  kfree(a);
  expectPanic(() => kfree(a), `heap: double free of ${hex(a)}\npanic: heap: double free\n`);
});

Deno.test("heap debug: a write past the block panics on free", () => {
  setupWithDevices(1 << 20, true);
  const a = kmalloc(usize(24));
  store8(usize(a + 24), u8(0));
  expectPanic(() => kfree(a), `heap: overflow after ${hex(a)}\npanic: heap: overflow\n`);
  const l = kmalloc(usize(3000));
  store8(usize(l + 3003), u8(1));
  expectPanic(() => kfree(l), `heap: overflow after ${hex(l)}\npanic: heap: overflow\n`);
});

Deno.test("heap debug: a write after free panics when the slot is handed out again", () => {
  setupWithDevices(1 << 20, true);
  const a = kmalloc(usize(24));
  kmalloc(usize(24));
  kfree(a);
  store8(usize(a + 20), u8(0));
  expectPanic(
    () => kmalloc(usize(24)),
    `heap: write after free of ${hex(a)}\npanic: heap: write after free\n`,
  );
});

Deno.test("heap: foreign pointers panic, in both modes", () => {
  for (const debug of [false, true]) {
    setupWithDevices(1 << 20, debug);
    const a = kmalloc(usize(100));
    const big = kmalloc(usize(3000));
    const msg = (p: number) =>
      `heap: free of foreign pointer ${hex(p)}\npanic: heap: foreign pointer\n`;
    expectPanic(() => kfree(usize(a + 8)), msg(a + 8)); // not 16-aligned
    expectPanic(() => kfree(usize(a + 16)), msg(a + 16)); // inside a slot
    expectPanic(() => kfree(usize(big + 32)), msg(big + 32)); // inside a large block
    expectPanic(() => kfree(usize(BASE + 0xf0000)), msg(BASE + 0xf0000)); // never handed out
    expectPanic(() => kmallocUsable(usize(a + 16)), msg(a + 16));
  }
});

Deno.test("heap: cheap double-free checks in non-debug mode", () => {
  setupWithDevices(1 << 20, false);
  const a = kmalloc(usize(24));
  const b = kmalloc(usize(24));
  kfree(a);
  const dbl = (p: number) => `heap: double free of ${hex(p)}\npanic: heap: double free\n`;
  expectPanic(() => kfree(a), dbl(a)); // heads its page's free list
  kfree(b);
  expectPanic(() => kfree(b), dbl(b)); // its page has no slot in use
  const l = kmalloc(usize(3000));
  kfree(l);
  expectPanic(() => kfree(l), dbl(l)); // a large block whose pages are not reused
});

Deno.test("heap: a corrupted pool header is caught without debug mode", () => {
  setupWithDevices(1 << 20, false);
  const a = kmalloc(usize(24));
  store8(usize(a - (a % 4096) + 12), u8(200)); // class index out of range
  expectPanic(() => kfree(a), `heap: corrupt header for ${hex(a)}\npanic: heap: corrupt header\n`);
});

Deno.test("heap: free links stay inside their page", () => {
  setup(1 << 20);
  const blocks: usize[] = [];
  for (let i = 0; i < 40; i++) blocks.push(kmalloc(usize(100)));
  for (const b of blocks.slice(0, 20)) kfree(b);
  for (const b of blocks.slice(0, 19)) {
    const link = Number(load64(usize(b)));
    if (link !== 0) assert.equal(link - (link % 4096), b - (b % 4096));
  }
});

Deno.test("heap classes: classSlotOf is the exact slot (or none) for every offset of every class", () => {
  setup(1 << 20);
  for (let c = 0; c < HEAP_CLASSES; c++) {
    const size = classSize(u32(c));
    for (let off = 0; off < 4096; off++) {
      const want = off % size === 0 ? off / size : 0xffffffff;
      assert.equal(classSlotOf(u32(c), u32(off)), want, `class ${c} offset ${off}`);
    }
  }
});

Deno.test("heap magazine: a freed slot comes back first, within the per-class byte bound", () => {
  setup(1 << 20);
  for (let c = 0; c < HEAP_CLASSES; c++) {
    const cap = magCap(u32(c));
    assert.ok(cap <= 16 && cap * classSize(u32(c)) <= 1024, `class ${c}`);
  }
  assert.equal(magCap(u32(0)), 16);
  assert.equal(magCap(u32(19)), 1); // 1024
  assert.equal(magCap(u32(21)), 0); // 2032
  const a = kmalloc(usize(100));
  kfree(a);
  assert.equal(kmalloc(usize(100)), a);
  // Up to the cap the frees are cached; then they go to their pages.
  const blocks: usize[] = [];
  for (let i = 0; i < 20; i++) blocks.push(kmalloc(usize(64)));
  for (const b of blocks) kfree(b);
  const again: usize[] = [];
  for (let i = 0; i < 16; i++) again.push(kmalloc(usize(64)));
  assert.deepEqual(again, blocks.slice(0, 16).reverse()); // the first 16 frees were cached
});

Deno.test("heap magazine: stats, trim and the out-of-memory retry see cached slots as free", () => {
  setup(1 << 20);
  heapTrim();
  const s0 = stats();
  const a = kmalloc(usize(24));
  kfree(a);
  const s1 = stats(); // flushes: the page is the spare now
  assert.equal(s1.poolObjects, 0);
  heapTrim();
  assert.ok(heapStatsSame(stats(), s0));
  // Fill memory with 16-byte blocks, cache a few, then ask for a large block: the retry must
  // flush the magazine, and the emptied pages must go back.
  setup(64 << 10);
  const small: usize[] = [];
  for (;;) {
    const b = kmalloc(usize(16));
    if (b === 0) break;
    small.push(b);
  }
  const perPage = classPerPage(u32(0));
  const lastPage = small.slice(small.length - (small.length % perPage || perPage));
  for (const b of lastPage) kfree(b); // 16 of them stay cached, the rest go to the page
  assert.notEqual(kmalloc(usize(3000)), 0);
});

Deno.test("heap magazine: a double free of a cached slot is caught wherever it sits", () => {
  setupWithDevices(1 << 20, false);
  const a = kmalloc(usize(24));
  const b = kmalloc(usize(500)); // another class
  const c = kmalloc(usize(24));
  kfree(a);
  kfree(b);
  kfree(c); // a is under c in the magazine and heads no free list
  const dbl = (p: number) => `heap: double free of ${hex(p)}\npanic: heap: double free\n`;
  expectPanic(() => kfree(a), dbl(a));
  expectPanic(() => kmallocUsable(a), dbl(a));
});
