// Expected-error tests: each tests/transpiler/errors/*.ts is transpiled on its own, and every
// line that must fail carries `// @expect-error TSKnnnn [TSKnnnn ...]`. The test asserts the
// exact set of (line, code) pairs, that each diagnostic has a column and names the fixture, and
// that the helper modules under errors/lib/ stay clean. Fixtures whose name ends in _aarch64
// are built for aarch64, the others for x86_64.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { transpile } from "../../transpiler/mod.ts";

const DIR = fileURLToPath(new URL("./errors/", import.meta.url));
const PRELUDE = fileURLToPath(new URL("../../kernel/", import.meta.url));

function expectedPairs(source: string): Set<string> {
  const out = new Set<string>();
  source.split("\n").forEach((text, i) => {
    const m = text.match(/\/\/ @expect-error((?: TSK\d{4})+)\s*$/);
    if (!m) return;
    for (const code of m[1].trim().split(" ")) out.add(`${i + 1} ${code}`);
  });
  return out;
}

const fixtures = [...Deno.readDirSync(DIR)]
  .filter((e) => e.isFile && e.name.endsWith(".ts"))
  .map((e) => e.name)
  .sort();

Deno.test("error fixtures exist", () => {
  assert.ok(fixtures.length >= 7, `only ${fixtures.length} fixtures`);
});

for (const name of fixtures) {
  Deno.test(`errors/${name}`, () => {
    const arch = name.endsWith("_aarch64.ts") ? "aarch64" : "x86_64";
    const { diagnostics } = transpile({ root: DIR, entry: name, arch, prelude: PRELUDE });
    const elsewhere = diagnostics.filter((d) => d.path !== name);
    assert.deepEqual(elsewhere, [], "diagnostics outside the fixture");
    for (const d of diagnostics) assert.ok(d.col >= 1, `no column: ${JSON.stringify(d)}`);
    const got = new Set(diagnostics.map((d) => `${d.line} ${d.code}`));
    const want = expectedPairs(Deno.readTextFileSync(DIR + name));
    const missing = [...want].filter((p) => !got.has(p));
    const extra = diagnostics.filter((d) => !want.has(`${d.line} ${d.code}`))
      .map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`);
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  });
}
