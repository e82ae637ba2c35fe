// Tests of the frame-pointer walk over fake stacks in simulated RAM, named from a test table.

import assert from "node:assert/strict";
import { u64, usize } from "./int.ts";
import { machine } from "./intrinsics.ts";
import {
  BACKTRACE_MAX_DEPTH,
  backtraceAddStack,
  backtraceClearStacks,
  backtracePrint,
  backtraceWalk,
} from "./backtrace.ts";
import { KSYMS, SYMBOLS_WORDS } from "./symbols.ts";
import { setupX86 } from "./testing/devices.ts";
import { encodeSymbols, modulesOfC } from "../tools/ksyms.ts";

const STACK = 0x80000;
const STACK_BYTES = 0x1000;

function loadTable(words: bigint[]): void {
  for (let i = 0; i < Number(SYMBOLS_WORDS); i++) {
    KSYMS.set(usize(i), u64(i < words.length ? words[i] : 1n));
  }
}

/** A fresh machine with one stack of RAM, registered, and a table of three functions. */
function setup(): { uart: ReturnType<typeof setupX86>["uart"]; ram: DataView } {
  const { uart } = setupX86();
  const bytes = machine.mapRam(STACK, new Uint8Array(STACK_BYTES));
  backtraceClearStacks();
  assert.ok(backtraceAddStack(usize(STACK), usize(STACK + STACK_BYTES)));
  const mods = modulesOfC('#line 1 "kernel/selftest.ts"\n#line 1 "kernel/main.ts"', "x86_64");
  loadTable(encodeSymbols([
    { addr: 0x100000n, size: 0n, cName: "_start" },
    { addr: 0x100200n, size: 0x100n, cName: "kernel_main__kernelMain" },
    { addr: 0x100300n, size: 0x40n, cName: "kernel_selftest__selftestGuard" },
    { addr: 0x100340n, size: 0x40n, cName: "kernel_selftest__deep" },
  ], mods));
  return { uart, ram: new DataView(bytes.buffer) };
}

/** Writes a frame record at fp: the caller's fp and the return address. */
function frame(ram: DataView, fp: number, next: number, ret: number): void {
  ram.setBigUint64(fp - STACK, BigInt(next), true);
  ram.setBigUint64(fp - STACK + 8, BigInt(ret), true);
}

Deno.test("backtrace: walks the frame records and names each function", () => {
  const { uart, ram } = setup();
  // deep (faulting at 0x10036d) <- selftestGuard <- kernelMain <- _start (fp 0 ends).
  frame(ram, 0x80100, 0x80200, 0x100310);
  frame(ram, 0x80200, 0x80f00, 0x100280);
  frame(ram, 0x80f00, 0, 0x100040);
  backtracePrint(usize(0x80100), usize(0x10036d));
  assert.equal(
    uart.text(),
    [
      "backtrace:",
      "  #0 0x10036d kernel/selftest.ts:deep+0x2d",
      "  #1 0x100310 kernel/selftest.ts:selftestGuard+0x10",
      "  #2 0x100280 kernel/main.ts:kernelMain+0x80",
      "  #3 0x100040 _start+0x40",
      "",
    ].join("\n"),
  );
});

Deno.test("backtrace: a return address just past a function is named after the call", () => {
  const { uart, ram } = setup();
  // A call as selftestGuard's last instruction returns to deep's first byte.
  frame(ram, 0x80100, 0, 0x100340);
  assert.equal(backtraceWalk(usize(0x80100), usize(0x100350)), 2);
  assert.match(uart.text(), /#1 0x100340 kernel\/selftest.ts:selftestGuard\+0x40\n$/);
});

Deno.test("backtrace: unknown addresses print ?", () => {
  const { uart, ram } = setup();
  frame(ram, 0x80100, 0, 0x900000);
  assert.equal(backtraceWalk(usize(0x80100), usize(0x10)), 2);
  assert.equal(uart.text(), "  #0 0x10 ?\n  #1 0x900000 ?\n");
});

Deno.test("backtrace: stops at frame pointers outside the stack, misaligned or going down", () => {
  const { uart, ram } = setup();
  // Outside every registered stack: only frame #0, and nothing is read (no RAM there).
  assert.equal(backtraceWalk(usize(0x200000), usize(0x100210)), 1);
  assert.equal(backtraceWalk(usize(0x80104), usize(0x100210)), 1); // misaligned
  // The record must fit: fp + 16 past the stack's end stops the walk.
  assert.equal(backtraceWalk(usize(STACK + STACK_BYTES - 8), usize(0x100210)), 1);
  // A chain that points back down (or loops) ends after the frame that says so.
  frame(ram, 0x80400, 0x80300, 0x100280);
  frame(ram, 0x80300, 0x80400, 0x100280);
  assert.equal(backtraceWalk(usize(0x80400), usize(0x100210)), 2);
  // A chain that leaves the stack ends there.
  frame(ram, 0x80500, 0x200000, 0x100280);
  assert.equal(backtraceWalk(usize(0x80500), usize(0x100210)), 2);
  // A zero return address ends it.
  frame(ram, 0x80600, 0x80700, 0);
  assert.equal(backtraceWalk(usize(0x80600), usize(0x100210)), 1);
  assert.ok(uart.text().length > 0);
});

Deno.test("backtrace: at most BACKTRACE_MAX_DEPTH lines on a long chain", () => {
  const { uart, ram } = setup();
  for (let i = 0; i < 100; i++) frame(ram, 0x80010 + i * 16, 0x80010 + (i + 1) * 16, 0x100350);
  assert.equal(backtraceWalk(usize(0x80010), usize(0x100350)), Number(BACKTRACE_MAX_DEPTH));
  assert.equal(uart.text().split("\n").length - 1, Number(BACKTRACE_MAX_DEPTH));
});

Deno.test("backtrace: the stack table is bounded and rejects empty ranges", () => {
  setup();
  backtraceClearStacks();
  assert.equal(backtraceAddStack(usize(0x1000), usize(0x1000)), false);
  for (let i = 0; i < 16; i++) assert.ok(backtraceAddStack(usize(0x1000), usize(0x2000)));
  assert.equal(backtraceAddStack(usize(0x1000), usize(0x2000)), false);
  backtraceClearStacks();
});
