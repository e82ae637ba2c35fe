// The whole kernel, as reachable from kernel/main.ts, is inside the subset on both arches: the
// transpiler reports no diagnostic (including TypeScript's own type errors) and every unsafe
// intrinsic sits in a module marked "use unsafe". Fast; the boot tests then compile and run it.

import assert from "node:assert/strict";
import { formatDiagnostic, transpile } from "../transpiler/mod.ts";

const ROOT = new URL("..", import.meta.url).pathname;

for (const arch of ["x86_64", "aarch64"] as const) {
  Deno.test(`kernel: transpiles for ${arch} with no diagnostics`, () => {
    const r = transpile({ root: ROOT, entry: "kernel/main.ts", arch });
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), []);
    assert.match(r.c, /\bkernel_main__kernelMain\(uint64_t /);
    assert.match(r.c, /#line \d+ "kernel\/main\.ts"/);
  });
}
