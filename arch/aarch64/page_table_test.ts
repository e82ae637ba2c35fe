// aarch64 descriptors on simulated RAM: the exact bits (Arm ARM DDI 0487 D8.3: table, block
// and page descriptors; AttrIndx, AP, SH, AF, PXN, UXN) of tables, pages, blocks, split pages
// and protection changes; break-before-make in a split; lookups that honour APTable and
// PXNTable, and reserved encodings. The walk's behaviour on both formats is
// kernel/mem/page_walk_test.ts's.

import assert from "node:assert/strict";
import { walkMap, walkProtect, walkUnmap } from "../../kernel/mem/page_range.ts";
import { u32, usize } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { Errno } from "../../kernel/errno.ts";
import { K4, M2, ptFixture, ptWalk } from "../../kernel/mem/pt_fixture.ts";
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
  ptSplitFinish,
  walkCount,
  walkLookup,
  walkSplitStart,
} from "../../kernel/mem/page_walk.ts";
import { armPtFormat, PT_VA_END } from "./page_table.ts";

const RAM = 0x40000000;
const PXN = 1n << 53n;
const UXN = 1n << 54n;
/** AF (10) | SH = Inner Shareable (9:8). */
const AF_SH = 0x700n;

const setup = (limit?: number) => ptFixture(RAM, 0x5a, limit);
const walk = (root: usize, va: number) => ptWalk(armPtFormat(), root, va);

Deno.test("aarch64 page_table: a page descriptor and its table descriptors", () => {
  const { root, alloc } = setup();
  const va = 0x12345678000; // indices: level 0 0x2, level 1 0x8d, level 2 0x2b, level 3 0x78
  assert.equal(
    walkMap(armPtFormat(), root, usize(va), usize(0x7000), usize(K4), VM_RW, alloc),
    Errno.OK,
  );
  const w = walk(root, va);
  // Page: bits[1:0] = 0b11, AttrIndx 0 (Normal WB), AP = 00 (EL1 RW), SH = 11, AF, PXN, UXN.
  assert.equal(w.raw, 0x7000n | 0x3n | AF_SH | PXN | UXN);
  // Table descriptors: 0b11 and the next table's address, nothing else.
  assert.equal(machine.load(RAM + 0x2 * 8, 8), BigInt(RAM + K4) | 0x3n);
  assert.equal(machine.load(RAM + K4 + 0x8d * 8, 8), BigInt(RAM + 2 * K4) | 0x3n);
  assert.equal(machine.load(RAM + 2 * K4 + 0x2b * 8, 8), BigInt(RAM + 3 * K4) | 0x3n);
  assert.equal(machine.load(RAM + 3 * K4 + 0x78 * 8, 8), w.raw);
});

Deno.test("aarch64 page_table: raw bits for read-only, executable, device and NC pages", () => {
  const { root, alloc } = setup();
  const cases: [u32, bigint, number][] = [
    [VM_RO, 0x80n | PXN | UXN, VM_READ], // AP[2] = 1
    [VM_RX, 0x80n | UXN, VM_READ | VM_EXEC], // PXN clear, UXN kept
    [VM_MMIO, 0x4n | PXN | UXN, VM_READ | VM_WRITE | VM_DEVICE], // AttrIndx 1
    [u32(VM_RW | VM_NC), 0x8n | PXN | UXN, VM_READ | VM_WRITE | VM_NC], // AttrIndx 2
  ];
  cases.forEach(([flags, bits, back], i) => {
    const va = 0x400000 + i * K4;
    const pa = 0x9000 + i * K4;
    assert.equal(
      walkMap(armPtFormat(), root, usize(va), usize(pa), usize(K4), flags, alloc),
      Errno.OK,
    );
    const w = new PtWalk();
    assert.equal(walkLookup(armPtFormat(), root, usize(va), w), true);
    assert.equal(w.raw, BigInt(pa) | 0x3n | AF_SH | bits, `flags ${flags}`);
    assert.equal(w.flags, back);
  });
});

Deno.test("aarch64 page_table: a block is 0b01; the whole 48-bit range is TTBR0's", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(armPtFormat(), root, usize(0x40000000), usize(0x800000), usize(M2), VM_RW, alloc),
    0,
  );
  const w = walk(root, 0x40000000);
  assert.equal(w.raw, 0x800000n | 0x1n | AF_SH | PXN | UXN); // block: 0b01
  assert.equal(PT_VA_END, 0x1000000000000);
  assert.equal(
    walkMap(armPtFormat(), root, usize(0xfffffffff000), usize(0), usize(K4), VM_RO, alloc),
    0,
  );
  assert.equal(walk(root, 0xfffffffff000).present, true);
  assert.equal(
    walkMap(armPtFormat(), root, PT_VA_END, usize(0), usize(K4), VM_RO, alloc),
    Errno.EINVAL,
  );
  // Output addresses past 48 bits are refused.
  const far = usize(0x1000000000000);
  assert.equal(
    walkMap(armPtFormat(), root, usize(0x10000), far, usize(K4), VM_RW, alloc),
    Errno.EINVAL,
  );
  const c = new PtCounts();
  walkCount(armPtFormat(), root, c);
  assert.deepEqual([c.tables, c.blocks, c.pages], [6, 1, 1]);
});

