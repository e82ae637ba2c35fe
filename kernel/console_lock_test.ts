// The console line lock on the simulated machine: who holds the word, and that it is off until
// the kernel gives it a word (one CPU; blocking between CPUs is exercised by the SMP boot tests).

import assert from "node:assert/strict";
import { u32, usize } from "./int.ts";
import { atomicStore32, machine } from "./intrinsics.ts";
import {
  consoleLineGive,
  consoleLineTake,
  consoleLockInit,
  consoleLockOff,
} from "./console_lock.ts";

const WORD = 0x9000;

function word(ram: Uint8Array): number {
  return new DataView(ram.buffer).getUint32(WORD - 0x8000, true);
}

Deno.test("console lock: a line belongs to one CPU from take to give", () => {
  machine.reset();
  const ram = machine.mapRam(0x8000, new Uint8Array(0x2000));
  consoleLineTake(u32(3)); // off: nothing happens
  assert.equal(word(ram), 0);
  atomicStore32(usize(WORD), u32(77));
  consoleLockInit(usize(WORD));
  assert.equal(word(ram), 0, "init clears the word");
  consoleLineTake(u32(2));
  assert.equal(word(ram), 3, "CPU 2 holds it (index + 1)");
  consoleLineTake(u32(2));
  assert.equal(word(ram), 3, "taking it again is a no-op for the owner");
  consoleLineGive();
  assert.equal(word(ram), 0);
  consoleLineTake(u32(0));
  assert.equal(word(ram), 1);
  consoleLockOff();
  consoleLineGive();
  assert.equal(word(ram), 1, "off: the word is no longer touched");
});
