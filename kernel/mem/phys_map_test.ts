import assert from "node:assert/strict";
import { u64, usize } from "../int.ts";
import { bootAddRam, bootAddReserved, BootInfo, bootInfoClear } from "../boot/boot_info.ts";
import { BOOT_OK } from "../boot/boot_error.ts";
import {
  PHYS_LIMIT,
  PHYS_MAP_ERR_NO_MEMORY,
  PHYS_MAP_ERR_TOO_MANY,
  PHYS_MAP_MAX,
  PHYS_MAP_OK,
  PhysMap,
  physMapBuild,
} from "./phys_map.ts";

const info = new BootInfo();
const map = new PhysMap();

/** A BootInfo with these RAM and reserved [base, size] ranges. */
function boot(
  ram: [number | bigint, number | bigint][],
  reserved: [number | bigint, number | bigint][] = [],
): BootInfo {
  bootInfoClear(info);
  for (const [b, s] of ram) assert.equal(bootAddRam(info, u64(BigInt(b)), u64(BigInt(s))), BOOT_OK);
  for (const [b, s] of reserved) {
    assert.equal(bootAddReserved(info, u64(BigInt(b)), u64(BigInt(s))), BOOT_OK);
  }
  return info;
}

/** The free ranges of map as [start, end) pairs. */
function ranges(m: PhysMap): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < m.count; i++) {
    out.push([m.base.get(usize(i)), m.base.get(usize(i)) + m.size.get(usize(i))]);
  }
  return out;
}

function build(image: [number, number] = [0, 0]): boolean {
  return physMapBuild(info, usize(image[0]), usize(image[1]), map);
}

Deno.test("phys_map: one range minus the image at its start, middle and end", () => {
  boot([[0x100000, 0x400000]]);
  assert.equal(build([0x100000, 0x180000]), true);
  assert.deepEqual(ranges(map), [[0x180000, 0x500000]]);
  assert.equal(build([0x200000, 0x280000]), true);
  assert.deepEqual(ranges(map), [[0x100000, 0x200000], [0x280000, 0x500000]]);
  assert.equal(build([0x480000, 0x500000]), true);
  assert.deepEqual(ranges(map), [[0x100000, 0x480000]]);
  assert.equal(map.ramBytes, 0x400000n);
  assert.equal(map.freeBytes, 0x380000n);
  assert.equal(map.reservedBytes, 0x80000n);
  assert.equal(map.error, PHYS_MAP_OK);
  assert.equal(build([0x0, 0x10000]), true, "an image outside RAM changes nothing");
  assert.deepEqual(ranges(map), [[0x100000, 0x500000]]);
  assert.equal(map.reservedBytes, 0n);
});

Deno.test("phys_map: unsorted, overlapping and touching RAM becomes sorted disjoint ranges", () => {
  boot([[0x800000, 0x100000], [0x100000, 0x100000], [0x180000, 0x100000], [0x280000, 0x80000], [
    0x900000,
    0x1000,
  ]]);
  assert.equal(build(), true);
  assert.deepEqual(ranges(map), [[0x100000, 0x300000], [0x800000, 0x901000]]);
  assert.equal(map.ramBytes, 0x200000n + 0x101000n, "overlapping bytes counted once");
  assert.equal(map.reservedBytes, 0n);
});

Deno.test("phys_map: overlapping reservations count once, and only inside RAM", () => {
  boot([[0x100000, 0x100000]], [[0x0, 0x110000], [0x108000, 0x10000], [0x1f0000, 0x100000]]);
  assert.equal(build([0x10c000, 0x120000]), true);
  assert.deepEqual(ranges(map), [[0x120000, 0x1f0000]]);
  assert.equal(map.reservedBytes, 0x20000n + 0x10000n);
  assert.equal(map.freeBytes + map.reservedBytes, map.ramBytes);
});

Deno.test("phys_map: sub-page fragments are dropped and counted as reserved", () => {
  boot([[0x100800, 0x2000], [0x200000, 0x1800], [0x300000, 0xfff]], [[0x200c00, 0x10]]);
  assert.equal(build(), true);
  assert.deepEqual(ranges(map), [[0x101000, 0x102000]]);
  assert.equal(map.freeBytes, 0x1000n);
  assert.equal(map.ramBytes, 0x2000n + 0x1800n + 0xfffn);
  assert.equal(map.reservedBytes, map.ramBytes - 0x1000n);
});

Deno.test("phys_map: RAM above 2^52 is ignored and counted as reserved", () => {
  boot([[0x100000, 0x100000], [BigInt(PHYS_LIMIT) - 0x2000n, 0x5000n], [1n << 60n, 1n << 40n]]);
  assert.equal(build(), true);
  assert.deepEqual(ranges(map), [[0x100000, 0x200000], [PHYS_LIMIT - 0x2000, PHYS_LIMIT]]);
  assert.equal(map.ramBytes, 0x100000n + 0x5000n + (1n << 40n));
  assert.equal(map.reservedBytes, 0x3000n + (1n << 40n));
  boot([[0xfffffffffffff000n, 0x1000n]]);
  assert.equal(build(), false, "only RAM above the limit: nothing usable");
  assert.equal(map.error, PHYS_MAP_ERR_NO_MEMORY);
});

Deno.test("phys_map: nothing usable and too many ranges are errors", () => {
  boot([[0x100000, 0x1000]], [[0x100000, 0x1000]]);
  assert.equal(build(), false);
  assert.equal(map.error, PHYS_MAP_ERR_NO_MEMORY);
  assert.equal(map.count, 0);

  // 32 RAM ranges, each cut in three by a reservation: 64 fit, one more split does not.
  const ram: [number, number][] = [];
  const rsv: [number, number][] = [];
  for (let i = 0; i < 32; i++) {
    ram.push([0x1000000 * (i + 1), 0x100000]);
    if (i < 31) rsv.push([0x1000000 * (i + 1) + 0x80000, 0x1000]);
  }
  boot(ram, rsv);
  assert.equal(build(), true);
  assert.equal(map.count, 63);
  assert.equal(build([0x20040000, 0x20041000]), true, "the 64th range");
  assert.equal(map.count, PHYS_MAP_MAX);
  boot(ram, [...rsv, [0x20040000, 0x1000]]);
  assert.equal(build([0x1f040000, 0x1f041000]), false);
  assert.equal(map.error, PHYS_MAP_ERR_TOO_MANY);
});

Deno.test("phys_map: the tables hold PHYS_MAP_MAX ranges", () => {
  assert.equal(map.base.length, PHYS_MAP_MAX);
  assert.equal(map.size.length, PHYS_MAP_MAX);
});
