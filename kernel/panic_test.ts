import assert from "node:assert/strict";
import { kprint, kprintln } from "./klog.ts";
import { panic, PANIC_STATUS } from "./panic.ts";
import { runToExit, setupX86 } from "./testing/devices.ts";

Deno.test("panic: prints the message and powers off with status 1", () => {
  const { uart } = setupX86();
  kprintln("");
  uart.out = [];
  assert.equal(runToExit(() => panic("usize out of range")), 1);
  assert.equal(PANIC_STATUS, 1);
  assert.equal(uart.text(), "panic: usize out of range\n");
});

Deno.test("panic: starts its own line when one is open", () => {
  const { uart } = setupX86();
  kprint("memory: ");
  assert.equal(runToExit(() => panic("boom")), 1);
  assert.equal(uart.text(), "memory: \npanic: boom\n");
});
