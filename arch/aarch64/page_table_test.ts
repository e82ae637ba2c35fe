// aarch64 page tables on simulated RAM: exact descriptor bits (Arm ARM DDI 0487 D8.3: table,
// block and page descriptors; AttrIndx, AP, SH, AF, PXN, UXN), lookups, blocks, splitting with
// break-before-make, unmapping, protection and the refusals.

import assert from "node:assert/strict";
import { u32, usize } from "../../kernel/int.ts";
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
} from "./page_table.ts";

const RAM = 0x40000000;
const FRAMES = 64;
const K4 = 0x1000;
const M2 = 0x200000;
const PXN = 1n << 53n;
const UXN = 1n << 54n;
/** AF (10) | SH = Inner Shareable (9:8). */
const AF_SH = 0x700n;

/** Simulated RAM full of garbage (tables must be zeroed by the page-table code) and a bump
 *  allocator over it that gives at most `limit` frames; freed frames are recorded. */
function setup(limit = FRAMES) {
  machine.reset();
  machine.mapRam(RAM, new Uint8Array(FRAMES * K4).fill(0x5a));
  const state = { next: 0, limit, freed: [] as number[] };
  const alloc = (_order: u32) => {
    if (state.next >= state.limit) return usize(0);
    state.next++;
    return usize(RAM + (state.next - 1) * K4);
  };
  const free = (pa: usize, _order: u32) => {
    state.freed.push(pa);
  };
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

Deno.test("aarch64 page_table: a 4 KiB page, its table descriptors and its lookup", () => {
  const { root, alloc } = setup();
  assert.equal(root, RAM);
  const va = 0x12345678000; // indices: level 0 0x2, level 1 0x8d, level 2 0x2b, level 3 0x78
  assert.equal(ptMap(root, usize(va), usize(0x7000), usize(K4), VM_RW, alloc), Errno.OK);
  const w = walk(root, va + 0x123);
  assert.equal(w.present, true);
  assert.equal(w.pa, 0x7123);
  assert.equal(w.level, 3);
  assert.equal(w.size, K4);
  assert.equal(w.flags, VM_READ | VM_WRITE);
  // Page: bits[1:0] = 0b11, AttrIndx 0 (Normal WB), AP = 00 (EL1 RW), SH = 11, AF, PXN, UXN.
  assert.equal(w.raw, 0x7000n | 0x3n | AF_SH | PXN | UXN);
  // Table descriptors: 0b11 and the next table's address, nothing else.
  assert.equal(machine.load(RAM + 0x2 * 8, 8), BigInt(RAM + K4) | 0x3n);
  assert.equal(machine.load(RAM + K4 + 0x8d * 8, 8), BigInt(RAM + 2 * K4) | 0x3n);
  assert.equal(machine.load(RAM + 2 * K4 + 0x2b * 8, 8), BigInt(RAM + 3 * K4) | 0x3n);
  assert.equal(machine.load(RAM + 3 * K4 + 0x78 * 8, 8), w.raw);
  assert.equal(machine.load(RAM + 0x3 * 8, 8), 0n); // the garbage was cleared
  assert.equal(machine.load(RAM + 3 * K4 + 0x79 * 8, 8), 0n);
  assert.equal(walk(root, va + K4).present, false);
  assert.deepEqual({ ...counts(root) }, { tables: 4, blocks: 0, pages: 1 });
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
    assert.equal(ptMap(root, usize(va), usize(pa), usize(K4), flags, alloc), Errno.OK);
    const w = walk(root, va);
    assert.equal(w.raw, BigInt(pa) | 0x3n | AF_SH | bits, `flags ${flags}`);
    assert.equal(w.flags, back);
  });
});

