// Diagnostics: how the transpiler reports an error, as data and as text.
//
// A Reporter collects diagnostics against nodes of the TypeScript AST. Positions are 1-based,
// paths are relative to the build root (so messages are stable across machines), and codes are
// the keys of the registry in codes.ts (TSK0001 = TypeScript's own errors). Each diagnostic keeps
// the text of its source line and the width of the offending span on that line, so formatting
// needs no file access. Reporting never throws: the walkers report and carry on, and the caller
// fails the build on any diagnostic. formatDiagnostic writes tsc's layout, without colours:
//
//   kernel/bad.ts:3:10 - error TSK2105: '==': use '==='
//     return a == u32(1);
//            ^~~~~~~~~~~
//   hint: use === or !==

import { relative } from "node:path";
import { CODES, type TskCode } from "./codes.ts";
import { ts } from "./tsapi.ts";

/** Every code the transpiler reports: a key of the registry (codes.ts, docs/SUBSET.md §8). */
export type Code = TskCode;

/** One error, located in a source file relative to the build root. */
export interface Diagnostic {
  /** The file, relative to the build root, with `/`. */
  path: string;
  /** 1-based line and column (UTF-16 units, as TypeScript counts). */
  line: number;
  col: number;
  code: Code;
  message: string;
  /** How to fix it: the call site's own hint, else the registry's. */
  hint: string;
  /** The text of the line (no line break); empty when there is no source (e.g. no file). */
  source: string;
  /** Width of the offending span on that line (at least 1 when source is non-empty). */
  length: number;
}

/** What a caller supplies to Reporter.add: the rest has defaults. */
export type DiagnosticInput =
  & Omit<Diagnostic, "hint" | "source" | "length">
  & Partial<Pick<Diagnostic, "hint" | "source" | "length">>;

/** The caret line under a span: `^` then `~` for the rest, aligned through tabs. */
export function caretLine(source: string, col: number, length: number): string {
  const pad = source.slice(0, col - 1).replace(/[^\t]/g, " ");
  return pad + "^" + "~".repeat(Math.max(0, length - 1));
}

/** Formats a diagnostic: header, source line and caret line (when there is a source), hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.path}:${d.line}:${d.col} - error ${d.code}: ${d.message}`];
  if (d.source.trim() !== "") lines.push(d.source, caretLine(d.source, d.col, d.length));
  lines.push(`hint: ${d.hint}`);
  return lines.join("\n");
}

/** The whole report of a failed build: the diagnostics, blank-line separated, then a count. */
export function formatDiagnostics(list: Diagnostic[]): string {
  const n = list.length;
  return [...list.map(formatDiagnostic), `${n} error${n === 1 ? "" : "s"}`].join("\n\n");
}

/** The text of a 0-based line, and the offsets where it starts and ends (before its break). */
function lineAt(sf: ts.SourceFile, line: number): { text: string; start: number; end: number } {
  const starts = sf.getLineStarts();
  const start = starts[line];
  let end = line + 1 < starts.length ? starts[line + 1] : sf.text.length;
  while (end > start && (sf.text[end - 1] === "\n" || sf.text[end - 1] === "\r")) end--;
  return { text: sf.text.slice(start, end), start, end };
}

/** Collects diagnostics; `node` positions exclude leading trivia (comments, blank lines). */
export class Reporter {
  private readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly root: string) {}

  /** Reports at node: the caret spans the node (to the end of its first line). */
  at(node: ts.Node, code: Code, message: string, hint?: string): void {
    const sf = node.getSourceFile();
    const start = node.getStart(sf);
    this.atPos(sf, start, code, message, node.getEnd() - start, hint);
  }

  /** Reports at a character offset of a source file, over `length` characters. */
  atPos(
    sf: ts.SourceFile,
    pos: number,
    code: Code,
    message: string,
    length = 1,
    hint?: string,
  ): void {
    const lc = sf.getLineAndCharacterOfPosition(pos);
    const line = lineAt(sf, lc.line);
    const width = Math.min(pos + Math.max(1, length), line.end) - pos;
    this.add({
      path: this.pathOf(sf.fileName),
      line: lc.line + 1,
      col: lc.character + 1,
      code,
      message,
      hint,
      source: line.text,
      length: Math.max(1, width),
    });
  }

  /** Reports a diagnostic, e.g. one that belongs to no node (a missing entry file). */
  add(d: DiagnosticInput): void {
    const full: Diagnostic = {
      ...d,
      hint: d.hint ?? CODES[d.code].hint,
      source: d.source ?? "",
      length: d.length ?? 1,
    };
    const key = `${full.path}:${full.line}:${full.col}:${full.code}:${full.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(full);
  }

  /** The path of a file as diagnostics write it: relative to the root, with `/`. */
  pathOf(fileName: string): string {
    return relative(this.root, fileName).replaceAll("\\", "/");
  }

  count(): number {
    return this.list.length;
  }

  /** All diagnostics, ordered by path, line and column. */
  sorted(): Diagnostic[] {
    return [...this.list].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.col - b.col
    );
  }
}
