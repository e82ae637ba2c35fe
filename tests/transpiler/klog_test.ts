// klog templates (docs/SUBSET.md §6): the bytes a template writes are the same under Deno and in
// the compiled C. klog/program.ts runs under Deno against the simulated x86 machine (its COM1
// model records the console), and, transpiled as a hosted build with the real kernel/klog.ts, as
// a Linux process whose console is standard output: the build root is a temporary folder holding
// copies of the prelude, kernel/klog.ts and the program at their repository paths, and a test
// arch whose consolePutByte is debugPutByte. Both outputs, up to the panic that the last line
// raises in a substitution (before any byte of that line), must be identical.

import assert from "node:assert/strict";
import { compile, execute, type Target } from "../diff/hosted.ts";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { CheckFailure } from "../../kernel/int.ts";
import { setupX86 } from "../../kernel/testing/devices.ts";
import { main } from "./klog/program.ts";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const PROGRAM = "tests/transpiler/klog/program.ts";
const COPIED = [
  "kernel/int.ts",
  "kernel/intrinsics.ts",
  "kernel/fmt.ts",
  "kernel/klog.ts",
  "kernel/console_lock.ts",
  PROGRAM,
];

const TEST_ARCH = `// A test arch: the console is the hosted process's standard output, one CPU.
import { type u8, u32 } from "../../kernel/int.ts";
import { debugPutByte } from "../../kernel/intrinsics.ts";
export function consolePutByte(b: u8): void {
  debugPutByte(b);
}
export function cpuIndex(): u32 {
  return u32(0);
}
`;

let denoCache: string | undefined;

/** What the program writes under Deno, then PANIC if it panicked (run once: the program has
 *  module state, as the C has in its one run per arch). */
function denoOutput(): string {
  denoCache ??= runDeno();
  return denoCache;
}

function runDeno(): string {
  const { uart } = setupX86();
  let tail = "";
  try {
    main();
  } catch (e) {
    if (!(e instanceof CheckFailure)) throw e;
    tail = "PANIC\n";
  }
  return uart.text() + tail;
}

/** The hosted C of the program, transpiled in a copy of the files it needs. */
function hostedC(tmp: string, arch: "x86_64" | "aarch64"): string {
  for (const path of [...COPIED, `arch/${arch}/mod.ts`]) {
    mkdirSync(dirname(`${tmp}/${path}`), { recursive: true });
    const text = path.startsWith("arch/") ? TEST_ARCH : Deno.readTextFileSync(TOP + path);
    Deno.writeTextFileSync(`${tmp}/${path}`, text);
  }
  const { c, diagnostics } = transpile({ root: tmp, entry: PROGRAM, arch, hosted: true });
  assert.deepEqual(diagnostics.map(formatDiagnostic), []);
  return c;
}

const HARNESS = `
#include <stdio.h>
#include <stdlib.h>
_Noreturn void kernel_panic__panic(tsk_str msg) {
  (void)msg;
  fputs("PANIC\\n", stdout);
  fflush(stdout);
  exit(0);
}
int main(void) {
  tests_transpiler_klog_program__main();
  return 0;
}
`;

Deno.test("klog: the template lowering writes no string and evaluates substitutions first", () => {
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_klog_" });
  try {
    const c = hostedC(tmp, "x86_64");
    // `klog(\`order ${tick()} then ${tick()} and ${ticks}\`)`: three temporaries, then the puts.
    const order = c.slice(c.indexOf('TSK_STR("order ")') - 400, c.indexOf('TSK_STR(" and ")'));
    assert.match(order, /tsk_fmt0 = tests_transpiler_klog_program__tick\(\);/);
    assert.match(order, /tsk_fmt1 = tests_transpiler_klog_program__tick\(\);/);
    assert.ok(order.indexOf("tsk_fmt2 =") < order.indexOf('TSK_STR("order ")'));
    assert.match(c, /kernel_klog__kprintHex64\(\(uint64_t\)tsk_fmt\d\)/);
    assert.match(c, /kernel_klog__kprintI64\(\(int64_t\)tsk_fmt\d\)/);
    assert.doesNotMatch(c, /kernel_fmt__hex/);
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});

const BAD = `import { i32, u32, u64 } from "../../../kernel/int.ts";
import { hex } from "../../../kernel/fmt.ts";
import { klog, kprint } from "../../../kernel/klog.ts";
export class Box {
  x: u32 = u32(0);
}
export const box = new Box();
export function bad(a: u32, s: i32): void {
  klog(\`\${a + 1}\`);
  klog(\`\${box}\`);
  kprint(\`\${hex(s)}\`);
  klog(\`caf\u00e9\`);
  const t = \`\${a}\`;
  klog(\`ok \${a} \${hex(u64(a))}\`);
  return klog(\`\${a}\`);
}
`;

Deno.test("klog: substitutions and templates outside the subset are reported", () => {
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_klog_" });
  try {
    hostedC(tmp, "x86_64");
    Deno.writeTextFileSync(`${tmp}/tests/transpiler/klog/bad.ts`, BAD);
    const entry = "tests/transpiler/klog/bad.ts";
    const { diagnostics } = transpile({ root: tmp, entry, arch: "x86_64", hosted: true });
    const got = diagnostics.map((d) => `${d.line} ${d.code}`).sort();
    const want = ["9 TSK2101", "10 TSK2202", "11 TSK0001", "11 TSK2202", "12 TSK2201"];
    assert.deepEqual(got, [...want, "13 TSK1207", "15 TSK1207"].sort());
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});

const TARGETS: { arch: Target }[] = [{ arch: "x86_64" }, { arch: "aarch64" }];

for (const { arch } of TARGETS) {
  Deno.test({
    name: `klog: Deno and C (${arch}-linux-musl) write the same bytes`,
    fn: async () => {
      const want = denoOutput();
      assert.ok(want.endsWith("end\nPANIC\n") && want.includes("tick 1\ntick 2\norder 1 then 2"));
      const tmp = Deno.makeTempDirSync({ prefix: "tsk_klog_" });
      try {
        Deno.writeTextFileSync(`${tmp}/main.c`, hostedC(tmp, arch) + HARNESS);
        const exe = await compile(`${tmp}/main.c`, { target: arch, opt: "-O2" }, `${tmp}/klog`);
        const { stdout: got, status } = await execute(exe, arch, []);
        assert.equal(status, 0, got);
        assert.equal(got, want);
      } finally {
        Deno.removeSync(tmp, { recursive: true });
      }
    },
  });
}