Deno.test("aarch64 page_table: 2 MiB blocks where va, pa and size allow, else pages", () => {
  const { root, alloc } = setup();
  assert.equal(
    ptMap(root, usize(0x40000000), usize(0x800000), usize(2 * M2 + 2 * K4), VM_RW, alloc),
    0,
  );
  let w = walk(root, 0x40000000 + M2 + 0x1234);
  assert.equal(w.level, 2);
  assert.equal(w.size, M2);
  assert.equal(w.pa, 0x800000 + M2 + 0x1234);
  assert.equal(w.raw, BigInt(0x800000 + M2) | 0x1n | AF_SH | PXN | UXN); // block: 0b01
  w = walk(root, 0x40000000 + 2 * M2 + K4);
  assert.equal(w.level, 3);
  assert.deepEqual({ ...counts(root) }, { tables: 4, blocks: 2, pages: 2 });
  assert.equal(ptMap(root, usize(0x80000000), usize(0x801000), usize(M2), VM_RO, alloc), 0);
  assert.equal(walk(root, 0x80000000).level, 3);
  assert.deepEqual({ ...counts(root) }, { tables: 6, blocks: 2, pages: 514 });
  // The whole 48-bit range is TTBR0's.
  assert.equal(ptMap(root, usize(0xfffffffff000), usize(0), usize(K4), VM_RO, alloc), 0);
  assert.equal(walk(root, 0xfffffffff000).present, true);
  assert.equal(ptMap(root, usize(0x1000000000000), usize(0), usize(K4), VM_RO, alloc), 22);
});

Deno.test("aarch64 page_table: refusals leave the tables unchanged", () => {
  const { root, alloc } = setup();
  assert.equal(ptMap(root, usize(M2), usize(M2), usize(M2), VM_RW, alloc), Errno.OK);
  const before = counts(root);
  const bad: [number, number, number, u32, Errno][] = [
    [M2 + K4, 0x5000, K4, VM_RW, Errno.EEXIST],
    [0, 0, 2 * M2, VM_RW, Errno.EEXIST],
    [0x10000, 0x5000, K4, u32(VM_WRITE | VM_EXEC | VM_READ), Errno.EINVAL],
    [0x10000, 0x5000, K4, u32(VM_RW | VM_USER), Errno.EINVAL],
    [0x10000, 0x5000, K4, u32(VM_DEVICE | VM_EXEC | VM_READ), Errno.EINVAL],
    [0x10800, 0x5000, K4, VM_RW, Errno.EINVAL],
    [0x10000, 0x1000000000000, K4, VM_RW, Errno.EINVAL], // output address past 48 bits
  ];
  for (const [va, pa, size, flags, err] of bad) {
    assert.equal(ptMap(root, usize(va), usize(pa), usize(size), flags, alloc), err, `${va}`);
  }
  assert.deepEqual(counts(root), before);
});

Deno.test("aarch64 page_table: ENOMEM undoes the entries it wrote; a later map succeeds", () => {
  const { root, alloc, state } = setup(4);
  const va = M2 - 2 * K4;
  assert.equal(ptMap(root, usize(va), usize(0x5000), usize(4 * K4), VM_RW, alloc), Errno.ENOMEM);
  for (let i = 0; i < 4; i++) assert.equal(walk(root, va + i * K4).present, false);
  state.limit = 5;
  assert.equal(ptMap(root, usize(va), usize(0x5000), usize(4 * K4), VM_RW, alloc), Errno.OK);
  for (let i = 0; i < 4; i++) assert.equal(walk(root, va + i * K4).pa, 0x5000 + i * K4);
});

Deno.test("aarch64 page_table: unmap clears pages and blocks and frees emptied tables", () => {
  const { root, alloc, free, state } = setup();
  assert.equal(ptMap(root, usize(M2), usize(M2), usize(M2 + 3 * K4), VM_RW, alloc), Errno.OK);
  assert.equal(ptUnmap(root, usize(M2 + K4), usize(K4), free), Errno.EINVAL); // cuts the block
  assert.equal(ptUnmap(root, usize(0), usize(8 * M2), free), Errno.OK);
  assert.equal(walk(root, M2).present, false);
  assert.deepEqual(state.freed, [RAM + 3 * K4, RAM + 2 * K4, RAM + K4]);
  assert.deepEqual({ ...counts(root) }, { tables: 1, blocks: 0, pages: 0 });
});

