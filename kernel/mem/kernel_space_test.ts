// The kernel's address space from a synthetic machine: RAM with an image inside it, a guard
// page, device windows. Checked through lookups (flags, level) and the table counts, on x86_64
// (deno.json's @arch) and again in a child process with the aarch64 import map.

import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import { machine } from "../intrinsics.ts";
import { Errno } from "../errno.ts";
import { ARCH_NAME } from "@arch/mod.ts";
import { AddressSpace, vmInit, vmLookup } from "./vm.ts";
import { PtWalk, VM_DEVICE, VM_EXEC, VM_READ, VM_WRITE } from "./vm_flags.ts";
import { KernelImage, kernelSpaceBuild, KernelSpaceStats } from "./kernel_space.ts";

const FRAMES_AT = 0x7f00000;
const FRAMES = 64;
const K4 = 0x1000;
const M2 = 0x200000;
const RW = VM_READ | VM_WRITE;

function ranges(list: [number, number][]) {
  const base = new FixedArray<u64>(8, u64(0n));
  const size = new FixedArray<u64>(8, u64(0n));
  list.forEach(([b, s], i) => {
    base.set(usize(i), u64(BigInt(b)));
    size.set(usize(i), u64(BigInt(s)));
  });
  return [base.slice(usize(0), usize(list.length)), size.slice(usize(0), usize(list.length))];
}

function image(): KernelImage {
  const im = new KernelImage();
  im.textStart = usize(0x100000);
  im.textEnd = usize(0x105123); // not page-aligned: text's last page is rounded up
  im.rodataStart = usize(0x106000);
  im.rodataEnd = usize(0x108000);
  im.dataStart = usize(0x108000);
  im.dataEnd = usize(0x110000);
  im.guardStart = usize(0x10a000);
  im.guardEnd = usize(0x10b000);
  return im;
}

function build(
  im: KernelImage,
  ram: [number, number][],
  devices: [number, number][],
  limit = FRAMES,
) {
  machine.reset();
  machine.mapRam(FRAMES_AT, new Uint8Array(FRAMES * K4));
  machine.regs.set("msr 0xc0000080", 0x800n);
  let next = 0;
  const as = new AddressSpace();
  const alloc = (_o: u32) => next < limit ? usize(FRAMES_AT + K4 * next++) : usize(0);
  assert.equal(vmInit(as, alloc, (_p: usize, _o: u32) => {}), Errno.OK);
  const [rb, rs] = ranges(ram);
  const [db, ds] = ranges(devices);
  const stats = new KernelSpaceStats();
  const err = kernelSpaceBuild(as, im, rb, rs, db, ds, stats);
  return { as, stats, err };
}

function at(as: AddressSpace, va: number): PtWalk {
  const w = new PtWalk();
  vmLookup(as, usize(va), w);
  return w;
}

const RAM: [number, number][] = [[0, 0x9fc00], [0x100000, 0x7f00000]];
const DEVICES: [number, number][] = [[0xfec00000, 0x1000], [0xfee00000, 0x400], [
  0xc0000000,
  0x400000,
]];

