// The error-code registry (transpiler/codes.ts) is the one list of codes: every code the
// transpiler's sources report is registered and every registered code is reported somewhere;
// docs/SUBSET.md's error-code table lists exactly the registry, in order, with the registry's
// titles; every code the expected-error fixtures name is registered, and every registered code
// but TSK0001 (TypeScript's errors, tested in cli_test.ts) has at least one fixture.
//
// When you add a code: add it to CODES, write its row in the SUBSET.md table (the same title),
// report it from the transpiler, and add a `// @expect-error TSKnnnn` line to a fixture.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { CODES, isTskCode } from "../../transpiler/codes.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const CODE_RE = /TSK\d{4}/g;

/** The .ts files under a folder of the repository, recursively, as [relative path, text]. */
function tsFiles(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (rel: string): void => {
    for (const e of Deno.readDirSync(TOP + rel)) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory) walk(path);
      else if (e.isFile && e.name.endsWith(".ts")) {
        out.push([path, Deno.readTextFileSync(TOP + path)]);
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a[0] < b[0] ? -1 : 1);
}

/** The rows of the error-code table of docs/SUBSET.md: [code, meaning] in document order. */
function subsetCodeTable(markdown: string): [string, string][] {
  const start = markdown.search(/^## \d+\. Error codes\s*$/m);
  assert.ok(start >= 0, "docs/SUBSET.md has no '## N. Error codes' section");
  const rest = markdown.slice(start);
  const next = rest.slice(3).search(/^## /m);
  const section = next >= 0 ? rest.slice(0, next + 3) : rest;
  const rows: [string, string][] = [];
  for (const line of section.split("\n")) {
    const m = line.match(/^\|\s*(TSK\d{4})\s*\|\s*(.*?)\s*\|\s*$/);
    if (m) rows.push([m[1], m[2]]);
  }
  return rows;
}

const sources = tsFiles("transpiler").filter(([p]) => p !== "transpiler/codes.ts");

Deno.test("every code named in the transpiler's sources is registered", () => {
  const unknown = new Set<string>();
  for (const [path, text] of sources) {
    for (const code of text.match(CODE_RE) ?? []) {
      if (!isTskCode(code)) unknown.add(`${code} (${path})`);
    }
  }
  const list = [...unknown];
  assert.deepEqual(list, [], `add these codes to transpiler/codes.ts: ${list.join(", ")}`);
});

Deno.test("every registered code is reported by the transpiler", () => {
  const used = new Set<string>();
  for (const [, text] of sources) {
    for (const m of text.matchAll(/["'`](TSK\d{4})["'`]/g)) used.add(m[1]);
  }
  const unused = Object.keys(CODES).filter((c) => !used.has(c));
  assert.deepEqual(unused, [], `registered but never reported (remove from codes.ts): ${unused}`);
});

Deno.test("docs/SUBSET.md's error-code table lists exactly the registry, in order", () => {
  const rows = subsetCodeTable(Deno.readTextFileSync(TOP + "docs/SUBSET.md"));
  const registry = Object.entries(CODES).map(([code, info]) => [code, info.title]);
  assert.deepEqual(rows, registry);
  const sorted = [...registry].sort((a, b) => a[0] < b[0] ? -1 : 1);
  assert.deepEqual(registry, sorted, "keep codes.ts in numeric order");
});

Deno.test("the registry's titles and hints are one-liners", () => {
  for (const [code, info] of Object.entries(CODES)) {
    assert.match(code, /^TSK[0-3]\d{3}$/);
    for (const text of [info.title, info.hint]) {
      assert.ok(text.length > 0 && text.length <= 100 && !text.includes("\n"), `${code}: ${text}`);
    }
  }
});

Deno.test("expected-error fixtures name registered codes and cover every code", () => {
  const named = new Map<string, string[]>();
  for (const [path, text] of tsFiles("tests/transpiler/errors")) {
    for (const m of text.matchAll(/@expect-error((?: TSK\d{4})+)/g)) {
      for (const code of m[1].trim().split(" ")) {
        named.set(code, [...(named.get(code) ?? []), path]);
      }
    }
  }
  const unknown = [...named.keys()].filter((c) => !isTskCode(c));
  assert.deepEqual(unknown, [], `fixtures expect unregistered codes: ${unknown}`);
  const uncovered = Object.keys(CODES).filter((c) => c !== "TSK0001" && !named.has(c));
  assert.deepEqual(uncovered, [], `codes without an expected-error fixture: ${uncovered}`);
});

Deno.test("the SUBSET.md table parser reads rows and stops at the next section", () => {
  const md = "# T\n## 7. Other\n| TSK9999 | no |\n## 8. Error codes\n\n| code | meaning |\n" +
    "| --- | --- |\n| TSK0001 | a `b` c |\n| TSK1000 | d |\n\n## 9. Rules\n| TSK2000 | e |\n";
  assert.deepEqual(subsetCodeTable(md), [["TSK0001", "a `b` c"], ["TSK1000", "d"]]);
});
