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

Deno.test("kernel: errno.ts (not yet reached from main) transpiles and compiles", async () => {
  const r = transpile({ root: ROOT, entry: "kernel/errno.ts", arch: "x86_64" });
  assert.deepEqual(r.diagnostics.map(formatDiagnostic), []);
  assert.match(r.c, /typedef enum kernel_errno__Errno : uint32_t \{/);
  assert.match(r.c, /switch \(\(uint32_t\)e\) \{/);
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_errno_" });
  try {
    Deno.writeTextFileSync(`${tmp}/errno.c`, r.c);
    const args = ["cc", "-target", "x86_64-freestanding", "-ffreestanding", "-O2", "-Wall"];
    args.push("-Wextra", "-Werror", "-I", `${ROOT}transpiler/runtime`, "-c", `${tmp}/errno.c`);
    const out = await new Deno.Command(`${ROOT}.toolchain/bin/zig`, {
      args: [...args, "-o", `${tmp}/errno.o`],
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});
