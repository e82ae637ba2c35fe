import assert from "node:assert/strict";
import { u32, usize } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { BootInfo } from "../../kernel/boot/boot_info.ts";
import { BOOT_ERR_FDT_MAGIC, BOOT_ERR_FDT_VERSION } from "../../kernel/boot/boot_error.ts";
import { readBootInfo, VIRT_DTB_ADDR } from "./boot_info.ts";
import { powerOff } from "./power.ts";
import { runToExit, setupAarch64 } from "../../kernel/testing/devices.ts";
import { virtLikeFdt } from "../../kernel/testing/fixtures.ts";

const VIRT = Deno.readFileSync(new URL("../../kernel/boot/testdata/virt.dtb", import.meta.url));

Deno.test("aarch64 boot_info: bootArg 0 means the DTB at 0x40000000", () => {
  setupAarch64();
  machine.mapRam(VIRT_DTB_ADDR, VIRT.slice());
  const info = new BootInfo();
  assert.equal(readBootInfo(usize(0), info), true);
  assert.equal(info.dtbAddr, 0x40000000);
  assert.equal(info.ramBytes, 128n << 20n);
});

Deno.test("aarch64 boot_info: a nonzero bootArg is the DTB's address", () => {
  setupAarch64();
  machine.mapRam(0x48000000, virtLikeFdt(1n << 30n, "x"));
  const info = new BootInfo();
  assert.equal(readBootInfo(usize(0x48000000), info), true);
  assert.equal(info.dtbAddr, 0x48000000);
  assert.equal(info.ramBytes, 1n << 30n);
});

Deno.test("aarch64 boot_info: a bad blob is an error value, and a failure status still exits", () => {
  const { firmware } = setupAarch64();
  const blob = VIRT.slice();
  new DataView(blob.buffer).setUint32(20, 1); // version 1: rejected
  machine.mapRam(VIRT_DTB_ADDR, blob);
  const info = new BootInfo();
  assert.equal(readBootInfo(usize(0), info), false);
  assert.equal(info.error, BOOT_ERR_FDT_VERSION);
  assert.equal(runToExit(() => powerOff(u32(1))), 1);
  assert.deepEqual(firmware.semihostExits, [1]);
});

Deno.test("aarch64 boot_info: no magic is an error value", () => {
  setupAarch64();
  machine.mapRam(VIRT_DTB_ADDR, new Uint8Array(4096));
  const info = new BootInfo();
  assert.equal(readBootInfo(usize(0), info), false);
  assert.equal(info.error, BOOT_ERR_FDT_MAGIC);
});
