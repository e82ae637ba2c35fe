import assert from "node:assert/strict";
import { u8 } from "../../kernel/int.ts";
import { CONSOLE_SPIN_LIMIT, consoleInit, consolePutByte } from "./console.ts";
import { setupX86 } from "../../kernel/testing/devices.ts";

Deno.test("x86_64 console: init programs 115200 8N1, FIFOs on, interrupts off", () => {
  const { uart } = setupX86();
  consoleInit();
  assert.equal(uart.dll, 1);
  assert.equal(uart.dlm, 0);
  assert.equal(uart.lcr, 0x03, "8N1 and DLAB cleared again");
  assert.equal(uart.ier, 0);
  assert.equal(uart.fcr, 0xc7);
  assert.equal(uart.mcr, 0x03);
  // The divisor is written while DLAB is set.
  const dlabAt = uart.writes.findIndex(([off, v]) => off === 3 && (v & 0x80) !== 0);
  const dllAt = uart.writes.findIndex(([off]) => off === 0);
  const lcrAt = uart.writes.findIndex(([off, v]) => off === 3 && v === 0x03);
  assert.equal(dlabAt < dllAt && dllAt < lcrAt, true);
  assert.deepEqual(uart.out, [], "init transmits nothing");
});

Deno.test("x86_64 console: putByte waits for THRE, then writes THR", () => {
  const { uart } = setupX86();
  uart.busyReads = 3;
  consolePutByte(u8(0x68));
  consolePutByte(u8(0x69));
  assert.equal(uart.text(), "hi");
  assert.equal(uart.lsrReads, 1 + 4, "first byte: ready at once; second: 3 busy reads, then ready");
});

Deno.test("x86_64 console: a stuck UART costs a bounded wait, not a hang", () => {
  const { uart } = setupX86();
  uart.stuck = true;
  consolePutByte(u8(0x21));
  assert.equal(uart.text(), "!");
  assert.equal(uart.lsrReads, CONSOLE_SPIN_LIMIT);
});
