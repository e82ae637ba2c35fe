// Rule coverage: every rule of docs/SUBSET.md has a stable ID, `[R-AREA-n]` at the start of its
// bullet, table row or paragraph, and is exercised by tests that name it with `// @rule ID`:
//
// - a rule that forbids (it cites TSKnnnn codes) by expected-error fixtures, the files of
//   tests/transpiler/errors/ and the cases of tests/transpiler/error_trees_test.ts: the `// @rule`
//   line sits above the line that carries `// @expect-error` (only comment lines between), and
//   across the fixtures every code the rule cites is expected under it;
// - a rule that allows something (every rule but the forbid-only ones, whose text starts with
//   "Forbidden" or "No", or whose table row says "no") by a differential case under
//   tests/diff/cases/, which runs it under Deno and as C and compares.
//
// IDs are stable: a new rule takes the next free number of its area, a dropped rule's number is
// never reused. Every bullet and table row outside the error-code table carries an ID, and tests
// may name only IDs that exist. PENDING_DIFF lists the allowed rules that no differential case
// names yet: the set of uncovered rules may shrink but never grow.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const TOP = fileURLToPath(new URL("../", import.meta.url));
const TAG_RE = /\[(R-[A-Z]+-\d+)\]/g;
const ID_RE = /^R-[A-Z]+-[1-9]\d*$/;

/** Allowed rules without a differential case yet (to be written; see the file comment). */
const PENDING_DIFF = new Set<string>([]);

export interface Rule {
  id: string;
  section: string;
  /** The rule's text: from its tag to the next tag or the end of its block. */
  text: string;
  /** The codes the rule cites: it forbids something, and needs expected-error fixtures. */
  codes: string[];
  /** It allows something, and needs a differential case. */
  allows: boolean;
}

interface Block {
  kind: "row" | "bullet" | "para";
  section: string;
  text: string;
}

/** Splits Markdown into table rows, bullets (with their continuation lines) and paragraphs,
 *  skipping headings, code fences and table header/separator rows. */
export function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let section = "";
  let cur: Block | null = null;
  let fence = false;
  let tableLine = 0;
  const flush = () => {
    if (cur) out.push(cur);
    cur = null;
  };
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) continue;
    if (line.startsWith("#")) {
      flush();
      section = line.replace(/^#+\s*/, "");
      continue;
    }
    if (line.trim() === "") {
      flush();
      tableLine = 0;
      continue;
    }
    if (line.startsWith("|")) {
      flush();
      tableLine++;
      if (tableLine > 2) out.push({ kind: "row", section, text: line });
      continue;
    }
    if (line.startsWith("- ")) {
      flush();
      cur = { kind: "bullet", section, text: line.slice(2) };
      continue;
    }
    if (cur) cur.text += " " + line.trim();
    else cur = { kind: "para", section, text: line };
  }
  flush();
  return out;
}

/** The tagged rules of a SUBSET.md text, in document order. */
export function parseRules(markdown: string): Rule[] {
  const rules: Rule[] = [];
  for (const b of blocks(markdown)) {
    const tags = [...b.text.matchAll(TAG_RE)];
    tags.forEach((m, i) => {
      const end = i + 1 < tags.length ? tags[i + 1].index : b.text.length;
      const text = b.text.slice(m.index + m[0].length, end).trim();
      const codes = [...new Set(text.match(/TSK\d{4}/g) ?? [])];
      const cells = b.kind === "row" ? text.split("|").map((c) => c.trim()) : [];
      const forbidOnly = /^(Forbidden|No)\b/.test(text) || cells.some((c) => /^no\b/.test(c));
      rules.push({ id: m[1], section: b.section, text, codes, allows: !forbidOnly });
    });
  }
  return rules;
}

/** The .ts files directly in a folder, or in its whole tree, as [path, text]. */
function tsFiles(dir: string, deep: boolean): [string, string][] {
  const out: [string, string][] = [];
  const walk = (rel: string): void => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(TOP + rel)];
    } catch {
      return; // the folder does not exist (yet)
    }
    for (const e of entries) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory && deep) walk(path);
      else if (e.isFile && e.name.endsWith(".ts")) {
        out.push([path, Deno.readTextFileSync(TOP + path)]);
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a[0] < b[0] ? -1 : 1);
}

/** The `// @rule A B` references of a file: [line index, ids]. */
function ruleRefs(text: string): [number, string[]][] {
  const out: [number, string[]][] = [];
  text.split("\n").forEach((line, i) => {
    const m = line.match(/\/\/ @rule((?:\s+R-[A-Z]+-\d+)+)\s*$/);
    if (m) out.push([i, m[1].trim().split(/\s+/)]);
  });
  return out;
}

const RULES = parseRules(Deno.readTextFileSync(TOP + "docs/SUBSET.md"));
const BY_ID = new Map(RULES.map((r) => [r.id, r]));
const FIXTURES = [
  ...tsFiles("tests/transpiler/errors", false),
  ...tsFiles("tests/transpiler", false).filter(([p]) => p.endsWith("/error_trees_test.ts")),
];
// Differential programs: the corpus, plus the programs that other Deno-vs-C tests run in both
// worlds (tests/transpiler/{data,klog,smoke}/ and the bounds-check build test).
const CASES = [
  ...tsFiles("tests/diff/cases", true),
  ...tsFiles("tests/transpiler/data", false),
  ...tsFiles("tests/transpiler/klog", false),
  ...tsFiles("tests/transpiler/smoke", false),
  ...tsFiles("tests/transpiler", false).filter(([p]) => p.endsWith("/data_test.ts")),
];

