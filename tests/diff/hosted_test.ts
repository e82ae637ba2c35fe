// The hosted build itself (docs/SUBSET.md R-INTR-4): what `hosted: true` changes in the C, the
// intrinsics it rejects, several entries in one translation unit, and the Deno side of
// debugPutByte and of the panic line. (errors/hosted_only.ts checks that a bare-metal build
// rejects debugPutByte.)

import assert from "node:assert/strict";
import { debugPutByte, machine } from "../../kernel/intrinsics.ts";
import { u8 } from "../../kernel/int.ts";
import { transpile } from "../../transpiler/mod.ts";
import { mainSymbol, TOP } from "./hosted.ts";
import { capture, panicMessage } from "./run_deno.ts";

const FIXTURES = "tests/diff/fixtures/";

Deno.test("hosted: port I/O and firmware calls are TSK3002, debugPutByte is allowed", () => {
  const { diagnostics } = transpile({
    root: TOP,
    entry: FIXTURES + "port_io.ts",
    arch: "x86_64",
    hosted: true,
  });
  const got = diagnostics.map((d) => `${d.line} ${d.code}`);
  assert.deepEqual(got, ["10 TSK3002", "11 TSK3002"]);
});

Deno.test("hosted: the C defines TSK_HOSTED and holds every entry's main", () => {
  const { c, diagnostics } = transpile({
    root: TOP,
    entry: FIXTURES + "second.ts",
    extraEntries: ["tests/diff/cases/hello.ts"],
    arch: "aarch64",
    hosted: true,
  });
  assert.deepEqual(diagnostics, []);
  assert.ok(c.includes("#define TSK_HOSTED 1"));
  assert.ok(c.indexOf("#define TSK_HOSTED") < c.indexOf('#include "tsk_rt.h"'));
  assert.ok(c.includes("tsk_debug_put_byte("));
  for (const p of [FIXTURES + "second.ts", "tests/diff/cases/hello.ts"]) {
    assert.ok(c.includes(`void ${mainSymbol(p)}(void) {`), `no main of ${p}`);
  }
  const bare = transpile({ root: TOP, entry: "tests/diff/cases/hello.ts", arch: "x86_64" });
  assert.ok(!bare.c.includes("TSK_HOSTED"));
});

Deno.test("hosted: under Deno, debugPutByte goes to machine.debugOut", () => {
  const got = capture(() => {
    for (const b of [0x68, 0x69, 10]) debugPutByte(u8(b));
  });
  assert.deepEqual(got, { stdout: "hi\n", status: 0 });
  const seen: number[] = [];
  const saved = machine.debugOut;
  machine.debugOut = (b) => seen.push(b);
  try {
    debugPutByte(u8(0x107));
  } finally {
    machine.debugOut = saved;
  }
  assert.deepEqual(seen, [7]);
  assert.equal(machine.debugOut, saved);
});

Deno.test("hosted: a failed check under Deno ends with the C's panic line and status", () => {
  const got = capture(() => {
    debugPutByte(u8(0x78));
    u8(1 % 0);
  });
  assert.deepEqual(got, {
    stdout: "xpanic: not a number: x % 0, 0 / 0 or a string index out of range\n",
    status: 101,
  });
  assert.equal(panicMessage(new RangeError("Division by zero")), "division by zero");
  assert.equal(panicMessage(new RangeError("Maximum BigInt size exceeded")), "bigint too large");
  assert.equal(panicMessage(new Error("other")), null);
  const odd = capture(() => {
    throw new TypeError("not a check");
  });
  assert.equal(odd.status, 101);
  assert.ok(odd.stdout.startsWith("deno error: TypeError: not a check"));
});
