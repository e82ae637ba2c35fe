// Hosted differential test of the data features: data/ops.ts (layouts, arrays, slices, stack
// structs, bulk memory, atomics) runs under Deno against the simulated machine and, transpiled and
// compiled with `zig cc` for Linux (musl, -O2, UB sanitizer in trap mode, strict aliasing on),
// as a native program. Every exported function takes `mem`, the address
// of a zeroed, page-aligned 4096-byte buffer (RAM mapped at MEM_BASE under Deno, a static array
// in C), then integer arguments from the same vectors in both worlds; each call prints its result
// (or PANIC) and an FNV-1a checksum of the buffer, and the two outputs must be identical. The C
// harness defines kernel_panic__panic as a longjmp back to the call, so one run covers many
// panics (bounds checks, misaligned views, slices and atomics). aarch64 runs under qemu-aarch64.
// A last test checks that the bounds checks are on unless -DTSK_NO_BOUNDS_CHECKS is given, which
// no build of the project does.

import assert from "node:assert/strict";
import { combos, type IntFn, intSignatures } from "./int_signatures.ts";
import { compile, execute, type Target } from "../diff/hosted.ts";
import { fileURLToPath } from "node:url";
import { cString, cTypedLit } from "../../transpiler/c_text.ts";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";
import { INT_KINDS, type IntKind } from "../../transpiler/types.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { CFLAGS } from "../../tools/build.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const DIR = TOP + "tests/transpiler/data/";
const ZIG = TOP + ".toolchain/bin/zig";
const MEM_BASE = 0x10000;
const MEM_SIZE = 4096;

const VECTORS: Record<IntKind, bigint[]> = {
  u8: [0n, 1n, 0x7fn, 0xffn],
  i8: [0n, -1n, 127n, -128n],
  u16: [0n, 1n, 0x1234n, 0xffffn],
  i16: [0n, -1n, 0x7fffn, -0x8000n],
  u32: [0n, 1n, 7n, 0x80000000n, 0xdeadbeefn, 0xffffffffn],
  i32: [0n, 1n, -1n, 0x12345678n, 0x7fffffffn, -0x80000000n],
  usize: [0n, 1n, 2n, 3n, 4n, 8n, 12n, 15n, 16n, 17n, 40n, 63n, 64n, 1000n],
  u64: [0n, 1n, 0x0102030405060708n, 1n << 63n, (1n << 64n) - 1n],
  i64: [0n, -1n, 0x7fffffffffffffffn, -(1n << 63n), 12345678901n],
};

function calls(fns: IntFn[]): { fn: IntFn; args: bigint[]; label: string }[] {
  return fns.flatMap((fn) =>
    combos(fn.params, VECTORS).map((args) => ({ fn, args, label: `${fn.name}(${args.join(",")})` }))
  );
}

/** FNV-1a over the buffer, as the C harness computes it. */
function fnv(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

let denoCache: Promise<string> | undefined;

/** What Deno prints (once: ops.ts has module state, like the one C run per arch). */
function denoResults(fns: IntFn[]): Promise<string> {
  denoCache ??= (async () => {
    const mod = await import(DIR + "ops.ts") as Record<string, (...a: unknown[]) => unknown>;
    const lines = calls(fns).map(({ fn, args, label }) => {
      machine.reset();
      const mem = machine.mapRam(MEM_BASE, new Uint8Array(MEM_SIZE));
      const jsArgs = args.map((v, i) => INT_KINDS[fn.params[i]].big ? v : Number(v));
      let result: string;
      try {
        result = String(mod[fn.name](MEM_BASE, ...jsArgs));
      } catch (e) {
        if (!(e instanceof Error) || e.name !== "CheckFailure") throw e;
        result = "PANIC";
      }
      return `${label} = ${result} mem=${fnv(mem)}`;
    });
    return lines.join("\n") + "\n";
  })();
  return denoCache;
}

function harness(fns: IntFn[], generated: string): string {
  const lines = [
    "#include <setjmp.h>",
    "#include <stdio.h>",
    "#include <string.h>",
    '#include "tsk_rt.h"',
    "static jmp_buf tsk_jump;",
    "_Noreturn void kernel_panic__panic(tsk_str msg) { (void)msg; longjmp(tsk_jump, 1); }",
    generated,
    `static _Alignas(4096) uint8_t tsk_mem[${MEM_SIZE}];`,
    "static unsigned fnv(void) {",
    "  unsigned h = 0x811c9dc5u;",
    `  for (int i = 0; i < ${MEM_SIZE}; i++) h = (h ^ tsk_mem[i]) * 0x01000193u;`,
    "  return h;",
    "}",
  ];
  const used = new Set(fns.flatMap((f) => f.params));
  for (const k of used) {
    const vs = VECTORS[k].map((v) => cTypedLit(k, v, false));
    lines.push(`static const ${INT_KINDS[k].c} V_${k}[] = { ${vs.join(", ")} };`);
  }
  const fmt = (k: IntKind) => INT_KINDS[k].signed ? "%lld" : "%llu";
  const cast = (k: IntKind) => INT_KINDS[k].signed ? "(long long)" : "(unsigned long long)";
  for (const fn of fns) {
    lines.push(`static void test_${fn.name}(void) {`);
    fn.params.forEach((k, i) => {
      lines.push(
        `  for (volatile size_t i${i} = 0; i${i} < sizeof V_${k} / sizeof V_${k}[0]; i${i}++)`,
      );
    });
    const args = ["(uint64_t)(uintptr_t)tsk_mem", ...fn.params.map((k, i) => `V_${k}[i${i}]`)];
    const label = `${fn.name}(${fn.params.map(fmt).join(",")}) = `;
    const labelArgs = fn.params.map((k, i) => `, ${cast(k)}V_${k}[i${i}]`).join("");
    lines.push(
      "  {",
      `    memset(tsk_mem, 0, sizeof tsk_mem);`,
      `    printf(${cString(label)}${labelArgs});`,
      `    if (setjmp(tsk_jump) == 0) printf("${fmt(fn.ret)}", ${cast(fn.ret)}ops__${fn.name}(${
        args.join(", ")
      }));`,
      `    else printf("PANIC");`,
      `    printf(" mem=%u\\n", fnv());`,
      "  }",
      "}",
    );
  }
  lines.push("int main(void) {", ...fns.map((f) => `  test_${f.name}();`), "  return 0;", "}");
  return lines.join("\n") + "\n";
}

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const err = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, `${cmd} ${args.join(" ")} failed:\n${err}`);
  return new TextDecoder().decode(out.stdout);
}

