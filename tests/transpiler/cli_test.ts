// Tests of the command line (transpiler/main.ts) and of the build-level behaviour of
// transpile(): `@arch/` resolution and arch-file mangling, TypeScript errors as TSK0001, and a
// missing entry. The builds live in temporary folders, so they may contain type errors.

import assert from "node:assert/strict";
import { tempTree } from "../temp_tree.ts";
import { fileURLToPath } from "node:url";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));

function tree(files: Record<string, string>): string {
  return tempTree("tsk_cli_", files);
}

const ARCH_FILES = {
  "kernel/main.ts": [
    'import { usize } from "./int.ts";',
    'import { archName } from "@arch/name.ts";',
    "export function kernelMain(bootArg: usize): void {",
    "  archName(bootArg);",
    "}",
  ].join("\n"),
  "arch/x86_64/name.ts": "import { usize } from '../../kernel/int.ts';\n" +
    "export function archName(a: usize): usize {\n  return usize(a + 64);\n}\n",
  "arch/aarch64/name.ts": "import { usize } from '../../kernel/int.ts';\n" +
    "export function archName(a: usize): usize {\n  return usize(a + 8);\n}\n",
};

Deno.test("@arch/ resolves per arch and arch files mangle as arch_", () => {
  const root = tree(ARCH_FILES);
  try {
    for (const [arch, n] of [["x86_64", "64ULL"], ["aarch64", "8ULL"]] as const) {
      const { c, diagnostics } = transpile({ root, entry: "kernel/main.ts", arch });
      assert.deepEqual(diagnostics.map(formatDiagnostic), []);
      assert.match(c, /^\/\* generated — do not edit/);
      assert.match(c, /void kernel_main__kernelMain\(uint64_t bootArg\) \{/);
      assert.match(c, /uint64_t arch_name__archName\(uint64_t a\) \{/);
      assert.ok(c.includes(`(uint64_t)a + ${n}`), `${arch} uses its own arch file`);
      assert.match(c, /#line 4 "kernel\/main.ts"/);
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("TypeScript errors are TSK0001, and a missing entry is reported", () => {
  const root = tree({
    "kernel/main.ts": 'import { u32 } from "./int.ts";\nexport const X: u32 = 5;\n',
  });
  try {
    const { diagnostics } = transpile({ root, entry: "kernel/main.ts", arch: "x86_64" });
    const ts2322 = diagnostics.find((d) => d.code === "TSK0001");
    assert.deepEqual(
      ts2322 && [ts2322.path, ts2322.line, ts2322.col, ts2322.hint],
      ["kernel/main.ts", 2, 14, "wrap the raw value: u32(...)"],
    );
    assert.match(ts2322!.message, /^Type 'number' is not assignable to type 'u32'\. .*\(TS2322\)$/);
    const missing = transpile({ root, entry: "kernel/nope.ts", arch: "x86_64" });
    assert.deepEqual(missing.diagnostics.map((d) => d.code), ["TSK0001"]);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("bare number parameters and >>> on u64 are reported beside TypeScript's errors", () => {
  const root = tree({
    "kernel/main.ts": [
      'import { u64 } from "./int.ts";',
      "export function f(a): void {}",
      "export function g(w: u64): u64 {",
      "  return u64(w >>> 1n);",
      "}",
    ].join("\n"),
  });
  try {
    const { diagnostics } = transpile({ root, entry: "kernel/main.ts", arch: "x86_64" });
    const pairs = diagnostics.map((d) => `${d.line} ${d.code}`).sort();
    assert.deepEqual(pairs, ["2 TSK0001", "2 TSK2005", "4 TSK0001", "4 TSK2103"]);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", TOP + "transpiler/main.ts", ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("main.ts: silent success writes the C; diagnostics exit 1 and write nothing", async () => {
  const root = tree({
    ...ARCH_FILES,
    "kernel/bad.ts": 'import { u32 } from "./int.ts";\nexport function f(a: u32): boolean {\n' +
      "  return a == u32(1);\n}\n",
  });
  try {
    const ok = await cli([
      "--arch",
      "aarch64",
      "--root",
      root,
      "--entry",
      "kernel/main.ts",
      "--out",
      `${root}/build/k.c`,
    ]);
    assert.deepEqual([ok.code, ok.stdout, ok.stderr], [0, "", ""]);
    assert.match(Deno.readTextFileSync(`${root}/build/k.c`), /^\/\* generated — do not edit/);
    const bad = await cli([
      "--arch",
      "x86_64",
      "--root",
      root,
      "--entry",
      "kernel/bad.ts",
      "--out",
      `${root}/build/bad.c`,
    ]);
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stderr,
      [
        "kernel/bad.ts:3:10 - error TSK2105: '==': use '==='",
        "  return a == u32(1);",
        "         ^~~~~~~~~~~",
        "hint: use === or !==",
        "",
        "1 error",
        "",
      ].join("\n"),
    );
    assert.throws(() => Deno.statSync(`${root}/build/bad.c`));
    const usage = await cli(["--arch", "riscv"]);
    assert.equal(usage.code, 2);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
