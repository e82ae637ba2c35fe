// Tests of the diagnostic format (transpiler/diagnostics.ts): the header, the source line with
// a caret line under the span (through tabs, clipped to the first line, without the CR of a CRLF
// file), the hint (the registry's unless the call site gives one), sourceless diagnostics,
// de-duplication, and the closing count of a report.

import assert from "node:assert/strict";
import { CODES } from "../../transpiler/codes.ts";
import {
  caretLine,
  type Diagnostic,
  formatDiagnostic,
  formatDiagnostics,
  Reporter,
} from "../../transpiler/diagnostics.ts";
import { ts } from "../../transpiler/tsapi.ts";

const ROOT = "/build";

function source(text: string): ts.SourceFile {
  return ts.createSourceFile(`${ROOT}/kernel/x.ts`, text, ts.ScriptTarget.ES2022, true);
}

/** The first node of a kind in sf, in source order. */
function find(sf: ts.SourceFile, kind: ts.SyntaxKind): ts.Node {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && n.kind === kind) found = n;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(sf);
  assert.ok(found, `no ${ts.SyntaxKind[kind]}`);
  return found;
}

Deno.test("a diagnostic prints header, source line, caret span and the registry's hint", () => {
  const sf = source("function f(a: u32): boolean {\n  return a == b;\n}\n");
  const rep = new Reporter(ROOT);
  rep.at(find(sf, ts.SyntaxKind.BinaryExpression), "TSK2105", "'==': use '==='");
  const [d] = rep.sorted();
  assert.deepEqual(
    { ...d },
    {
      path: "kernel/x.ts",
      line: 2,
      col: 10,
      code: "TSK2105",
      message: "'==': use '==='",
      hint: CODES.TSK2105.hint,
      source: "  return a == b;",
      length: 6,
    },
  );
  assert.equal(
    formatDiagnostic(d),
    "kernel/x.ts:2:10 - error TSK2105: '==': use '==='\n" +
      "  return a == b;\n" +
      "         ^~~~~~\n" +
      `hint: ${CODES.TSK2105.hint}`,
  );
});

Deno.test("the caret follows tabs, stops at the end of the first line and skips a CR", () => {
  const sf = source("function f(): void {\r\n\tif (a ===\r\n\t\tb) {}\r\n}\r\n");
  const rep = new Reporter(ROOT);
  rep.at(find(sf, ts.SyntaxKind.BinaryExpression), "TSK2106", "mixed", "a specific hint");
  const [d] = rep.sorted();
  assert.deepEqual([d.line, d.col, d.source, d.length, d.hint], [
    2,
    6,
    "\tif (a ===",
    5,
    "a specific hint",
  ]);
  assert.equal(formatDiagnostic(d).split("\n")[2], "\t    ^~~~~");
  assert.equal(caretLine("ab\tcd", 5, 1), "  \t ^");
});

Deno.test("atPos clips a span to at least one column and at most the line", () => {
  const sf = source("let x = 1;\nlet y = 2;\n");
  const rep = new Reporter(ROOT);
  rep.atPos(sf, 4, "TSK0001", "zero width", 0);
  rep.atPos(sf, 15, "TSK0001", "too wide", 100);
  const [a, b] = rep.sorted();
  assert.deepEqual([a.col, a.length, b.line, b.col, b.length], [5, 1, 2, 5, 6]);
  assert.equal(formatDiagnostic(b).split("\n")[2], "    ^~~~~~");
});

Deno.test("a diagnostic without source has no caret; duplicates are dropped; a report counts", () => {
  const rep = new Reporter(ROOT);
  const missing = {
    path: "kernel/nope.ts",
    line: 1,
    col: 1,
    code: "TSK0001" as const,
    message: "cannot read the entry file",
  };
  rep.add(missing);
  rep.add(missing);
  assert.equal(rep.count(), 1);
  const [d] = rep.sorted();
  assert.equal(
    formatDiagnostic(d),
    `kernel/nope.ts:1:1 - error TSK0001: cannot read the entry file\nhint: ${CODES.TSK0001.hint}`,
  );
  assert.equal(formatDiagnostics([d]), formatDiagnostic(d) + "\n\n1 error");
  const two: Diagnostic[] = [d, { ...d, line: 2 }];
  const text = formatDiagnostics(two);
  assert.equal(text.split("\n\n").length, 3);
  assert.ok(text.endsWith("\n\n2 errors"), text);
  assert.equal(formatDiagnostics([]), "0 errors");
});

Deno.test("diagnostics sort by path, line and column", () => {
  const rep = new Reporter(ROOT);
  const at = (path: string, line: number, col: number) =>
    rep.add({ path, line, col, code: "TSK1000", message: `${path}:${line}:${col}` });
  at("b.ts", 1, 1);
  at("a.ts", 3, 2);
  at("a.ts", 3, 1);
  at("a.ts", 1, 9);
  assert.deepEqual(rep.sorted().map((d) => d.message), [
    "a.ts:1:9",
    "a.ts:3:1",
    "a.ts:3:2",
    "b.ts:1:1",
  ]);
});