Deno.test("aarch64 page_table: a split is break-before-make, then 512 page descriptors", () => {
  const { root, alloc, free } = setup();
  const va = 0x40000000, pa = 0x1000000;
  assert.equal(
    walkMap(armPtFormat(), root, usize(va), usize(pa), usize(M2), VM_RX, alloc),
    Errno.OK,
  );
  const s = new PtSplit();
  assert.equal(walkSplitStart(armPtFormat(), root, usize(va + 0x5000), alloc, s), Errno.OK);
  assert.equal(s.pending, true);
  // Break: the block's descriptor is invalid until the caller's TLBI and ptSplitFinish.
  assert.equal(machine.load(RAM + 2 * K4, 8), 0n);
  assert.equal(walk(root, va).raw, 0n);
  ptSplitFinish(s);
  assert.equal(machine.load(RAM + 2 * K4, 8), BigInt(RAM + 3 * K4) | 0x3n);
  for (let i = 0; i < 512; i++) {
    const w = walk(root, va + i * K4);
    assert.equal(w.raw, BigInt(pa + i * K4) | 0x3n | AF_SH | 0x80n | UXN); // page: 0b11
  }
  assert.equal(walkUnmap(armPtFormat(), root, usize(va + 7 * K4), usize(K4), free), Errno.OK);
  assert.equal(walkProtect(armPtFormat(), root, usize(va + 9 * K4), usize(K4), VM_RW), Errno.OK);
  assert.equal(walk(root, va + 9 * K4).raw, BigInt(pa + 9 * K4) | 0x3n | AF_SH | PXN | UXN);
});

Deno.test("aarch64 page_table: protect rewrites AP and PXN, keeps AttrIndx", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(armPtFormat(), root, usize(M2), usize(M2), usize(M2), VM_RW, alloc),
    Errno.OK,
  );
  assert.equal(
    walkMap(armPtFormat(), root, usize(2 * M2), usize(0x5000), usize(2 * K4), VM_MMIO, alloc),
    0,
  );
  assert.equal(walkProtect(armPtFormat(), root, usize(M2), usize(M2), VM_RX), Errno.OK);
  assert.equal(walk(root, M2).raw, BigInt(M2) | 0x1n | AF_SH | 0x80n | UXN);
  assert.equal(walkProtect(armPtFormat(), root, usize(2 * M2), usize(K4), VM_RW), Errno.EINVAL); // type
  assert.equal(
    walkProtect(armPtFormat(), root, usize(2 * M2), usize(K4), u32(VM_DEVICE | VM_READ)),
    0,
  );
  assert.equal(walk(root, 2 * M2).raw, 0x5000n | 0x3n | AF_SH | 0x80n | 0x4n | PXN | UXN);
  assert.equal(walk(root, 2 * M2 + K4).flags, VM_READ | VM_WRITE | VM_DEVICE);
});

Deno.test("aarch64 page_table: lookups honour APTable and PXNTable, and reserved encodings", () => {
  const { root, alloc } = setup();
  assert.equal(
    walkMap(armPtFormat(), root, usize(0), usize(0x9000), usize(K4), VM_RX, alloc),
    Errno.OK,
  );
  assert.equal(
    walkMap(armPtFormat(), root, usize(K4), usize(0xa000), usize(K4), VM_RW, alloc),
    Errno.OK,
  );
  assert.equal(walk(root, 0).flags, VM_READ | VM_EXEC);
  // PXNTable (59) in the level-0 descriptor: nothing below executes at EL1.
  machine.store(RAM, 8, BigInt(RAM + K4) | 0x3n | (1n << 59n));
  assert.equal(walk(root, 0).flags, VM_READ);
  // APTable[1] (62): nothing below is writable.
  machine.store(RAM, 8, BigInt(RAM + K4) | 0x3n | (1n << 62n));
  assert.equal(walk(root, K4).flags, VM_READ);
  // 0b01 at level 3 is reserved: invalid.
  machine.store(RAM + 3 * K4 + 8, 8, 0xa000n | 0x1n | AF_SH);
  assert.equal(walk(root, K4).present, false);
  assert.equal(walk(root, K4).level, 3);
  // 0b01 at level 0 (no level-0 blocks with a 4 KiB granule) is invalid too.
  machine.store(RAM, 8, BigInt(RAM + K4) | 0x1n);
  assert.equal(walk(root, 0).present, false);
  assert.equal(walk(root, 0).level, 0);
});
