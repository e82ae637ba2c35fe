// Golden tests: each tests/transpiler/golden/NAME.ts (not the helpers under lib/) transpiles
// without diagnostics to exactly NAME.c, for aarch64 if NAME ends in _aarch64, else x86_64.
// `UPDATE_GOLDEN=1 deno test -A tests/transpiler/golden_test.ts` rewrites the .c files. Each
// golden C must also compile warning-free (-Wall -Wextra -Werror) for its bare-metal target.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const DIR = TOP + "tests/transpiler/golden/";
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

const names = [...Deno.readDirSync(DIR)]
  .filter((e) => e.isFile && e.name.endsWith(".ts"))
  .map((e) => e.name.slice(0, -3))
  .sort();

for (const name of names) {
  const arch = name.endsWith("_aarch64") ? "aarch64" : "x86_64";
  Deno.test(`golden/${name}.ts`, async () => {
    const { c, diagnostics } = transpile({
      root: DIR,
      entry: `${name}.ts`,
      arch,
      prelude: TOP + "kernel",
    });
    assert.deepEqual(diagnostics.map(formatDiagnostic), []);
    const path = `${DIR}${name}.c`;
    if (UPDATE) Deno.writeTextFileSync(path, c);
    assert.equal(c, Deno.readTextFileSync(path), `${name}.c is stale (UPDATE_GOLDEN=1)`);
    const tmp = Deno.makeTempDirSync({ prefix: "tsk_golden_" });
    const out = await new Deno.Command(TOP + ".toolchain/bin/zig", {
      args: [
        "cc",
        "-target",
        `${arch}-freestanding`,
        "-std=c11",
        "-ffreestanding",
        "-O2",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-I",
        TOP + "transpiler/runtime",
        "-c",
        path,
        "-o",
        `${tmp}/${name}.o`,
      ],
      stderr: "piped",
    }).output();
    Deno.removeSync(tmp, { recursive: true });
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
  });
}
