import assert from "node:assert/strict";
import { u32, u64 } from "../int.ts";
import { bootAddRam, bootFail, BootInfo, bootInfoClear } from "./boot_info.ts";

Deno.test("boot_info: bootAddRam sums sizes, counts ranges, keeps the lowest base", () => {
  const info = new BootInfo();
  assert.equal(bootAddRam(info, u64(0x40000000n), u64(0x1000n)), true);
  assert.equal(bootAddRam(info, u64(0x1000n), u64(0x2000n)), true);
  assert.equal(bootAddRam(info, u64(0x80000000n), u64(0x3000n)), true);
  assert.equal(info.ramBytes, 0x6000n);
  assert.equal(info.ramRegions, 3);
  assert.equal(info.ramBase, 0x1000n);
});

Deno.test("boot_info: bootAddRam refuses a total past 2^64 and leaves info as it was", () => {
  const info = new BootInfo();
  assert.equal(bootAddRam(info, u64(0n), u64(0xffffffffffffff00n)), true);
  assert.equal(bootAddRam(info, u64(0n), u64(0x100n)), false);
  assert.equal(info.ramBytes, 0xffffffffffffff00n);
  assert.equal(info.ramRegions, 1);
});

Deno.test("boot_info: bootFail records code and detail, bootInfoClear resets everything", () => {
  const info = new BootInfo();
  bootAddRam(info, u64(5n), u64(7n));
  assert.equal(bootFail(info, u32(3), u64(42n)), 3);
  assert.equal(info.error, 3);
  assert.equal(info.errorDetail, 42n);
  bootInfoClear(info);
  assert.deepEqual({ ...info }, { ...new BootInfo() });
});
