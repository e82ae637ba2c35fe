// Expected-error cases that need a build tree of their own, where the fixtures of errors/ cannot
// go: their build root is errors/ and their prelude the real kernel/, so they can neither import
// kernel/klog.ts (outside the root) nor replace it. Each case here is a small tree written to a
// temporary root (with copies of the prelude modules it needs); its entry's lines carry
// `// @expect-error TSKnnnn` and `// @rule ID` like the fixtures (tests/rules_test.ts reads this
// file as one), and the test asserts the exact set of (line, code) pairs.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { transpile } from "../../transpiler/mod.ts";

const KERNEL = fileURLToPath(new URL("../../kernel/", import.meta.url));

/** A klog.ts with the sinks and, unless `bare`, every writer the template lowering needs. */
function klogModule(bare: boolean): string {
  const writers = [
    "export function kputc(b: u8): void {}",
    "export function kprintU32(v: u32): void {}",
    "export function kprintU64(v: u64): void {}",
    "export function kprintI64(v: i64): void {}",
    "export function kprintHex32(v: u32): void {}",
    "export function kprintHex64(v: u64): void {}",
  ];
  return [
    'import type { i64, u32, u64, u8 } from "./int.ts";',
    "export function kprint(s: string): void {}",
    "export function klog(s: string): void {}",
    ...(bare ? [] : writers),
  ].join("\n") + "\n";
}

interface TreeCase {
  name: string;
  /** Files besides the copied prelude (int.ts, intrinsics.ts, fmt.ts); the entry is main.ts. */
  files: Record<string, string>;
}

const CASES: TreeCase[] = [
  {
    name: "klog without its writers",
    files: {
      "kernel/klog.ts": klogModule(true),
      "kernel/main.ts": `import { u32 } from "./int.ts";
import { klog } from "./klog.ts";
export function kernelMain(n: u32): void {
  // @rule R-KLOG-3
  klog(\`n = \${n}\`); // @expect-error TSK2202
}
`,
    },
  },
  {
    name: "klog of a raw integer",
    files: {
      "kernel/klog.ts": klogModule(false),
      "kernel/main.ts": `import { u32 } from "./int.ts";
import { klog } from "./klog.ts";
export function kernelMain(n: u32): void {
  klog(\`n = \${n}\`);
  // @rule R-KLOG-2
  klog(\`n + 1 = \${n + 1}\`); // @expect-error TSK2101
}
`,
    },
  },
];

function expectedPairs(source: string): string[] {
  const out: string[] = [];
  source.split("\n").forEach((text, i) => {
    const m = text.match(/\/\/ @expect-error((?: TSK\d{4})+)\s*$/);
    if (m) { for (const code of m[1].trim().split(" ")) out.push(`${i + 1} ${code}`); }
  });
  return out.sort();
}

for (const c of CASES) {
  Deno.test(`error tree: ${c.name}`, () => {
    const root = Deno.makeTempDirSync({ prefix: "tsk_tree_" });
    try {
      Deno.mkdirSync(`${root}/kernel`);
      for (const p of ["int.ts", "intrinsics.ts", "fmt.ts"]) {
        Deno.copyFileSync(KERNEL + p, `${root}/kernel/${p}`);
      }
      for (const [path, text] of Object.entries(c.files)) {
        Deno.writeTextFileSync(`${root}/${path}`, text);
      }
      const { diagnostics } = transpile({ root, entry: "kernel/main.ts", arch: "x86_64" });
      const got = diagnostics.map((d) => `${d.line} ${d.code}`).sort();
      const want = expectedPairs(c.files["kernel/main.ts"]);
      assert.ok(want.length > 0);
      assert.deepEqual(got, want, diagnostics.map((d) => d.message).join("\n"));
      assert.ok(diagnostics.every((d) => d.path === "kernel/main.ts"));
    } finally {
      Deno.removeSync(root, { recursive: true });
    }
  });
}
