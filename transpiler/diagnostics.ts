// Diagnostics: the one error format of the transpiler, `path:line:col: TSKnnnn message`.
//
// A Reporter collects diagnostics against nodes of the TypeScript AST. Positions are 1-based,
// paths are relative to the build root (so messages are stable across machines), and codes are
// the closed set of docs/SUBSET.md §8 plus TSK0001 for TypeScript's own errors. Reporting never
// throws: the walkers report and carry on, and the caller fails the build on any diagnostic.

import { relative } from "node:path";
import { ts } from "./tsapi.ts";

/** Every code the transpiler reports (docs/SUBSET.md §8; TSK0001 = a TypeScript error). */
export type Code =
  | "TSK0001"
  | "TSK1000"
  | "TSK1001"
  | "TSK1002"
  | "TSK1003"
  | "TSK1101"
  | "TSK1102"
  | "TSK1103"
  | "TSK1104"
  | "TSK1201"
  | "TSK1202"
  | "TSK1203"
  | "TSK1204"
  | "TSK1205"
  | "TSK1206"
  | "TSK1207"
  | "TSK2001"
  | "TSK2002"
  | "TSK2003"
  | "TSK2004"
  | "TSK2005"
  | "TSK2101"
  | "TSK2102"
  | "TSK2103"
  | "TSK2104"
  | "TSK2105"
  | "TSK2106"
  | "TSK2107"
  | "TSK2201"
  | "TSK3001"
  | "TSK3002";

/** One error, located in a source file relative to the build root. */
export interface Diagnostic {
  path: string;
  line: number;
  col: number;
  code: Code;
  message: string;
}

/** Formats a diagnostic as `path:line:col: TSKnnnn message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line}:${d.col}: ${d.code} ${d.message}`;
}

/** Collects diagnostics; `node` positions exclude leading trivia (comments, blank lines). */
export class Reporter {
  private readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly root: string) {}

  /** Reports at the first token of node. */
  at(node: ts.Node, code: Code, message: string): void {
    const sf = node.getSourceFile();
    this.atPos(sf, node.getStart(sf), code, message);
  }

  /** Reports at a character offset of a source file. */
  atPos(sf: ts.SourceFile, pos: number, code: Code, message: string): void {
    const lc = sf.getLineAndCharacterOfPosition(pos);
    this.add({
      path: this.pathOf(sf.fileName),
      line: lc.line + 1,
      col: lc.character + 1,
      code,
      message,
    });
  }

  /** Reports a diagnostic that belongs to no node (e.g. a missing entry file). */
  add(d: Diagnostic): void {
    const key = formatDiagnostic(d);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(d);
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
