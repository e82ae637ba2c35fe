// Tests of the unsafe confinement report (tools/unsafe_report.ts): code-line counting, the
// module graph of both arches (only compiled modules count; tests, testing aids, unreachable
// files and the prelude do not), the report's lines, and the real kernel's report.

import assert from "node:assert/strict";
import { tempTree } from "../tests/temp_tree.ts";
import { fileURLToPath } from "node:url";
import { codeLines, formatReport, kernelModules, summaryLine } from "./unsafe_report.ts";

const TOP = fileURLToPath(new URL("../", import.meta.url));

Deno.test("codeLines counts lines holding a token, not comments or blank lines", () => {
  const text = [
    '"use unsafe";', // 1
    "// a comment",
    "",
    "/** JSDoc",
    " *  over lines */",
    "export function f(): void { /* inline */", // 2
    "  /* block",
    "     comment */",
    '  const s: string = "a // not a comment";', // 3
    "  g(1,", // 4
    "    2); // trailing", // 5
    "}", // 6
    "   ",
    "const t = `x", // 7
    "y`;", // 8
  ].join("\n");
  assert.equal(codeLines(text), 8);
  assert.equal(codeLines(""), 0);
  assert.equal(codeLines("// only\n/* comments */\n"), 0);
});

function tree(files: Record<string, string>): string {
  return tempTree("tsk_unsafe_", files);
}

const UNSAFE_DEV = '"use unsafe";\n// a device\nexport function poke(): void {\n}\n'; // 3 lines

Deno.test("the report follows both arches' module graphs and counts only compiled modules", () => {
  const root = tree({
    "kernel/main.ts": [
      "// the entry",
      'import { usize } from "./int.ts";',
      'import { poke } from "./dev.ts";',
      'import { archInit } from "@arch/mod.ts";',
      "",
      "export function kernelMain(bootArg: usize): void {",
      "  poke();",
      "  archInit();",
      "}",
    ].join("\n"), // 7 lines
    "kernel/dev.ts": UNSAFE_DEV,
    "kernel/dev_test.ts": UNSAFE_DEV, // not imported: never counted
    "kernel/testing/fake.ts": UNSAFE_DEV,
    "kernel/unused.ts": UNSAFE_DEV,
    "arch/x86_64/mod.ts": "export function archInit(): void {}\n", // 1 line, safe
    "arch/aarch64/mod.ts": 'import { mmio } from "./mmio.ts";\n' +
      "export function archInit(): void {\n  mmio();\n}\n", // 4 lines
    "arch/aarch64/mmio.ts": '"use unsafe";\nexport function mmio(): void {\n  return;\n}\n', // 4
  });
  try {
    const mods = kernelModules(root);
    assert.deepEqual(mods.map((m) => [m.path, m.unsafe, m.lines, m.arches.join(",")]), [
      ["arch/aarch64/mmio.ts", true, 4, "aarch64"],
      ["arch/aarch64/mod.ts", false, 4, "aarch64"],
      ["arch/x86_64/mod.ts", false, 1, "x86_64"],
      ["kernel/dev.ts", true, 3, "x86_64,aarch64"],
      ["kernel/main.ts", false, 7, "x86_64,aarch64"],
    ]);
    assert.equal(summaryLine(mods), "unsafe: 7 of 19 kernel lines (36.8%)");
    assert.equal(
      formatReport(mods),
      [
        "unsafe modules of the kernel (5 modules compiled from kernel/main.ts for x86_64 and " +
        "aarch64; code lines):",
        "    4  arch/aarch64/mmio.ts  (aarch64 only)",
        "    3  kernel/dev.ts",
        "unsafe: 7 of 19 kernel lines (36.8%)",
      ].join("\n"),
    );
    assert.equal(summaryLine([]), "unsafe: 0 of 0 kernel lines (0.0%)");
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("deno task unsafe-report: the real kernel's unsafe modules and the summary line", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", TOP + "tools/unsafe_report.ts"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const lines = text.trimEnd().split("\n");
  const last = lines.at(-1)!.match(/^unsafe: (\d+) of (\d+) kernel lines \((\d+\.\d)%\)$/);
  assert.ok(last, text);
  const listed = lines.slice(1, -1).map((l) => l.match(/^\s*(\d+) {2}(\S+)/));
  assert.ok(listed.every((m) => m !== null), text);
  const paths = listed.map((m) => m![2]);
  let sum = 0;
  for (const m of listed) {
    const source = Deno.readTextFileSync(TOP + m![2]);
    assert.match(source, /^"use unsafe";/, `${m![2]} is listed but not unsafe`);
    assert.equal(Number(m![1]), codeLines(source), m![2]);
    sum += Number(m![1]);
  }
  assert.equal(Number(last[1]), sum);
  assert.ok(Number(last[1]) < Number(last[2]));
  assert.equal(last[3], ((100 * Number(last[1])) / Number(last[2])).toFixed(1));
  // The kernel's hardware doors are unsafe; the prelude and tests never appear.
  assert.ok(paths.includes("arch/x86_64/console.ts") && paths.includes("arch/aarch64/power.ts"));
  assert.ok(paths.every((p) => !p.endsWith("_test.ts") && !p.includes("/testing/")), text);
  assert.ok(!paths.includes("kernel/intrinsics.ts"), text);
});
