// x86_64 page tables on simulated RAM: exact entry bits (Intel SDM vol.3 §4.5, Tables 4-15 to
// 4-20), lookups, 2 MiB pages, splitting, unmapping, protection and the refusals.

import assert from "node:assert/strict";
import { u32, u64, usize } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { Errno } from "../../kernel/errno.ts";
import {
  PtCounts,
  PtSplit,
  PtWalk,
  VM_DEVICE,
  VM_EXEC,
  VM_MMIO,
  VM_NC,
  VM_READ,
  VM_RO,
  VM_RW,
  VM_RX,
  VM_USER,
  VM_WRITE,
} from "../../kernel/mem/vm_flags.ts";
import {
  ptCount,
  ptCreate,
  ptLookup,
  ptMap,
  ptProtect,
  ptSplitFinish,
  ptSplitStart,
  ptUnmap,
  ptUseNx,
} from "./page_table.ts";

const RAM = 0x200000;
const FRAMES = 64;
const K4 = 0x1000;
const M2 = 0x200000;
const XD = 1n << 63n;

/** Simulated RAM full of garbage (tables must be zeroed by the page-table code) and a bump
 *  allocator over it that gives at most `limit` frames; freed frames are recorded. */
function setup(limit = FRAMES) {
  machine.reset();
  machine.mapRam(RAM, new Uint8Array(FRAMES * K4).fill(0xa5));
  const state = { next: 0, limit, freed: [] as number[] };
  const alloc = (_order: u32) => {
    if (state.next >= state.limit) return usize(0);
    state.next++;
    return usize(RAM + (state.next - 1) * K4);
  };
  const free = (pa: usize, _order: u32) => {
    state.freed.push(pa);
  };
  ptUseNx(true);
  const root = ptCreate(alloc);
  return { root, alloc, free, state };
}

function walk(root: usize, va: number): PtWalk {
  const w = new PtWalk();
  ptLookup(root, usize(va), w);
  return w;
}

function counts(root: usize): PtCounts {
  const c = new PtCounts();
  ptCount(root, c);
  return c;
}

Deno.test("x86_64 page_table: a 4 KiB page, its table entries and its lookup", () => {
  const { root, alloc } = setup();
  assert.equal(root, RAM);
  const va = 0x12345678000;
  assert.equal(ptMap(root, usize(va), usize(0x7000), usize(K4), VM_RW, alloc), Errno.OK);
  const w = walk(root, va + 0x123);
  assert.equal(w.present, true);
  assert.equal(w.pa, 0x7123);
  assert.equal(w.level, 3);
  assert.equal(w.size, K4);
  assert.equal(w.flags, VM_READ | VM_WRITE);
  // P | R/W | A | D | XD, address 0x7000.
  assert.equal(w.raw, 0x7000n | 0x63n | XD);
  // Table pointers: P | R/W | A with the next table's address; PML4 index 0x2, PDPT 0x8d,
  // PD 0x2b, PT 0x78 for 0x12345678000. Tables came from the allocator in order.
  assert.equal(machine.load(RAM + 0x2 * 8, 8), BigInt(RAM + K4) | 0x23n);
  assert.equal(machine.load(RAM + K4 + 0x8d * 8, 8), BigInt(RAM + 2 * K4) | 0x23n);
  assert.equal(machine.load(RAM + 2 * K4 + 0x2b * 8, 8), BigInt(RAM + 3 * K4) | 0x23n);
  assert.equal(machine.load(RAM + 3 * K4 + 0x78 * 8, 8), 0x7063n | XD);
  // The other entries of the new tables are zero (the garbage was cleared).
  assert.equal(machine.load(RAM + 0x3 * 8, 8), 0n);
  assert.equal(machine.load(RAM + 3 * K4 + 0x79 * 8, 8), 0n);
  assert.equal(walk(root, va + K4).present, false);
  assert.deepEqual({ ...counts(root) }, { tables: 4, blocks: 0, pages: 1 });
});

