// x86_64 page-table entries on simulated RAM: the exact bits (Intel SDM vol.3 §4.5, Tables 4-15
// to 4-20) of table pointers, 4 KiB and 2 MiB pages, split pages and protection changes, the NX
// switch, and lookups that honour R/W and XD of upper levels. The walk's behaviour on both
// formats is kernel/mem/page_walk_test.ts's.

import assert from "node:assert/strict";
import { walkMap, walkProtect, walkUnmap } from "../../kernel/mem/page_range.ts";
import { u32, u64, usize } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { Errno } from "../../kernel/errno.ts";
import { K4, M2, ptCounts, ptFixture, ptWalk } from "../../kernel/mem/pt_fixture.ts";
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
  VM_WRITE,
} from "../../kernel/mem/vm_flags.ts";
import {
  ptCreate,
  ptSplitFinish,
  walkCount,
  walkLookup,
  walkSplitStart,
} from "../../kernel/mem/page_walk.ts";
import { PT_VA_END, ptUseNx, x86PtFormat } from "./page_table.ts";

const RAM = 0x200000;
const XD = 1n << 63n;

function setup(limit?: number) {
  ptUseNx(true);
  return ptFixture(RAM, 0xa5, limit);
}

const walk = (root: usize, va: number) => ptWalk(x86PtFormat(), root, va);

Deno.test("x86_64 page_table: a 4 KiB page's entry and its table pointers", () => {
  const { root, alloc } = setup();
  assert.equal(root, RAM);
  const va = 0x12345678000;
  assert.equal(
    walkMap(x86PtFormat(), root, usize(va), usize(0x7000), usize(K4), VM_RW, alloc),
    Errno.OK,
  );
  // P | R/W | A | D | XD, address 0x7000.
  assert.equal(walk(root, va).raw, 0x7000n | 0x63n | XD);
  // Table pointers: P | R/W | A with the next table's address; PML4 index 0x2, PDPT 0x8d,
  // PD 0x2b, PT 0x78 for 0x12345678000. Tables came from the allocator in order.
  assert.equal(machine.load(RAM + 0x2 * 8, 8), BigInt(RAM + K4) | 0x23n);
  assert.equal(machine.load(RAM + K4 + 0x8d * 8, 8), BigInt(RAM + 2 * K4) | 0x23n);
  assert.equal(machine.load(RAM + 2 * K4 + 0x2b * 8, 8), BigInt(RAM + 3 * K4) | 0x23n);
  assert.equal(machine.load(RAM + 3 * K4 + 0x78 * 8, 8), 0x7063n | XD);
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
    assert.equal(
      walkMap(x86PtFormat(), root, usize(va), usize(pa), usize(K4), flags, alloc),
      Errno.OK,
    );
    const w = new PtWalk();
    assert.equal(walkLookup(x86PtFormat(), root, usize(va), w), true);
    assert.equal(w.raw, BigInt(pa) | bits, `flags ${flags}`);
    assert.equal(w.flags, back);
  });
});

Deno.test("x86_64 page_table: without NX the XD bit is never set and pages execute", () => {
  const { root, alloc } = setup();
  ptUseNx(false);
  assert.equal(
    walkMap(x86PtFormat(), root, usize(0x1000), usize(0x1000), usize(K4), VM_RW, alloc),
    Errno.OK,
  );
  const w = walk(root, 0x1000);
  assert.equal(w.raw, 0x1063n);
  assert.equal(w.flags, VM_READ | VM_WRITE | VM_EXEC);
  ptUseNx(true);
});

Deno.test("x86_64 page_table: a 2 MiB page has PS; the lower canonical half only", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(x86PtFormat(), root, usize(0x40000000), usize(0x800000), usize(M2), VM_RW, alloc),
    0,
  );
  assert.equal(walk(root, 0x40000000).raw, 0x800000n | 0xe3n | XD); // PS (7) set
  assert.equal(PT_VA_END, 0x800000000000);
  assert.equal(
    walkMap(x86PtFormat(), root, PT_VA_END, usize(0), usize(K4), VM_RO, alloc),
    Errno.EINVAL,
  );
  // Physical addresses up to 2^52.
  assert.equal(
    walkMap(x86PtFormat(), root, usize(0), usize(2 ** 52 - K4), usize(K4), VM_RO, alloc),
    Errno.OK,
  );
  assert.equal(
    walkMap(x86PtFormat(), root, usize(K4), usize(2 ** 52), usize(K4), VM_RO, alloc),
    Errno.EINVAL,
  );
  const c = ptCounts(x86PtFormat(), root);
  assert.deepEqual(c, { tables: 5, blocks: 1, pages: 1 });
});

