// kernel/sched and its boot self-test are inside the subset on both arches (no diagnostic from
// the transpiler), and the x86_64 C compiles with the kernel's warnings as errors. (The
// aarch64 C of the FPU intrinsics is transpiler/runtime/tsk_rt.h's business; the boot tests
// compile and run both arches.)

import assert from "node:assert/strict";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

for (const arch of ["x86_64", "aarch64"] as const) {
  for (const entry of ["kernel/sched/mod.ts", "kernel/selftest_sched.ts"]) {
    Deno.test(`sched: ${entry} transpiles for ${arch} with no diagnostics`, () => {
      const r = transpile({ root: ROOT, entry, arch });
      assert.deepEqual(r.diagnostics.map(formatDiagnostic), []);
      assert.match(r.c, /\bkernel_sched_thread__threadEntry\(void\)/);
    });
  }
}

Deno.test("sched: the x86_64 C compiles with -Werror", async () => {
  const r = transpile({ root: ROOT, entry: "kernel/selftest_sched.ts", arch: "x86_64" });
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_sched_" });
  try {
    Deno.writeTextFileSync(`${tmp}/sched.c`, r.c);
    const args = ["cc", "-target", "x86_64-freestanding", "-ffreestanding", "-O2", "-Wall"];
    args.push("-Wextra", "-Wno-unused-parameter", "-Werror", "-mno-red-zone");
    args.push("-I", `${ROOT}transpiler/runtime`, "-c", `${tmp}/sched.c`, "-o", `${tmp}/sched.o`);
    const out = await new Deno.Command(`${ROOT}.toolchain/bin/zig`, { args, stderr: "piped" })
      .output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});