Deno.test("x86_64 page_table: raw bits for read-only, executable, device and NC pages", () => {
  const { root, alloc } = setup();
  const cases: [u32, bigint, number][] = [
    [VM_RO, 0x61n | XD, VM_READ],
    [VM_RX, 0x61n, VM_READ | VM_EXEC],
    [VM_MMIO, 0x7bn | XD, VM_READ | VM_WRITE | VM_DEVICE], // PWT (3) + PCD (4): UC
    [u32(VM_RW | VM_NC), 0x73n | XD, VM_READ | VM_WRITE | VM_NC], // PCD alone: UC-
  ];
  cases.forEach(([flags, bits, back], i) => {
    const va = 0x400000 + i * K4;
    const pa = 0x9000 + i * K4;
    assert.equal(ptMap(root, usize(va), usize(pa), usize(K4), flags, alloc), Errno.OK);
    const w = walk(root, va);
    assert.equal(w.raw, BigInt(pa) | bits, `flags ${flags}`);
    assert.equal(w.flags, back);
  });
});

Deno.test("x86_64 page_table: without NX the XD bit is never set and pages execute", () => {
  const { root, alloc } = setup();
  ptUseNx(false);
  assert.equal(ptMap(root, usize(0x1000), usize(0x1000), usize(K4), VM_RW, alloc), Errno.OK);
  const w = walk(root, 0x1000);
  assert.equal(w.raw, 0x1063n);
  assert.equal(w.flags, VM_READ | VM_WRITE | VM_EXEC);
  ptUseNx(true);
});

Deno.test("x86_64 page_table: 2 MiB pages where va, pa and size allow, else 4 KiB", () => {
  const { root, alloc } = setup();
  // 4 MiB + 8 KiB at aligned va/pa: two 2 MiB pages and two 4 KiB pages.
  assert.equal(
    ptMap(root, usize(0x40000000), usize(0x800000), usize(2 * M2 + 2 * K4), VM_RW, alloc),
    0,
  );
  let w = walk(root, 0x40000000 + M2 + 0x1234);
  assert.equal(w.level, 2);
  assert.equal(w.size, M2);
  assert.equal(w.pa, 0x800000 + M2 + 0x1234);
  assert.equal(w.raw, BigInt(0x800000 + M2) | 0xe3n | XD); // PS (7) set
  w = walk(root, 0x40000000 + 2 * M2 + K4);
  assert.equal(w.level, 3);
  assert.equal(w.pa, 0x800000 + 2 * M2 + K4);
  assert.deepEqual({ ...counts(root) }, { tables: 4, blocks: 2, pages: 2 });
  // pa not 2 MiB-aligned: only 4 KiB pages.
  assert.equal(ptMap(root, usize(0x80000000), usize(0x801000), usize(M2), VM_RO, alloc), 0);
  assert.equal(walk(root, 0x80000000).level, 3);
  assert.deepEqual({ ...counts(root) }, { tables: 6, blocks: 2, pages: 514 });
});

Deno.test("x86_64 page_table: refusals leave the tables unchanged", () => {
  const { root, alloc } = setup();
  assert.equal(ptMap(root, usize(M2), usize(M2), usize(M2), VM_RW, alloc), Errno.OK);
  const before = counts(root);
  const bad: [number, number, number, u32, Errno][] = [
    [M2 + K4, 0x5000, K4, VM_RW, Errno.EEXIST], // inside the 2 MiB page
    [0, 0, 2 * M2, VM_RW, Errno.EEXIST], // overlaps it
    [0x10000, 0x5000, K4, u32(VM_WRITE | VM_EXEC | VM_READ), Errno.EINVAL], // W+X
    [0x10000, 0x5000, K4, VM_WRITE, Errno.EINVAL], // no VM_READ
    [0x10000, 0x5000, K4, u32(VM_RW | VM_USER), Errno.EINVAL], // user: reserved
    [0x10000, 0x5000, K4, u32(VM_MMIO | VM_NC), Errno.EINVAL],
    [0x10000, 0x5000, K4, u32(0x43), Errno.EINVAL], // unknown bit
    [0x10800, 0x5000, K4, VM_RW, Errno.EINVAL], // misaligned va
    [0x10000, 0x5800, K4, VM_RW, Errno.EINVAL], // misaligned pa
    [0x10000, 0x5000, 0x800, VM_RW, Errno.EINVAL], // misaligned size
    [0x10000, 0x5000, 0, VM_RW, Errno.EINVAL], // empty
    [0x800000000000 - K4, 0x5000, 2 * K4, VM_RW, Errno.EINVAL], // past the lower half
  ];
  for (const [va, pa, size, flags, err] of bad) {
    assert.equal(ptMap(root, usize(va), usize(pa), usize(size), flags, alloc), err, `${va}`);
  }
  assert.deepEqual(counts(root), before);
  assert.equal(walk(root, 0x10000).present, false);
  assert.equal(walk(root, 0x800000000000).present, false);
});

