import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import {
  BOOT_ERR_RAM_OVERFLOW,
  BOOT_ERR_RANGE_WRAPS,
  BOOT_ERR_TOO_MANY_RAM,
  BOOT_ERR_TOO_MANY_RESERVED,
  BOOT_OK,
} from "./boot_error.ts";
import {
  BOOT_MAX_RANGES,
  bootAddRam,
  bootAddReserved,
  bootFail,
  BootInfo,
  bootInfoClear,
} from "./boot_info.ts";
import { ramRanges, reservedRanges } from "../testing/fixtures.ts";

Deno.test("boot_info: bootAddRam sums sizes, counts ranges, keeps the lowest base", () => {
  const info = new BootInfo();
  assert.equal(bootAddRam(info, u64(0x40000000n), u64(0x1000n)), BOOT_OK);
  assert.equal(bootAddRam(info, u64(0x1000n), u64(0x2000n)), BOOT_OK);
  assert.equal(bootAddRam(info, u64(0x80000000n), u64(0x3000n)), BOOT_OK);
  assert.equal(info.ramBytes, 0x6000n);
  assert.equal(info.ramRegions, 3);
  assert.equal(info.ramBase, 0x1000n);
  assert.deepEqual(ramRanges(info), [
    [0x40000000n, 0x1000n],
    [0x1000n, 0x2000n],
    [0x80000000n, 0x3000n],
  ]);
});

Deno.test("boot_info: a RAM range touching the previous one extends it; overlaps are kept", () => {
  const info = new BootInfo();
  assert.equal(bootAddRam(info, u64(0x100000n), u64(0x1000n)), BOOT_OK);
  assert.equal(bootAddRam(info, u64(0x101000n), u64(0x2000n)), BOOT_OK);
  assert.equal(bootAddRam(info, u64(0x102000n), u64(0x1000n)), BOOT_OK, "overlapping");
  assert.equal(info.ramRegions, 3);
  assert.equal(info.ramRangeCount, 2);
  assert.deepEqual(ramRanges(info), [[0x100000n, 0x3000n], [0x102000n, 0x1000n]]);
  assert.equal(info.ramBytes, 0x4000n, "the sum, overlaps included");
});

Deno.test("boot_info: bootAddRam refuses a total past 2^64 and leaves info as it was", () => {
  const info = new BootInfo();
  assert.equal(bootAddRam(info, u64(0n), u64(0xffffffffffffff00n)), BOOT_OK);
  assert.equal(bootAddRam(info, u64(0n), u64(0x100n)), BOOT_ERR_RAM_OVERFLOW);
  assert.equal(info.ramBytes, 0xffffffffffffff00n);
  assert.equal(info.ramRegions, 1);
  assert.equal(info.ramRangeCount, 1);
});

Deno.test("boot_info: a range wrapping past 2^64 is refused; one ending at 2^64 is not", () => {
  const info = new BootInfo();
  assert.equal(bootAddRam(info, u64(0xfffffffffffff000n), u64(0x2000n)), BOOT_ERR_RANGE_WRAPS);
  assert.equal(bootAddReserved(info, u64(0xfffffffffffff000n), u64(0x1001n)), BOOT_ERR_RANGE_WRAPS);
  assert.equal(info.ramRegions, 0);
  assert.equal(info.reservedCount, 0);
  assert.equal(bootAddRam(info, u64(0xfffffffffffff000n), u64(0x1000n)), BOOT_OK);
  assert.equal(bootAddRam(info, u64(0n), u64(0x1000n)), BOOT_OK, "0 does not touch 2^64");
  assert.equal(info.ramRangeCount, 2);
});

Deno.test("boot_info: more than BOOT_MAX_RANGES ranges of either kind is an error", () => {
  const info = new BootInfo();
  for (let i = 0; i < BOOT_MAX_RANGES; i++) {
    assert.equal(bootAddRam(info, u64(BigInt(i) * 0x10000n), u64(0x1000n)), BOOT_OK);
    assert.equal(bootAddReserved(info, u64(BigInt(i) * 0x10000n), u64(0x10n)), BOOT_OK);
  }
  assert.equal(bootAddRam(info, u64(0x1000000n), u64(0x1000n)), BOOT_ERR_TOO_MANY_RAM);
  assert.equal(bootAddReserved(info, u64(0x1000000n), u64(0x10n)), BOOT_ERR_TOO_MANY_RESERVED);
  assert.equal(info.ramRangeCount, BOOT_MAX_RANGES);
  assert.equal(info.reservedCount, BOOT_MAX_RANGES);
  // a range that extends the last one still fits
  const lastEnd = BigInt(BOOT_MAX_RANGES - 1) * 0x10000n + 0x1000n;
  assert.equal(bootAddRam(info, u64(lastEnd), u64(0x1000n)), BOOT_OK);
  assert.equal(bootAddReserved(info, u64(0n), u64(0n)), BOOT_OK, "size 0 adds nothing");
});

Deno.test("boot_info: bootFail records code and detail, bootInfoClear resets everything", () => {
  const info = new BootInfo();
  bootAddRam(info, u64(5n), u64(7n));
  bootAddReserved(info, u64(9n), u64(1n));
  assert.deepEqual(reservedRanges(info), [[9n, 1n]]);
  assert.equal(bootFail(info, u32(3), u64(42n)), 3);
  assert.equal(info.error, 3);
  assert.equal(info.errorDetail, 42n);
  bootInfoClear(info);
  assert.deepEqual({ ...info }, { ...new BootInfo() });
  assert.deepEqual(ramRanges(info), []);
  assert.equal(info.ramRangeBase.get(usize(0)), 0n);
  assert.equal(info.reservedBase.get(usize(0)), 0n);
});

Deno.test("boot_info: the range tables hold BOOT_MAX_RANGES entries", () => {
  const info = new BootInfo();
  for (const t of [info.ramRangeBase, info.ramRangeSize, info.reservedBase, info.reservedSize]) {
    assert.equal(t.length, BOOT_MAX_RANGES);
  }
});