Deno.test("aarch64 page_table: a split is break-before-make, then keeps all 512 pages", () => {
  const { root, alloc, free } = setup();
  const va = 0x40000000, pa = 0x1000000;
  assert.equal(ptMap(root, usize(va), usize(pa), usize(M2), VM_RX, alloc), Errno.OK);
  const s = new PtSplit();
  assert.equal(ptSplitStart(root, usize(va + 0x5000), alloc, s), Errno.OK);
  assert.equal(s.pending, true);
  assert.equal(s.va, va);
  // Break: the block's descriptor is invalid until the caller's TLBI and ptSplitFinish.
  const broken = walk(root, va);
  assert.equal(broken.present, false);
  assert.equal(broken.level, 2);
  assert.equal(broken.raw, 0n);
  ptSplitFinish(s);
  assert.equal(s.pending, false);
  for (let i = 0; i < 512; i++) {
    const w = walk(root, va + i * K4);
    assert.equal(w.level, 3);
    assert.equal(w.raw, BigInt(pa + i * K4) | 0x3n | AF_SH | 0x80n | UXN); // page: 0b11
  }
  assert.equal(ptSplitStart(root, usize(va), alloc, s), Errno.EINVAL);
  assert.equal(ptSplitStart(root, usize(0x80000000), alloc, s), Errno.ENOENT);
  assert.equal(ptUnmap(root, usize(va + 7 * K4), usize(K4), free), Errno.OK);
  assert.equal(ptProtect(root, usize(va + 9 * K4), usize(K4), VM_RO), Errno.OK);
  for (let i = 0; i < 512; i++) {
    const w = walk(root, va + i * K4);
    if (i === 7) assert.equal(w.present, false);
    else if (i === 9) assert.equal(w.flags, VM_READ);
    else assert.equal(w.flags, VM_READ | VM_EXEC, `page ${i}`);
  }
});

Deno.test("aarch64 page_table: protect rewrites rights, refuses holes, cuts and type changes", () => {
  const { root, alloc } = setup();
  assert.equal(ptMap(root, usize(M2), usize(M2), usize(M2), VM_RW, alloc), Errno.OK);
  assert.equal(ptMap(root, usize(2 * M2), usize(0x5000), usize(2 * K4), VM_MMIO, alloc), 0);
  assert.equal(ptProtect(root, usize(M2), usize(M2), VM_RX), Errno.OK);
  assert.equal(walk(root, M2).raw, BigInt(M2) | 0x1n | AF_SH | 0x80n | UXN);
  assert.equal(ptProtect(root, usize(M2), usize(K4), VM_RO), Errno.EINVAL);
  assert.equal(ptProtect(root, usize(2 * M2), usize(3 * K4), u32(VM_DEVICE | VM_READ)), 2);
  assert.equal(ptProtect(root, usize(2 * M2), usize(K4), VM_RW), Errno.EINVAL); // type
  assert.equal(ptProtect(root, usize(2 * M2), usize(K4), u32(VM_DEVICE | VM_READ)), 0);
  assert.equal(walk(root, 2 * M2).raw, 0x5000n | 0x3n | AF_SH | 0x80n | 0x4n | PXN | UXN);
  assert.equal(walk(root, 2 * M2 + K4).flags, VM_READ | VM_WRITE | VM_DEVICE);
});

Deno.test("aarch64 page_table: lookups honour APTable and PXNTable, and reserved encodings", () => {
  const { root, alloc } = setup();
  assert.equal(ptMap(root, usize(0), usize(0x9000), usize(K4), VM_RX, alloc), Errno.OK);
  assert.equal(ptMap(root, usize(K4), usize(0xa000), usize(K4), VM_RW, alloc), Errno.OK);
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
});
