// The arch-neutral page-table walks, run over both formats (x86_64 and aarch64) on simulated
// RAM: block-or-page choice, the refusals that change nothing, ENOMEM's undo, unmap freeing
// emptied tables, splits (with break-before-make where the format needs it), protection,
// 1 GiB blocks read and counted, and the entry accessor's checks. The exact entry bits are the
// arch tests' (arch/<ARCH>/page_table_test.ts).

import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { Errno } from "../errno.ts";
import { ptUseNx, x86PtFormat } from "../../arch/x86_64/page_table.ts";
import { armPtFormat } from "../../arch/aarch64/page_table.ts";
import type { PtFormat } from "./pt_format.ts";
import { ptEntryLoad, ptEntryStore } from "./pt_entry.ts";
import { ptCreate, ptSplitFinish, walkCount, walkSplitStart } from "./page_walk.ts";
import { walkMap, walkProtect, walkUnmap } from "./page_range.ts";
import { K4, M2, ptCounts, ptFixture, ptWalk } from "./pt_fixture.ts";
import {
  PtCounts,
  PtSplit,
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
} from "./vm_flags.ts";

const RAM = 0x40000000;

const FORMATS: [string, () => PtFormat][] = [
  ["x86_64", x86PtFormat],
  ["aarch64", armPtFormat],
];