Deno.test("x86_64 page_table: ENOMEM undoes the entries it wrote; a later map succeeds", () => {
  // Root + PDPT + PD + one PT: the second PT (the range crosses a 2 MiB line) is missing.
  const { root, alloc, state } = setup(4);
  const va = M2 - 2 * K4;
  assert.equal(ptMap(root, usize(va), usize(0x5000), usize(4 * K4), VM_RW, alloc), Errno.ENOMEM);
  for (let i = 0; i < 4; i++) assert.equal(walk(root, va + i * K4).present, false);
  assert.equal(counts(root).pages, 0);
  state.limit = 5;
  assert.equal(ptMap(root, usize(va), usize(0x5000), usize(4 * K4), VM_RW, alloc), Errno.OK);
  for (let i = 0; i < 4; i++) assert.equal(walk(root, va + i * K4).pa, 0x5000 + i * K4);
  // Out of frames for the very first table: nothing at all.
  const s = setup(1);
  assert.equal(ptMap(s.root, usize(0), usize(0), usize(M2), VM_RW, s.alloc), Errno.ENOMEM);
  assert.deepEqual({ ...counts(s.root) }, { tables: 1, blocks: 0, pages: 0 });
  assert.equal(ptCreate(s.alloc), 0);
});

Deno.test("x86_64 page_table: unmap clears pages and blocks and frees emptied tables", () => {
  const { root, alloc, free, state } = setup();
  assert.equal(ptMap(root, usize(M2), usize(M2), usize(M2 + 3 * K4), VM_RW, alloc), Errno.OK);
  assert.equal(ptUnmap(root, usize(2 * M2 + K4), usize(K4), free), Errno.OK);
  assert.equal(walk(root, 2 * M2 + K4).present, false);
  assert.equal(walk(root, 2 * M2).present, true);
  assert.deepEqual(state.freed, []);
  // A range cutting the 2 MiB page is refused whole.
  assert.equal(ptUnmap(root, usize(M2 + K4), usize(K4), free), Errno.EINVAL);
  assert.equal(ptUnmap(root, usize(0), usize(M2 + K4), free), Errno.EINVAL);
  assert.equal(walk(root, M2).present, true);
  // Everything (with holes): the PT, PD and PDPT go back, the root stays.
  assert.equal(ptUnmap(root, usize(0), usize(8 * M2), free), Errno.OK);
  assert.equal(walk(root, M2).present, false);
  assert.deepEqual(state.freed, [RAM + 3 * K4, RAM + 2 * K4, RAM + K4]);
  assert.deepEqual({ ...counts(root) }, { tables: 1, blocks: 0, pages: 0 });
  assert.equal(ptUnmap(root, usize(K4), usize(100), free), Errno.EINVAL);
});

