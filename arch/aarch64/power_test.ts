import assert from "node:assert/strict";
import { u32 } from "../../kernel/int.ts";
import { powerOff } from "./power.ts";
import { runToExit, setupAarch64 } from "../../kernel/testing/devices.ts";

Deno.test("aarch64 power: status 0 uses PSCI SYSTEM_OFF only", () => {
  const { firmware } = setupAarch64();
  assert.equal(runToExit(() => powerOff(u32(0))), 0);
  assert.deepEqual(firmware.psciCalls, [0x84000008]);
  assert.deepEqual(firmware.semihostExits, []);
});

Deno.test("aarch64 power: a failure status goes through semihosting SYS_EXIT", () => {
  const { firmware } = setupAarch64();
  assert.equal(runToExit(() => powerOff(u32(1))), 1);
  assert.equal(runToExit(() => powerOff(u32(0xdeadbeef))), 0xdeadbeef);
  assert.deepEqual(firmware.semihostExits, [1, 0xdeadbeef]);
  assert.deepEqual(firmware.psciCalls, []);
});

Deno.test("aarch64 power: without semihosting, PSCI still powers off (status lost)", () => {
  const { firmware } = setupAarch64();
  firmware.semihosting = false;
  assert.equal(runToExit(() => powerOff(u32(1))), 0);
  assert.deepEqual(firmware.semihostExits, [1]);
  assert.deepEqual(firmware.psciCalls, [0x84000008]);
});