Deno.test("rule IDs are well-formed and unique", () => {
  assert.ok(RULES.length >= 100, `only ${RULES.length} rules`);
  const bad = RULES.filter((r) => !ID_RE.test(r.id)).map((r) => r.id);
  assert.deepEqual(bad, []);
  const seen = new Set<string>();
  const dup = RULES.filter((r) => seen.has(r.id) || !seen.add(r.id)).map((r) => r.id);
  assert.deepEqual(dup, [], `duplicate rule IDs: ${dup}`);
});

Deno.test("every bullet and table row of the rule sections carries a rule ID", () => {
  const untagged = blocks(Deno.readTextFileSync(TOP + "docs/SUBSET.md"))
    .filter((b) => b.kind !== "para" && !/Error codes/.test(b.section))
    .filter((b) => !/^\|?\s*\[R-[A-Z]+-\d+\]/.test(b.text))
    .map((b) => `${b.section}: ${b.text.slice(0, 60)}`);
  assert.deepEqual(untagged, []);
});

Deno.test("tests name only rule IDs that exist", () => {
  const unknown: string[] = [];
  for (const [path, text] of [...FIXTURES, ...CASES]) {
    for (const [i, ids] of ruleRefs(text)) {
      for (const id of ids) if (!BY_ID.has(id)) unknown.push(`${path}:${i + 1} ${id}`);
    }
  }
  assert.deepEqual(unknown, []);
});

/** Per forbidden rule, the codes expected right below its `// @rule` lines in the fixtures. */
function fixtureCodes(): { byRule: Map<string, Set<string>>; dangling: string[] } {
  const byRule = new Map<string, Set<string>>();
  const dangling: string[] = [];
  for (const [path, text] of FIXTURES) {
    const lines = text.split("\n");
    for (const [i, ids] of ruleRefs(text)) {
      let j = i + 1;
      while (j < lines.length && /^\s*\/\//.test(lines[j])) j++; // e.g. // @ts-expect-error
      const m = lines[j]?.match(/\/\/ @expect-error((?: TSK\d{4})+)\s*$/);
      if (!m) {
        dangling.push(`${path}:${i + 1}`);
        continue;
      }
      const codes = m[1].trim().split(" ");
      for (const id of ids) {
        const set = byRule.get(id) ?? new Set();
        for (const c of codes) set.add(c);
        byRule.set(id, set);
      }
    }
  }
  return { byRule, dangling };
}

Deno.test("every code a forbidding rule cites is expected by a fixture line naming the rule", () => {
  const { byRule, dangling } = fixtureCodes();
  assert.deepEqual(dangling, [], `// @rule lines not above an @expect-error: ${dangling}`);
  const missing: string[] = [];
  for (const r of RULES) {
    const got = byRule.get(r.id) ?? new Set();
    for (const code of r.codes) if (!got.has(code)) missing.push(`${r.id} ${code}`);
  }
  assert.deepEqual(missing, [], `add fixtures (tests/transpiler/errors/): ${missing.join(", ")}`);
});

Deno.test("every allowed rule is named by a differential case (or is pending)", () => {
  const named = new Set(CASES.flatMap(([, text]) => ruleRefs(text).flatMap(([, ids]) => ids)));
  const uncovered = RULES.filter((r) => r.allows && !named.has(r.id)).map((r) => r.id);
  const unexpected = uncovered.filter((id) => !PENDING_DIFF.has(id));
  assert.deepEqual(unexpected, [], `add diff cases (tests/diff/cases/): ${unexpected.join(" ")}`);
  const stale = [...PENDING_DIFF].filter((id) => named.has(id));
  assert.deepEqual(stale, [], `PENDING_DIFF names rules that have cases now: ${stale}`);
  const notAllowed = [...PENDING_DIFF].filter((id) => !BY_ID.get(id)?.allows);
  assert.deepEqual(notAllowed, [], `PENDING_DIFF names rules that allow nothing: ${notAllowed}`);
});

Deno.test("the SUBSET.md rule parser: blocks, tags, codes and forbid-only rules", () => {
  const md = [
    "# T",
    "## 1. A",
    "| c | allowed |",
    "| - | - |",
    "| [R-A-1] `x` | yes |",
    "| [R-A-2] `y` | no, TSK1001 |",
    "",
    "- [R-A-3] wrap it (TSK2101),",
    "  else TSK2106.",
    "- plain bullet",
    "",
    "[R-A-4] Forbidden: `z` (TSK1000). [R-A-5] Allowed: `w`.",
    "```",
    "[R-A-9] in a fence",
    "```",
    "- [R-A-6] No `v` (TSK1001), for example:",
    "  ```ts",
    "  [R-A-8] in an indented fence",
    "  ```",
  ].join("\n");
  const rules = parseRules(md);
  assert.deepEqual(rules.map((r) => [r.id, r.codes.join(","), r.allows]), [
    ["R-A-1", "", true],
    ["R-A-2", "TSK1001", false],
    ["R-A-3", "TSK2101,TSK2106", true],
    ["R-A-4", "TSK1000", false],
    ["R-A-5", "", true],
    ["R-A-6", "TSK1001", false],
  ]);
  assert.equal(rules[4].text, "Allowed: `w`.");
  assert.equal(rules[0].section, "1. A");
});
