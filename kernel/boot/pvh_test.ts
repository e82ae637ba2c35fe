import assert from "node:assert/strict";
import { usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { BootInfo } from "./boot_info.ts";
import {
  BOOT_ERR_NO_RAM,
  BOOT_ERR_PVH_ADDR,
  BOOT_ERR_PVH_CMDLINE,
  BOOT_ERR_PVH_MAGIC,
  BOOT_ERR_PVH_NO_MEMMAP,
  BOOT_ERR_PVH_RANGE,
  BOOT_ERR_PVH_TOO_MANY,
  BOOT_ERR_PVH_VERSION,
  BOOT_ERR_RAM_OVERFLOW,
  BOOT_ERR_RANGE_WRAPS,
  BOOT_ERR_TOO_MANY_RAM,
  BOOT_OK,
} from "./boot_error.ts";
import { pvhRead } from "./pvh.ts";
import { buildPvh, type PvhOptions, ramRanges, reservedRanges } from "../testing/fixtures.ts";

const BASE = 0x10000;
const info = new BootInfo();

function read(opts: PvhOptions): number {
  machine.reset();
  machine.mapRam(BASE, buildPvh(BASE, opts));
  return pvhRead(usize(BASE), info);
}

function cmdlineText(): string {
  let s = "";
  for (let i = 0; i < info.cmdlineLen; i++) {
    s += String.fromCharCode(Number(machine.load(info.cmdlineAddr + i, 1)));
  }
  return s;
}

Deno.test("pvh: QEMU's -m 128M map sums its two RAM entries", () => {
  assert.equal(read({ cmdline: "--bootchart --env=A=B" }), BOOT_OK);
  assert.equal(info.error, BOOT_OK);
  assert.equal(info.ramBytes, 0x9fc00n + 0x7f00000n);
  assert.equal(info.ramRegions, 2);
  assert.equal(info.ramBase, 0n);
  assert.equal(info.rsdpAddr, 0xf5a30n);
  assert.equal(info.cmdlineAddr, BASE + 0x1000);
  assert.equal(info.cmdlineLen, 21);
  assert.equal(cmdlineText(), "--bootchart --env=A=B");
});

Deno.test("pvh: no command line (paddr 0) and an empty one both give length 0", () => {
  assert.equal(read({}), BOOT_OK);
  assert.equal(info.cmdlineLen, 0);
  assert.equal(read({ cmdline: "" }), BOOT_OK);
  assert.equal(info.cmdlineLen, 0);
  assert.equal(info.cmdlineAddr, BASE + 0x1000);
});

Deno.test("pvh: RAM above 4 GiB and the lowest base are kept in 64 bits", () => {
  const memmap = [
    { addr: 0x100000000n, size: 0x180000000n, type: 1 },
    { addr: 0x1000n, size: 0x9e000n, type: 1 },
    { addr: 0xfeffc000n, size: 0x4000n, type: 2 },
    { addr: 0x200000n, size: 0n, type: 1 },
  ];
  assert.equal(read({ memmap }), BOOT_OK);
  assert.equal(info.ramBytes, 0x180000000n + 0x9e000n);
  assert.equal(info.ramRegions, 2, "a zero-size RAM entry is not a range");
  assert.equal(info.ramBase, 0x1000n);
});

Deno.test("pvh: a bad magic is reported with the value found", () => {
  assert.equal(read({ magic: 0x12345678 }), BOOT_ERR_PVH_MAGIC);
  assert.equal(info.error, BOOT_ERR_PVH_MAGIC);
  assert.equal(info.errorDetail, 0x12345678n);
});

Deno.test("pvh: version 0 has no memory map", () => {
  assert.equal(read({ version: 0 }), BOOT_ERR_PVH_VERSION);
});

Deno.test("pvh: a missing or empty memory map is an error", () => {
  assert.equal(read({ memmapPaddr: 0n }), BOOT_ERR_PVH_NO_MEMMAP);
  assert.equal(read({ entries: 0 }), BOOT_ERR_PVH_NO_MEMMAP);
});

Deno.test("pvh: more than 128 entries is an error, 128 is not", () => {
  const memmap = Array.from({ length: 128 }, (_, i) => ({
    addr: BigInt(i) * 0x1000n,
    size: 0x1000n,
    type: 1,
  }));
  assert.equal(read({ memmap }), BOOT_OK);
  assert.equal(info.ramRegions, 128);
  assert.equal(info.ramBytes, 128n * 0x1000n);

  assert.equal(read({ entries: 129 }), BOOT_ERR_PVH_TOO_MANY);
  assert.equal(info.errorDetail, 129n);
  assert.equal(read({ entries: 0xffffffff }), BOOT_ERR_PVH_TOO_MANY);
});

Deno.test("pvh: a map without RAM is an error", () => {
  assert.equal(read({ memmap: [{ addr: 0n, size: 0x1000n, type: 2 }] }), BOOT_ERR_NO_RAM);
});

Deno.test("pvh: a RAM total past 2^64 is an error, not a wrap", () => {
  const memmap = [
    { addr: 0n, size: 0x8000000000000000n, type: 1 },
    { addr: 0n, size: 0x8000000000000000n, type: 1 },
  ];
  assert.equal(read({ memmap }), BOOT_ERR_RAM_OVERFLOW);
  assert.equal(info.errorDetail, 1n, "the entry that overflowed");
});

Deno.test("pvh: addresses a usize cannot hold are errors, not panics", () => {
  assert.equal(read({ memmapPaddr: 1n << 60n }), BOOT_ERR_PVH_RANGE);
  assert.equal(
    read({ memmapPaddr: (1n << 53n) - 8n }),
    BOOT_ERR_PVH_RANGE,
    "map would end past 2^53",
  );
  assert.equal(read({ cmdline: "x", cmdlinePaddr: 0xffffffffffffffffn }), BOOT_ERR_PVH_RANGE);
  assert.equal(pvhRead(usize(0), info), BOOT_ERR_PVH_ADDR);
  assert.equal(pvhRead(usize(2 ** 53 - 10), info), BOOT_ERR_PVH_ADDR);
});

Deno.test("pvh: a command line without a NUL in 4096 bytes is an error", () => {
  machine.reset();
  machine.mapRam(BASE, buildPvh(BASE, { cmdlinePaddr: 0x80000n }));
  machine.mapRam(0x80000, new Uint8Array(4096).fill(0x61));
  assert.equal(pvhRead(usize(BASE), info), BOOT_ERR_PVH_CMDLINE);
  // 4095 bytes and a NUL fit.
  machine.reset();
  machine.mapRam(BASE, buildPvh(BASE, { cmdlinePaddr: 0x80000n }));
  const line = new Uint8Array(4096).fill(0x61);
  line[4095] = 0;
  machine.mapRam(0x80000, line);
  assert.equal(pvhRead(usize(BASE), info), BOOT_OK);
  assert.equal(info.cmdlineLen, 4095);
});

Deno.test("pvh: reserved are the low 1 MiB, start_info, the memory map and the command line", () => {
  assert.equal(read({ cmdline: "--x" }), BOOT_OK);
  assert.deepEqual(reservedRanges(info), [
    [0n, 0x100000n],
    [BigInt(BASE), 56n],
    [BigInt(BASE + 0x100), 4n * 24n],
    [BigInt(BASE + 0x1000), 4n],
  ]);
  assert.deepEqual(ramRanges(info), [[0n, 0x9fc00n], [0x100000n, 0x7f00000n]]);
  assert.equal(read({}), BOOT_OK);
  assert.equal(info.reservedCount, 3, "no command line, nothing to reserve for it");
});

Deno.test("pvh: touching RAM entries merge; more than 32 separate ones is an error", () => {
  const memmap = Array.from({ length: 33 }, (_, i) => ({
    addr: BigInt(i) * 0x20000n,
    size: 0x10000n,
    type: i === 5 ? 2 : 1,
  }));
  assert.equal(read({ memmap }), BOOT_OK, "32 RAM entries and one of type 2");
  assert.equal(info.ramRangeCount, 32);
  memmap[5].type = 1;
  assert.equal(read({ memmap }), BOOT_ERR_TOO_MANY_RAM);
  assert.equal(info.errorDetail, 32n, "the index of the entry that did not fit");
  const touching = [
    { addr: 0x100000n, size: 0x100000n, type: 1 },
    { addr: 0x200000n, size: 0x100000n, type: 1 },
    { addr: 0x180000n, size: 0x1000n, type: 1 },
  ];
  assert.equal(read({ memmap: touching }), BOOT_OK);
  assert.deepEqual(ramRanges(info), [[0x100000n, 0x200000n], [0x180000n, 0x1000n]], "overlap kept");
  assert.equal(info.ramRegions, 3);
});

Deno.test("pvh: a RAM entry wrapping past 2^64 is an error", () => {
  const memmap = [{ addr: 0xfffffffffff00000n, size: 0x200000n, type: 1 }];
  assert.equal(read({ memmap }), BOOT_ERR_RANGE_WRAPS);
  assert.equal(info.errorDetail, 0n);
});