function compileArgs(arch: string, src: string, exe: string, extra: string[] = []): string[] {
  return [
    "cc",
    "-target",
    `${arch}-linux-musl`,
    "-std=gnu11",
    "-O2",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-fsanitize=undefined",
    "-fsanitize-trap=undefined",
    ...extra,
    "-I",
    TOP + "transpiler/runtime",
    "-o",
    exe,
    src,
  ];
}

function transpileOps(arch: "x86_64" | "aarch64"): string {
  const { c, diagnostics } = transpile({
    root: DIR,
    entry: "ops.ts",
    arch,
    prelude: TOP + "kernel",
  });
  assert.deepEqual(diagnostics.map(formatDiagnostic), []);
  return c;
}

const TARGETS: { arch: Target }[] = [{ arch: "x86_64" }, { arch: "aarch64" }];

for (const { arch } of TARGETS) {
  Deno.test({
    name: `data: Deno and C (${arch}-linux-musl) agree on data/ops.ts`,
    fn: async () => {
      const c = transpileOps(arch);
      const fns = intSignatures(Deno.readTextFileSync(DIR + "ops.ts"), "mem: usize(?:, )?");
      assert.ok(fns.length >= 15, `only ${fns.length} functions`);
      const want = await denoResults(fns);
      const panics = want.split("\n").filter((l) => l.includes("= PANIC")).length;
      assert.ok(panics >= 20 && panics < want.split("\n").length / 2, `${panics} panics`);
      const tmp = Deno.makeTempDirSync({ prefix: "tsk_data_" });
      try {
        Deno.writeTextFileSync(`${tmp}/main.c`, harness(fns, c));
        const exe = await compile(`${tmp}/main.c`, { target: arch, opt: "-O2" }, `${tmp}/data`);
        const { stdout: got, status } = await execute(exe, arch, []);
        assert.equal(status, 0, got);
        const wantLines = want.split("\n");
        const diff = got.split("\n").map((l, i) => `C:    ${l}\nDeno: ${wantLines[i]}`)
          .filter((_, i) => got.split("\n")[i] !== wantLines[i]).slice(0, 10);
        assert.ok(diff.length === 0, `C and Deno differ:\n${diff.join("\n")}`);
        assert.equal(got, want);
      } finally {
        Deno.removeSync(tmp, { recursive: true });
      }
    },
  });
}

// @rule R-ARRAY-7
Deno.test("data: bounds checks are on by default and off only with -DTSK_NO_BOUNDS_CHECKS", async () => {
  const build = Deno.readTextFileSync(TOP + "tools/build.ts");
  assert.ok(!build.includes("TSK_NO_BOUNDS_CHECKS"), "a kernel build drops them");
  assert.ok(Object.values(CFLAGS).flat().length > 0);
  const probe = [
    "#include <stdio.h>",
    "#include <stdlib.h>",
    '#include "tsk_rt.h"',
    "_Noreturn void kernel_panic__panic(tsk_str msg) {",
    '  printf("panic: %.*s\\n", (int)msg.len, (const char *)msg.ptr);',
    "  exit(0);",
    "}",
    "int main(int argc, char **argv) {",
    "  (void)argv;",
    "  static uint32_t a[4];",
    "  tsk_slice_u32 s = {a, 2};",
    '  printf("%u\\n", tsk_slice_u32_get(s, (uint64_t)argc + 1));', // index 2 of a 2-slice
    "  return 0;",
    "}",
  ].join("\n");
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_bounds_" });
  try {
    Deno.writeTextFileSync(`${tmp}/probe.c`, probe);
    await run(
      ZIG,
      compileArgs("x86_64", `${tmp}/probe.c`, `${tmp}/on`).filter((a) => !a.includes("sanitize")),
    );
    await run(
      ZIG,
      [
        ...compileArgs("x86_64", `${tmp}/probe.c`, `${tmp}/off`, ["-DTSK_NO_BOUNDS_CHECKS"]),
      ].filter((a) => !a.includes("sanitize")),
    );
    assert.equal(await run(`${tmp}/on`, []), "panic: index out of range\n");
    assert.equal(await run(`${tmp}/off`, []), "0\n", "the element past the slice, unchecked");
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});
