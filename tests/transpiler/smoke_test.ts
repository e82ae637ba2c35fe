// Hosted smoke test: each program smoke/*.ts (ops.ts: integer operations; control.ts: enums,
// switch, function values, generics) runs under Deno (against kernel/int.ts) and, transpiled and
// compiled with `zig cc` for Linux (musl, -O2, UB sanitizer in trap mode), as a native program;
// every exported function is called with the same argument vectors in both worlds and the
// printed results (or PANIC) must be identical. The C harness defines kernel_panic__panic as a
// longjmp back to the call site, so one run covers many panics. aarch64 runs under qemu-aarch64
// (Debian qemu-user, installed by tools/setup.sh).

import assert from "node:assert/strict";
import { combos, type IntFn, intSignatures } from "./int_signatures.ts";
import { compile, execute, type Target } from "../diff/hosted.ts";
import { fileURLToPath } from "node:url";
import { cString, cTypedLit } from "../../transpiler/c_text.ts";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";
import { INT_KINDS, type IntKind } from "../../transpiler/types.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const DIR = TOP + "tests/transpiler/smoke/";

const VECTORS: Record<IntKind, bigint[]> = {
  u8: [0n, 1n, 127n, 128n, 255n],
  i8: [0n, 1n, -1n, 127n, -128n],
  u16: [0n, 1n, 255n, 32768n, 65535n],
  i16: [0n, 1n, -1n, -7n, 32767n, -32768n],
  u32: [0n, 1n, 2n, 31n, 32n, 33n, 0x7fffffffn, 0x80000000n, 0xffffffffn],
  i32: [0n, 1n, -1n, 7n, -7n, 0x7fffffffn, -0x80000000n],
  usize: [0n, 1n, 4095n, 4096n, 1n << 32n, (1n << 53n) - 1n],
  u64: [0n, 1n, 3n, 63n, 64n, 1n << 63n, (1n << 64n) - 1n, (1n << 30n) - 1n, 12345678901234567n],
  i64: [0n, 1n, -1n, -7n, 64n, (1n << 63n) - 1n, -(1n << 63n)],
};

interface Call {
  fn: IntFn;
  args: bigint[];
  label: string;
}

function calls(fns: IntFn[]): Call[] {
  return fns.flatMap((fn) =>
    combos(fn.params, VECTORS).map((args) => ({ fn, args, label: `${fn.name}(${args.join(",")})` }))
  );
}

const denoCache = new Map<string, Promise<string>>();

/** What Deno prints (computed once per program: a program has module state, like the one C run
 *  per arch). */
function denoResults(program: string, list: Call[]): Promise<string> {
  if (!denoCache.has(program)) denoCache.set(program, computeDeno(program, list));
  return denoCache.get(program)!;
}

async function computeDeno(program: string, list: Call[]): Promise<string> {
  const mod = await import(`${DIR}${program}.ts`) as Record<string, (...a: unknown[]) => unknown>;
  const lines = list.map(({ fn, args, label }) => {
    const jsArgs = args.map((v, i) => INT_KINDS[fn.params[i]].big ? v : Number(v));
    try {
      return `${label} = ${String(mod[fn.name](...jsArgs))}`;
    } catch {
      return `${label} = PANIC`;
    }
  });
  return lines.join("\n") + "\n";
}

/** The C program: one function per tested function, looping over the same vectors. */
function harness(program: string, fns: IntFn[], generated: string): string {
  const lines = [
    "#include <setjmp.h>",
    "#include <stdio.h>",
    '#include "tsk_rt.h"',
    "static jmp_buf tsk_jump;",
    "_Noreturn void kernel_panic__panic(tsk_str msg) { (void)msg; longjmp(tsk_jump, 1); }",
    generated,
  ];
  const used = new Set(fns.flatMap((f) => f.params));
  for (const k of (Object.keys(VECTORS) as IntKind[]).filter((k) => used.has(k))) {
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
    const args = fn.params.map((k, i) => `V_${k}[i${i}]`);
    const label = `${fn.name}(${fn.params.map(fmt).join(",")}) = `;
    const labelArgs = fn.params.map((k, i) => `, ${cast(k)}V_${k}[i${i}]`).join("");
    lines.push(
      "  {",
      `    printf(${cString(label)}${labelArgs});`,
      `    if (setjmp(tsk_jump) == 0) printf("${fmt(fn.ret)}\\n", ${
        cast(fn.ret)
      }${program}__${fn.name}(${args.join(", ")}));`,
      `    else printf("PANIC\\n");`,
      "  }",
      "}",
    );
  }
  lines.push("int main(void) {", ...fns.map((f) => `  test_${f.name}();`), "  return 0;", "}");
  return lines.join("\n") + "\n";
}

const TARGETS: { arch: Target }[] = [{ arch: "x86_64" }, { arch: "aarch64" }];

const PROGRAMS = [...Deno.readDirSync(DIR)]
  .filter((e) => e.isFile && e.name.endsWith(".ts"))
  .map((e) => e.name.slice(0, -3))
  .sort();

for (const { arch } of TARGETS) {
  for (const program of PROGRAMS) {
    Deno.test({
      name: `smoke: Deno and C (${arch}-linux-musl) agree on smoke/${program}.ts`,
      fn: async () => {
        const { c, diagnostics } = transpile({
          root: DIR,
          entry: `${program}.ts`,
          arch,
          prelude: TOP + "kernel",
        });
        assert.deepEqual(diagnostics.map(formatDiagnostic), []);
        const fns = intSignatures(Deno.readTextFileSync(`${DIR}${program}.ts`));
        const list = calls(fns);
        assert.ok(list.length > 400, `${list.length} calls`);
        const tmp = Deno.makeTempDirSync({ prefix: "tsk_smoke_" });
        try {
          Deno.writeTextFileSync(`${tmp}/main.c`, harness(program, fns, c));
          const exe = await compile(`${tmp}/main.c`, { target: arch, opt: "-O2" }, `${tmp}/smoke`);
          const { stdout: got, status } = await execute(exe, arch, []);
          assert.equal(status, 0, got);
          const want = await denoResults(program, list);
          const wantLines = want.split("\n");
          const diff = got.split("\n").map((l, i) => `C: ${l}\nDeno: ${wantLines[i]}`)
            .filter((_, i) => got.split("\n")[i] !== wantLines[i]).slice(0, 10);
          assert.ok(diff.length === 0, `C and Deno differ:\n${diff.join("\n")}`);
          assert.equal(got, want);
        } finally {
          Deno.removeSync(tmp, { recursive: true });
        }
      },
    });
  }
}
