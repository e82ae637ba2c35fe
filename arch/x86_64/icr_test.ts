import assert from "node:assert/strict";
import { u32, u64 } from "../../kernel/int.ts";
import { apicBaseAddr, icrFixed, icrInit, icrStartup, ioapicPinCount } from "./apic.ts";
import { lapicCount } from "./timer.ts";

Deno.test("apic: ICR encodings of fixed, INIT and STARTUP IPIs (SDM §11.6.1)", () => {
  assert.equal(icrFixed(u32(0xf1)), 0x40f1);
  assert.equal(icrInit(), 0xc500);
  assert.equal(icrStartup(u32(0x08)), 0x4608);
});

Deno.test("apic: base address and I/O APIC pin count", () => {
  assert.equal(apicBaseAddr(u64(0xfee00900n)), 0xfee00000n);
  assert.equal(ioapicPinCount(u32(0x00170020)), 24);
});

Deno.test("timer: one-shot counts are clamped to [1, 2^32 - 1]", () => {
  assert.equal(lapicCount(u64(0n), u64(1_000_000_000n)), 1);
  assert.equal(lapicCount(u64(1_000_000n), u64(1_000_000_000n)), 1_000_000);
  assert.equal(lapicCount(u64(100_000_000_000n), u64(1_000_000_000n)), 0xffffffff);
});