Deno.test("x86_64 page_table: a split replaces the PD entry in one store, bits kept", () => {
  const { root, alloc, free } = setup();
  const va = 0x40000000, pa = 0x1000000;
  assert.equal(
    walkMap(x86PtFormat(), root, usize(va), usize(pa), usize(M2), VM_RW, alloc),
    Errno.OK,
  );
  const s = new PtSplit();
  assert.equal(walkSplitStart(x86PtFormat(), root, usize(va + 0x5000), alloc, s), Errno.OK);
  assert.equal(s.pending, false); // one store: no break-before-make on x86
  // The PD entry is the new table's pointer already.
  assert.equal(machine.load(RAM + 2 * K4, 8), BigInt(RAM + 3 * K4) | 0x23n);
  ptSplitFinish(s); // a no-op
  for (let i = 0; i < 512; i++) {
    assert.equal(walk(root, va + i * K4).raw, BigInt(pa + i * K4) | 0x63n | XD);
  }
  assert.equal(walkUnmap(x86PtFormat(), root, usize(va + 7 * K4), usize(K4), free), Errno.OK);
  assert.equal(walkProtect(x86PtFormat(), root, usize(va + 9 * K4), usize(K4), VM_RO), Errno.OK);
  assert.equal(walk(root, va + 9 * K4).raw, BigInt(pa + 9 * K4) | 0x61n | XD);
});

Deno.test("x86_64 page_table: the PAT bit moves from bit 12 to bit 7 in a split", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(x86PtFormat(), root, usize(0), usize(M2), usize(M2), VM_RW, alloc),
    Errno.OK,
  );
  // Set PAT (bit 12) in the 2 MiB entry by hand: the lookup still sees the same address.
  const pd = RAM + 2 * K4;
  machine.store(pd, 8, machine.load(pd, 8) | 0x1000n);
  assert.equal(walk(root, K4).pa, M2 + K4);
  assert.equal(walkSplitStart(x86PtFormat(), root, usize(K4), alloc, new PtSplit()), Errno.OK);
  assert.equal(walk(root, K4).raw, BigInt(M2 + K4) | 0x63n | 0x80n | XD);
});

Deno.test("x86_64 page_table: protect rewrites the R/W and XD bits of blocks and pages", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(x86PtFormat(), root, usize(M2), usize(M2), usize(M2), VM_RW, alloc),
    Errno.OK,
  );
  assert.equal(
    walkMap(x86PtFormat(), root, usize(2 * M2), usize(0x5000), usize(2 * K4), VM_RW, alloc),
    Errno.OK,
  );
  assert.equal(walkProtect(x86PtFormat(), root, usize(M2), usize(M2 + 2 * K4), VM_RX), Errno.OK);
  assert.equal(walk(root, M2).raw, BigInt(M2) | 0xe1n); // P A D PS, no R/W, no XD
  assert.equal(walk(root, 2 * M2 + K4).raw, 0x6061n);
  assert.equal(walkProtect(x86PtFormat(), root, usize(2 * M2), usize(K4), VM_RW), Errno.OK);
  assert.equal(walk(root, 2 * M2).raw, 0x5063n | XD);
});

Deno.test("x86_64 page_table: lookups honour R/W and XD of the upper levels", () => {
  const { root, alloc } = setup();
  ptUseNx(false);
  assert.equal(
    walkMap(x86PtFormat(), root, usize(0), usize(0x9000), usize(K4), VM_RW, alloc),
    Errno.OK,
  );
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
  // A PML4 entry with PS set is not a leaf (PS is reserved there): the walk goes on.
  machine.store(RAM, 8, BigInt(RAM + K4) | 0xa3n);
  assert.equal(walk(root, 0).level, 3);
});

Deno.test("x86_64 page_table: walkCount counts what the walk finds", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(x86PtFormat(), root, usize(0), usize(0), usize(M2 + K4), VM_RO, alloc),
    Errno.OK,
  );
  const c = new PtCounts();
  walkCount(x86PtFormat(), root, c);
  assert.deepEqual([c.tables, c.blocks, c.pages], [4, 1, 1]);
  assert.equal(ptCreate(alloc), RAM + 4 * K4);
});
