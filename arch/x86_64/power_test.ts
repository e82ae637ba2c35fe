import assert from "node:assert/strict";
import { u32 } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { powerOff } from "./power.ts";
import { runToExit, setupX86 } from "../../kernel/testing/devices.ts";

Deno.test("x86_64 power: powerOff writes the status to isa-debug-exit", () => {
  setupX86();
  assert.equal(runToExit(() => powerOff(u32(0))), 0);
  assert.equal(runToExit(() => powerOff(u32(1))), 1);
  assert.equal(runToExit(() => powerOff(u32(0x1ff))), 0xff, "status is truncated to 8 bits");
});

Deno.test("x86_64 power: the write goes to port 0xf4, one byte wide", () => {
  machine.reset();
  const seen: [number, number, number][] = [];
  machine.mapPorts(0xf4, 4, {
    read: () => 0,
    write: (port, width, value) => {
      seen.push([port, width, value]);
      throw new Error("stop");
    },
  });
  assert.throws(() => powerOff(u32(5)), /stop/);
  assert.deepEqual(seen, [[0xf4, 1, 5]]);
});