Deno.test("x86_64 page_table: splitting a 2 MiB page keeps all 512 translations", () => {
  const { root, alloc, free } = setup();
  const va = 0x40000000, pa = 0x1000000;
  assert.equal(ptMap(root, usize(va), usize(pa), usize(M2), VM_RW, alloc), Errno.OK);
  const s = new PtSplit();
  assert.equal(ptSplitStart(root, usize(va + 0x5000), alloc, s), Errno.OK);
  assert.equal(s.pending, false); // one store: no break-before-make on x86
  assert.equal(s.va, va);
  ptSplitFinish(s);
  for (let i = 0; i < 512; i++) {
    const w = walk(root, va + i * K4);
    assert.equal(w.level, 3);
    assert.equal(w.raw, BigInt(pa + i * K4) | 0x63n | XD);
  }
  // A second split finds pages, not a block; unmapped addresses are ENOENT.
  assert.equal(ptSplitStart(root, usize(va), alloc, s), Errno.EINVAL);
  assert.equal(ptSplitStart(root, usize(0x80000000), alloc, s), Errno.ENOENT);
  // Now one page can go, and another be made read-only; the other 510 keep their rights.
  assert.equal(ptUnmap(root, usize(va + 7 * K4), usize(K4), free), Errno.OK);
  assert.equal(ptProtect(root, usize(va + 9 * K4), usize(K4), VM_RO), Errno.OK);
  for (let i = 0; i < 512; i++) {
    const w = walk(root, va + i * K4);
    if (i === 7) assert.equal(w.present, false);
    else if (i === 9) assert.equal(w.raw, BigInt(pa + i * K4) | 0x61n | XD);
    else assert.equal(w.flags, VM_READ | VM_WRITE, `page ${i}`);
  }
});

Deno.test("x86_64 page_table: a split with no frame for the table changes nothing", () => {
  const { root, alloc, state } = setup(4);
  assert.equal(ptMap(root, usize(0), usize(0), usize(M2), VM_RW, alloc), Errno.OK);
  assert.equal(state.next, 3);
  state.limit = 3;
  const s = new PtSplit();
  assert.equal(ptSplitStart(root, usize(K4), alloc, s), Errno.ENOMEM);
  assert.equal(walk(root, K4).level, 2);
});

Deno.test("x86_64 page_table: protect rewrites rights, refuses holes, cuts and type changes", () => {
  const { root, alloc } = setup();
  assert.equal(ptMap(root, usize(M2), usize(M2), usize(M2), VM_RW, alloc), Errno.OK);
  assert.equal(ptMap(root, usize(2 * M2), usize(0x5000), usize(2 * K4), VM_RW, alloc), Errno.OK);
  assert.equal(ptProtect(root, usize(M2), usize(M2 + 2 * K4), VM_RX), Errno.OK);
  assert.equal(walk(root, M2).raw, BigInt(M2) | 0xe1n); // P A D PS, no R/W, no XD
  assert.equal(walk(root, 2 * M2 + K4).raw, 0x6061n);
  assert.equal(ptProtect(root, usize(M2), usize(K4), VM_RO), Errno.EINVAL); // cuts the block
  assert.equal(ptProtect(root, usize(2 * M2), usize(3 * K4), VM_RO), Errno.ENOENT); // a hole
  assert.equal(ptProtect(root, usize(2 * M2), usize(K4), VM_MMIO), Errno.EINVAL); // type
  assert.equal(ptProtect(root, usize(2 * M2), usize(K4), u32(7)), Errno.EINVAL); // W+X
  assert.equal(walk(root, 2 * M2).flags, VM_READ | VM_EXEC); // unchanged by the refusals
  assert.equal(ptProtect(root, usize(2 * M2), usize(K4), VM_RW), Errno.OK);
  assert.equal(walk(root, 2 * M2).raw, 0x5063n | XD);
});

Deno.test("x86_64 page_table: lookups honour R/W and XD of the upper levels", () => {
  const { root, alloc } = setup();
  ptUseNx(false);
  assert.equal(ptMap(root, usize(0), usize(0x9000), usize(K4), VM_RW, alloc), Errno.OK);
  ptUseNx(true);
  assert.equal(walk(root, 0).flags, VM_READ | VM_WRITE | VM_EXEC);
  // Clear R/W and set XD in the PML4 entry: the page becomes read-only and non-executable.
  machine.store(RAM, 8, BigInt(RAM + K4) | 0x21n | XD);
  assert.equal(walk(root, 0).flags, VM_READ);
  assert.equal(walk(root, 0).raw, 0x9063n);
  const w = walk(root, M2);
  assert.equal(w.present, false);
  assert.equal(w.level, 2); // stopped at the empty PD entry
  assert.equal(u64(w.raw), 0n);
});
