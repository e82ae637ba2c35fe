import assert from "node:assert/strict";
import { u8 } from "../../kernel/int.ts";
import { CONSOLE_SPIN_LIMIT, consoleInit, consolePutByte } from "./console.ts";
import { setupAarch64 } from "../../kernel/testing/devices.ts";

Deno.test("aarch64 console: init disables, sets 115200 from 24 MHz, 8N1 FIFO, enables", () => {
  const { uart } = setupAarch64();
  consoleInit();
  assert.deepEqual(uart.writes, [
    [0x030, 0], // CR: disable first
    [0x038, 0], // IMSC: no interrupts
    [0x044, 0x7ff], // ICR: clear pending
    [0x024, 13], // IBRD
    [0x028, 1], // FBRD
    [0x02c, 0x70], // LCR_H: 8 bits, FIFOs (latches the divisor)
    [0x030, 0x301], // CR: UARTEN | TXE | RXE
  ]);
  assert.deepEqual(uart.out, []);
});

Deno.test("aarch64 console: putByte waits while TXFF, then writes DR", () => {
  const { uart } = setupAarch64();
  uart.fullReads = 2;
  consolePutByte(u8(0x6f));
  consolePutByte(u8(0x6b));
  assert.equal(uart.text(), "ok");
  assert.equal(uart.frReads, 1 + 3);
});

Deno.test("aarch64 console: a full FIFO that never drains costs a bounded wait", () => {
  const { uart } = setupAarch64();
  uart.stuck = true;
  consolePutByte(u8(0x21));
  assert.equal(uart.text(), "!");
  assert.equal(uart.frReads, CONSOLE_SPIN_LIMIT);
});