for (const [arch, format] of FORMATS) {
  const f = format();
  /** Table frames at RAM (garbage-filled), NX in use on x86_64. */
  const setup = (limit?: number) => {
    ptUseNx(true);
    return ptFixture(RAM, 0xa5, limit);
  };
  const map = (root: usize, va: number, pa: number, size: number, flags: u32, alloc = noFrames) =>
    walkMap(f, root, usize(va), usize(pa), usize(size), flags, alloc);
  const walk = (root: usize, va: number) => ptWalk(f, root, va);
  const counts = (root: usize) => ptCounts(f, root);

  Deno.test(`page_walk ${arch}: a 4 KiB page and its lookup; tables come zeroed`, () => {
    const { root, alloc } = setup();
    assert.equal(root, RAM);
    const va = 0x12345678000;
    assert.equal(map(root, va, 0x7000, K4, VM_RW, alloc), Errno.OK);
    const w = walk(root, va + 0x123);
    assert.equal(w.present, true);
    assert.equal(w.pa, 0x7123);
    assert.equal(w.level, 3);
    assert.equal(w.size, K4);
    assert.equal(w.flags, VM_READ | VM_WRITE);
    // Level indices 0x2, 0x8d, 0x2b, 0x78; tables from the allocator in order; the rest zero.
    assert.equal(machine.load(RAM + 0x2 * 8, 8) & f.addrMask, BigInt(RAM + K4));
    assert.equal(machine.load(RAM + 3 * K4 + 0x78 * 8, 8), w.raw);
    assert.equal(machine.load(RAM + 0x3 * 8, 8), 0n);
    assert.equal(machine.load(RAM + 3 * K4 + 0x79 * 8, 8), 0n);
    const next = walk(root, va + K4);
    assert.equal(next.present, false);
    assert.equal(next.level, 3);
    assert.deepEqual(counts(root), { tables: 4, blocks: 0, pages: 1 });
  });

  Deno.test(`page_walk ${arch}: flags round-trip through the format`, () => {
    const { root, alloc } = setup();
    const cases: [u32, number][] = [
      [VM_RO, VM_READ],
      [VM_RX, VM_READ | VM_EXEC],
      [VM_MMIO, VM_READ | VM_WRITE | VM_DEVICE],
      [u32(VM_RW | VM_NC), VM_READ | VM_WRITE | VM_NC],
    ];
    cases.forEach(([flags, back], i) => {
      assert.equal(map(root, 0x400000 + i * K4, 0x9000 + i * K4, K4, flags, alloc), Errno.OK);
      assert.equal(walk(root, 0x400000 + i * K4).flags, back, `flags ${flags}`);
    });
  });

  Deno.test(`page_walk ${arch}: 2 MiB blocks where va, pa and size allow, else pages`, () => {
    const { root, alloc } = setup();
    // 4 MiB + 8 KiB at aligned va/pa: two 2 MiB blocks and two 4 KiB pages.
    assert.equal(map(root, 0x40000000, 0x800000, 2 * M2 + 2 * K4, VM_RW, alloc), Errno.OK);
    let w = walk(root, 0x40000000 + M2 + 0x1234);
    assert.equal(w.level, 2);
    assert.equal(w.size, M2);
    assert.equal(w.pa, 0x800000 + M2 + 0x1234);
    assert.equal(w.flags, VM_READ | VM_WRITE);
    w = walk(root, 0x40000000 + 2 * M2 + K4);
    assert.equal(w.level, 3);
    assert.equal(w.pa, 0x800000 + 2 * M2 + K4);
    assert.deepEqual(counts(root), { tables: 4, blocks: 2, pages: 2 });
    // pa not 2 MiB-aligned: only 4 KiB pages.
    assert.equal(map(root, 0x80000000, 0x801000, M2, VM_RO, alloc), Errno.OK);
    assert.equal(walk(root, 0x80000000).level, 3);
    assert.deepEqual(counts(root), { tables: 6, blocks: 2, pages: 514 });
    // A table already linked where a block could go: pages into it.
    assert.equal(map(root, 0x40000000 + 2 * M2 + 2 * K4, 0, M2 - 2 * K4, VM_RO, alloc), 0);
    assert.equal(map(root, 0x40000000 + 3 * M2, 0, M2, VM_RO, alloc), Errno.OK);
    assert.equal(walk(root, 0x40000000 + 3 * M2).level, 2);
  });

  Deno.test(`page_walk ${arch}: refusals leave the tables unchanged`, () => {
    const { root, alloc } = setup();
    assert.equal(map(root, M2, M2, M2, VM_RW, alloc), Errno.OK);
    const before = counts(root);
    const end = Number(f.vaEnd);
    const bad: [number, number, number, u32, Errno][] = [
      [M2 + K4, 0x5000, K4, VM_RW, Errno.EEXIST], // inside the block
      [0, 0, 2 * M2, VM_RW, Errno.EEXIST], // overlaps it
      [0x10000, 0x5000, K4, u32(VM_WRITE | VM_EXEC | VM_READ), Errno.EINVAL], // W+X
      [0x10000, 0x5000, K4, VM_WRITE, Errno.EINVAL], // no VM_READ
      [0x10000, 0x5000, K4, u32(VM_RW | VM_USER), Errno.EINVAL], // user: reserved
      [0x10000, 0x5000, K4, u32(VM_MMIO | VM_NC), Errno.EINVAL],
      [0x10000, 0x5000, K4, u32(VM_DEVICE | VM_EXEC | VM_READ), Errno.EINVAL],
      [0x10000, 0x5000, K4, u32(0x43), Errno.EINVAL], // unknown bit
      [0x10800, 0x5000, K4, VM_RW, Errno.EINVAL], // misaligned va
      [0x10000, 0x5800, K4, VM_RW, Errno.EINVAL], // misaligned pa
      [0x10000, 0x5000, 0x800, VM_RW, Errno.EINVAL], // misaligned size
      [0x10000, 0x5000, 0, VM_RW, Errno.EINVAL], // empty
      [end - K4, 0x5000, 2 * K4, VM_RW, Errno.EINVAL], // past the virtual range
      [end, 0x5000, K4, VM_RW, Errno.EINVAL],
      [0x10000, Number(f.paEnd) - K4, 2 * K4, VM_RW, Errno.EINVAL], // past the physical range
    ];
    for (const [va, pa, size, flags, err] of bad) {
      assert.equal(map(root, va, pa, size, flags, alloc), err, `${va}`);
    }
    assert.deepEqual(counts(root), before);
    assert.equal(walk(root, 0x10000).present, false);
    assert.equal(walk(root, end).present, false);
    // The last page of the range is mappable.
    assert.equal(map(root, end - K4, 0, K4, VM_RO, alloc), Errno.OK);
    assert.equal(walk(root, end - K4).present, true);
  });

  Deno.test(`page_walk ${arch}: ENOMEM undoes the entries it wrote; a later map works`, () => {
    // Root + three tables: the second last-level table (the range crosses 2 MiB) is missing.
    const { root, alloc, state } = setup(4);
    const va = M2 - 2 * K4;
    assert.equal(map(root, va, 0x5000, 4 * K4, VM_RW, alloc), Errno.ENOMEM);
    for (let i = 0; i < 4; i++) assert.equal(walk(root, va + i * K4).present, false);
    assert.equal(counts(root).pages, 0);
    state.limit = 5;
    assert.equal(map(root, va, 0x5000, 4 * K4, VM_RW, alloc), Errno.OK);
    for (let i = 0; i < 4; i++) assert.equal(walk(root, va + i * K4).pa, 0x5000 + i * K4);
    // Out of frames for the very first table: nothing at all.
    const s = setup(1);
    assert.equal(map(s.root, 0, 0, M2, VM_RW, s.alloc), Errno.ENOMEM);
    assert.deepEqual(counts(s.root), { tables: 1, blocks: 0, pages: 0 });
    assert.equal(ptCreate(s.alloc), 0);
  });

  Deno.test(`page_walk ${arch}: unmap clears pages and blocks, frees emptied tables`, () => {
    const { root, alloc, free, state } = setup();
    assert.equal(map(root, M2, M2, M2 + 3 * K4, VM_RW, alloc), Errno.OK);
    const unmap = (va: number, size: number) => walkUnmap(f, root, usize(va), usize(size), free);
    assert.equal(unmap(2 * M2 + K4, K4), Errno.OK);
    assert.equal(walk(root, 2 * M2 + K4).present, false);
    assert.equal(walk(root, 2 * M2).present, true);
    assert.deepEqual(state.freed, []);
    // A range cutting the block is refused whole.
    assert.equal(unmap(M2 + K4, K4), Errno.EINVAL);
    assert.equal(unmap(0, M2 + K4), Errno.EINVAL);
    assert.equal(walk(root, M2).present, true);
    // Everything (with holes): the three tables below the root go back, the root stays.
    assert.equal(unmap(0, 8 * M2), Errno.OK);
    assert.equal(walk(root, M2).present, false);
    assert.deepEqual(state.freed, [RAM + 3 * K4, RAM + 2 * K4, RAM + K4]);
    assert.deepEqual(counts(root), { tables: 1, blocks: 0, pages: 0 });
    assert.equal(unmap(K4, 100), Errno.EINVAL);
    assert.equal(unmap(Number(f.vaEnd), K4), Errno.EINVAL);
  });

  Deno.test(`page_walk ${arch}: a split keeps all 512 translations`, () => {
    const { root, alloc, free } = setup();
    const va = 0x40000000, pa = 0x1000000;
    assert.equal(map(root, va, pa, M2, VM_RX, alloc), Errno.OK);
    const s = new PtSplit();
    assert.equal(walkSplitStart(f, root, usize(va + 0x5000), alloc, s), Errno.OK);
    assert.equal(s.pending, f.breakBeforeMake);
    assert.equal(s.va, va);
    // With break-before-make the block is unmapped until ptSplitFinish.
    const between = walk(root, va);
    assert.equal(between.present, !f.breakBeforeMake);
    assert.equal(between.level, f.breakBeforeMake ? 2 : 3);
    ptSplitFinish(s);
    assert.equal(s.pending, false);
    for (let i = 0; i < 512; i++) {
      const w = walk(root, va + i * K4);
      assert.equal(w.level, 3);
      assert.equal(w.pa, pa + i * K4);
      assert.equal(w.flags, VM_READ | VM_EXEC);
    }
    // A second split finds pages, not a block; unmapped addresses are ENOENT.
    assert.equal(walkSplitStart(f, root, usize(va), alloc, s), Errno.EINVAL);
    assert.equal(walkSplitStart(f, root, usize(0x80000000), alloc, s), Errno.ENOENT);
    assert.equal(walkSplitStart(f, root, f.vaEnd, alloc, s), Errno.EINVAL);
    // Now one page can go, and another be made read-only; the other 510 keep their rights.
    assert.equal(walkUnmap(f, root, usize(va + 7 * K4), usize(K4), free), Errno.OK);
    assert.equal(walkProtect(f, root, usize(va + 9 * K4), usize(K4), VM_RO), Errno.OK);
    for (let i = 0; i < 512; i++) {
      const w = walk(root, va + i * K4);
      if (i === 7) assert.equal(w.present, false);
      else if (i === 9) assert.equal(w.flags, VM_READ);
      else assert.equal(w.flags, VM_READ | VM_EXEC, `page ${i}`);
    }
  });

  Deno.test(`page_walk ${arch}: a split with no frame for the table changes nothing`, () => {
    const { root, alloc, state } = setup(4);
    assert.equal(map(root, 0, 0, M2, VM_RW, alloc), Errno.OK);
    assert.equal(state.next, 3);
    state.limit = 3;
    const s = new PtSplit();
    assert.equal(walkSplitStart(f, root, usize(K4), alloc, s), Errno.ENOMEM);
    assert.equal(s.pending, false);
    assert.equal(walk(root, K4).level, 2);
  });

  Deno.test(`page_walk ${arch}: protect rewrites rights, refuses holes, cuts, type changes`, () => {
    const { root, alloc } = setup();
    const protect = (va: number, size: number, flags: u32) =>
      walkProtect(f, root, usize(va), usize(size), flags);
    assert.equal(map(root, M2, M2, M2, VM_RW, alloc), Errno.OK);
    assert.equal(map(root, 2 * M2, 0x5000, 2 * K4, VM_RW, alloc), Errno.OK);
    assert.equal(protect(M2, M2 + 2 * K4, VM_RX), Errno.OK);
    assert.equal(walk(root, M2).flags, VM_READ | VM_EXEC);
    assert.equal(walk(root, M2).level, 2);
    assert.equal(walk(root, 2 * M2 + K4).flags, VM_READ | VM_EXEC);
    assert.equal(protect(M2, K4, VM_RO), Errno.EINVAL); // cuts the block
    assert.equal(protect(2 * M2, 3 * K4, VM_RO), Errno.ENOENT); // a hole
    assert.equal(protect(2 * M2, K4, VM_MMIO), Errno.EINVAL); // another memory type
    assert.equal(protect(2 * M2, K4, u32(7)), Errno.EINVAL); // W+X
    assert.equal(protect(2 * M2 + 1, K4, VM_RO), Errno.EINVAL); // misaligned
    assert.equal(walk(root, 2 * M2).flags, VM_READ | VM_EXEC); // unchanged by the refusals
    assert.equal(protect(2 * M2, K4, VM_RW), Errno.OK);
    assert.equal(walk(root, 2 * M2).flags, VM_READ | VM_WRITE);
    assert.equal(walk(root, 2 * M2).pa, 0x5000);
    // Device memory keeps its type through a protection change.
    assert.equal(map(root, 4 * M2, 0x9000, K4, VM_MMIO, alloc), Errno.OK);
    assert.equal(protect(4 * M2, K4, u32(VM_DEVICE | VM_READ)), Errno.OK);
    assert.equal(walk(root, 4 * M2).flags, VM_READ | VM_DEVICE);
  });

  Deno.test(`page_walk ${arch}: a 1 GiB block is translated and counted, never split`, () => {
    const { root, alloc } = setup();
    assert.equal(map(root, 0, 0, K4, VM_RW, alloc), Errno.OK); // links the level-1 table
    // The format's level-2 leaf encoding is a valid block at level 1 in both formats.
    const l1 = RAM + K4;
    ptEntryStore(usize(l1), usize(1), f.leafEntry(usize(0x80000000), VM_RO, u32(2)));
    const w = walk(root, 0x40000000 + 0x123456);
    assert.equal(w.present, true);
    assert.equal(w.level, 1);
    assert.equal(w.size, 0x40000000);
    assert.equal(w.pa, 0x80000000 + 0x123456);
    assert.equal(w.flags, VM_READ);
    const c = new PtCounts();
    walkCount(f, root, c);
    assert.deepEqual([c.tables, c.blocks, c.pages], [4, 0, 1]);
    assert.equal(walkSplitStart(f, root, usize(0x40000000), alloc, new PtSplit()), Errno.EINVAL);
    assert.equal(map(root, 0x40000000 + M2, 0, K4, VM_RW, alloc), Errno.EEXIST);
  });
}

Deno.test("page_walk: the entry accessor refuses indices and tables the walk never forms", () => {
  const { root } = ptFixture(RAM, 0);
  assert.equal(ptEntryLoad(root, usize(511)), u64(0n));
  assert.throws(() => ptEntryLoad(root, usize(512)), /unreachable/);
  assert.throws(() => ptEntryStore(usize(RAM + 8), usize(0), u64(1n)), /unreachable/);
  assert.throws(() => ptEntryLoad(usize(0), usize(0)), /unreachable/);
  assert.throws(() => ptCreate((_order: u32) => usize(RAM + 0x800)), /unreachable/);
});

function noFrames(_order: u32): usize {
  return usize(0);
}
