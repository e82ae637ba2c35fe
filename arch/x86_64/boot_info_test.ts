import assert from "node:assert/strict";
import { usize } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { BootInfo } from "../../kernel/boot/boot_info.ts";
import { BOOT_ERR_PVH_MAGIC } from "../../kernel/boot/boot_error.ts";
import { readBootInfo } from "./boot_info.ts";
import { buildPvh } from "../../kernel/testing/fixtures.ts";

Deno.test("x86_64 boot_info: bootArg is the hvm_start_info address", () => {
  const info = new BootInfo();
  machine.reset();
  machine.mapRam(0x6000, buildPvh(0x6000, { cmdline: "--x" }));
  assert.equal(readBootInfo(usize(0x6000), info), true);
  assert.equal(info.ramBytes, 0x9fc00n + 0x7f00000n);
  assert.equal(info.cmdlineLen, 3);

  machine.reset();
  machine.mapRam(0x6000, buildPvh(0x6000, { magic: 0 }));
  assert.equal(readBootInfo(usize(0x6000), info), false);
  assert.equal(info.error, BOOT_ERR_PVH_MAGIC);
});
