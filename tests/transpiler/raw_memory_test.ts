// Raw memory accesses of different widths that overlap see each other in the compiled C (-O2,
// strict aliasing on) exactly as under Deno: tests/transpiler/raw/widths.ts runs in both worlds
// on the same offsets of a buffer and must print the same values, which are also pinned here.
// It guards tsk_rt.h's raw accessors (may_alias types over the tsk_phys window): with plain
// uint16_t/uint32_t pointers clang returns the stale word of halfOverWord.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { machine } from "../../kernel/intrinsics.ts";
import { usize } from "../../kernel/int.ts";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";
import { bytesOverDouble, halfOverWord, wordThenBytes } from "./raw/widths.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const P = "tests_transpiler_raw_widths__";

/** Each call as [C expression over the buffer address b, Deno thunk over the address a]. */
function calls(a: number): [string, () => bigint | number][] {
  return [
    [`${P}halfOverWord(b, b)`, () => halfOverWord(usize(a), usize(a))],
    [`${P}bytesOverDouble(b, b + 7, b)`, () => bytesOverDouble(usize(a), usize(a + 7), usize(a))],
    [`${P}wordThenBytes(b, b + 1)`, () => wordThenBytes(usize(a), usize(a + 1))],
  ];
}

Deno.test("raw memory: overlapping accesses of different widths agree in C -O2 and Deno", async () => {
  const base = 0x1000;
  machine.reset();
  machine.mapRam(base, new Uint8Array(64));
  const deno = calls(base).map(([, f]) => BigInt(f()));
  assert.deepEqual(deno, [0x11112222n, 0xaa020304bbccddeen, 0xbeef00ben]);

  const { c, diagnostics } = transpile({
    root: TOP,
    entry: "tests/transpiler/raw/widths.ts",
    arch: "x86_64",
  });
  assert.deepEqual(diagnostics.map(formatDiagnostic), []);
  const main = [
    "#include <stdio.h>",
    "_Noreturn void kernel_panic__panic(tsk_str msg) { (void)msg; __builtin_trap(); }",
    "static _Alignas(8) unsigned char buf[64];",
    "int main(void) {",
    "  uint64_t b = (uint64_t)(uintptr_t)buf;",
    ...calls(base).map(([e]) => `  printf("%llu\\n", (unsigned long long)${e});`),
    "  return 0;",
    "}",
  ];
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_raw_" });
  try {
    Deno.writeTextFileSync(`${tmp}/main.c`, `${c}\n${main.join("\n")}\n`);
    const cc = await new Deno.Command(TOP + ".toolchain/bin/zig", {
      args: ["cc", "-target", "x86_64-linux-musl", "-O2", "-Wall", "-Wextra", "-Werror", "-I"]
        .concat([TOP + "transpiler/runtime", "-o", `${tmp}/raw`, `${tmp}/main.c`]),
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(cc.success, new TextDecoder().decode(cc.stderr));
    const run = await new Deno.Command(`${tmp}/raw`, { stdout: "piped" }).output();
    assert.ok(run.success);
    const got = new TextDecoder().decode(run.stdout).trim().split("\n").map(BigInt);
    assert.deepEqual(got, deno);
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});