Deno.test(`kernel_space (${ARCH_NAME}): image rights, guard, page 0, RAM blocks, devices`, () => {
  const { as, stats, err } = build(image(), RAM, DEVICES);
  assert.equal(err, Errno.OK);
  const expect: [number, number, number][] = [
    // [address, flags (0: unmapped), level]
    [0x0, 0, 0],
    [0xfff, 0, 0],
    [0x1000, RW, 3],
    [0x9e000, RW, 3],
    [0x9f000, 0, 0], // the partial last page of the first range
    [0xa0000, 0, 0], // the hole
    [0x100000, VM_READ | VM_EXEC, 3],
    [0x105000, VM_READ | VM_EXEC, 3],
    [0x106000, VM_READ, 3],
    [0x107fff, VM_READ, 3],
    [0x108000, RW, 3],
    [0x109fff, RW, 3],
    [0x10a000, 0, 3], // guard
    [0x10b000, RW, 3],
    [0x10f000, RW, 3],
    [0x110000, RW, 3], // RAM after the image, in the image's 2 MiB
    [0x200000, RW, 2], // blocks from here
    [0x7e00000, RW, 2],
    [0x7ffffff, RW, 2],
    [0x8000000, 0, 0],
    [0xfec00000, RW | VM_DEVICE, 3],
    [0xfec01000, 0, 3],
    [0xfee00000, RW | VM_DEVICE, 3],
    [0xc0000000, RW | VM_DEVICE, 2],
    [0xc0200000, RW | VM_DEVICE, 2],
    [0xc0400000, 0, 0],
  ];
  for (const [va, flags, level] of expect) {
    const w = at(as, va);
    assert.equal(w.present, flags !== 0, `0x${va.toString(16)} mapped`);
    if (flags !== 0) {
      assert.equal(w.flags, flags, `0x${va.toString(16)} flags`);
      assert.equal(w.level, level, `0x${va.toString(16)} level`);
      assert.equal(w.pa, va, "identity");
    }
  }
  // 158 + 240 RAM pages, 6 + 2 + 7 image pages, 2 device pages; 63 + 2 blocks; tables: root,
  // PDPT, PD 0, PT 0, PD 3, two device PTs.
  assert.deepEqual({ ...stats }, {
    ramRanges: 2,
    devices: 3,
    blocks: 65,
    pages: 415,
    tables: 7,
  });
});

Deno.test(`kernel_space (${ARCH_NAME}): a guard page in RAM mapped by a block is split out`, () => {
  const im = image();
  im.guardStart = usize(0x400000 + 3 * K4);
  im.guardEnd = usize(0x400000 + 4 * K4);
  const { as, stats, err } = build(im, RAM, []);
  assert.equal(err, Errno.OK);
  assert.equal(at(as, 0x403000).present, false);
  assert.equal(at(as, 0x402000).level, 3);
  assert.equal(at(as, 0x404000).flags, RW);
  assert.equal(at(as, 0x10a000).flags, RW); // the old guard place is ordinary data now
  assert.equal(stats.blocks, 62);
  assert.equal(stats.pages, 158 + 240 + 16 + 511);
});

Deno.test(`kernel_space (${ARCH_NAME}): refusals`, () => {
  let im = image();
  im.rodataStart = usize(0x106800);
  assert.equal(build(im, RAM, []).err, Errno.EINVAL); // misaligned
  im = image();
  im.rodataStart = usize(0x105000);
  assert.equal(build(im, RAM, []).err, Errno.EINVAL); // shares text's last page
  im = image();
  im.textStart = usize(0);
  assert.equal(build(im, RAM, []).err, Errno.EINVAL); // page 0
  assert.equal(build(image(), [[0x100000, 0x100000], [0x200000, M2]], []).err, Errno.OK);
  assert.equal(build(image(), [[0x100000, 0x100000], [0x1ff000, M2]], []).err, Errno.EEXIST);
  assert.equal(build(image(), RAM, [[0x400000, K4]]).err, Errno.EEXIST); // device in RAM
  assert.equal(build(image(), RAM, [], 3).err, Errno.ENOMEM);
  // A range past the mappable addresses is clipped, not refused.
  const huge = build(image(), [[0x100000, 0x200000], [0x7ffffffff000, 0x10000000]], []);
  assert.equal(huge.err, Errno.OK);
  assert.equal(at(huge.as, 0x7ffffffff000).present, true);
});

if (ARCH_NAME === "x86_64" && Deno.env.get("TSUKI_KS_TEST_CHILD") === undefined) {
  Deno.test("kernel_space: the same tests pass with the aarch64 page tables", async () => {
    const map = new URL("../testing/aarch64_import_map.json", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "-A", "--no-check", `--import-map=${map}`, new URL(import.meta.url).pathname],
      env: { TSUKI_KS_TEST_CHILD: "1", NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.success, true, text);
    assert.match(text, /kernel_space \(aarch64\): refusals \.\.\. ok/);
    assert.match(text, /ok \| 3 passed \| 0 failed/);
  });
}
