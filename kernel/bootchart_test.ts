// Tests of the boot chart: phase times from the cycle counter, in microseconds or cycles.

import assert from "node:assert/strict";
import { u64, usize } from "./int.ts";
import { machine } from "./intrinsics.ts";
import {
  BOOTCHART_MAX_PHASES,
  bootchartCount,
  bootchartMark,
  bootchartMicros,
  bootchartPrint,
  bootchartReset,
  bootchartStart,
} from "./bootchart.ts";
import { setupX86 } from "./testing/devices.ts";

Deno.test("bootchart: one line per phase, the time since the previous mark, and a total", () => {
  const { uart } = setupX86();
  bootchartReset();
  machine.cycles = 1000n;
  bootchartStart(); // reads 1000
  machine.cycles = 1000n + 3_000_000n;
  bootchartMark("console"); // 3 ms at 1 GHz
  machine.cycles = 1000n + 3_000_000n + 250_000n;
  bootchartMark("memory"); // 250 us
  assert.equal(bootchartCount(), 2);
  bootchartPrint(u64(1_000_000_000n));
  assert.equal(
    uart.text(),
    "bootchart: console 3000 us\nbootchart: memory 250 us\nbootchart: total 3250 us\n",
  );
});

Deno.test("bootchart: hz 0 prints cycles; the first mark is the origin without a start", () => {
  const { uart } = setupX86();
  bootchartReset();
  machine.cycles = 500n;
  machine.cycleStep = 0n;
  bootchartMark("entry");
  machine.cycles = 800n;
  bootchartMark("done");
  bootchartPrint(u64(0n));
  assert.equal(
    uart.text(),
    "bootchart: entry 0 cycles\nbootchart: done 300 cycles\nbootchart: total 300 cycles\n",
  );
});

Deno.test("bootchart: marks past the table are dropped and counted", () => {
  const { uart } = setupX86();
  bootchartReset();
  bootchartStart();
  const n = Number(BOOTCHART_MAX_PHASES);
  for (let i = 0; i < n + 3; i++) bootchartMark("phase");
  assert.equal(bootchartCount(), usize(n));
  bootchartPrint(u64(1_000_000n));
  const lines = uart.text().trimEnd().split("\n");
  assert.equal(lines.length, n + 2);
  assert.equal(lines[n + 1], `bootchart: 3 marks dropped (table of ${n})`);
});

Deno.test("bootchart: microseconds are exact in u64 past 2^53 cycles * 10^6", () => {
  assert.equal(bootchartMicros(u64(62_500_000n), u64(62_500_000n)), 1_000_000n);
  assert.equal(bootchartMicros(u64(10n ** 13n), u64(3_000_000_000n)), 3_333_333_333n);
});
