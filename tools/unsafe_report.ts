// The unsafe confinement report, `deno task unsafe-report`: how much of the kernel is unsafe.
//
// The kernel is what the transpiler compiles: the module graph from kernel/main.ts (program.ts's
// loadProgram), for each arch, merged by path. So tests, testing aids (kernel/testing/) and the
// prelude (kernel/int.ts, kernel/intrinsics.ts) never count, nor does a file nothing imports;
// fs/ and net/ count as soon as the kernel imports them. A module is unsafe when its first
// statement is the "use unsafe" directive (docs/SUBSET.md §1): only there may raw memory, MMIO,
// port I/O and firmware intrinsics be called (TSK3001). Lines are code lines: lines holding at
// least one token, so blank lines and lines with only comments do not count. The report lists
// each unsafe module with its code lines and ends with exactly one line,
// `unsafe: N of M kernel lines (P%)`, P with one decimal.

import { resolve } from "node:path";
import { Reporter } from "../transpiler/diagnostics.ts";
import { type Arch, loadProgram } from "../transpiler/program.ts";
import { ts } from "../transpiler/tsapi.ts";

export const ARCHES: Arch[] = ["x86_64", "aarch64"];

/** One compiled module of the kernel. */
export interface KernelModule {
  /** Relative to the root, with `/`. */
  path: string;
  unsafe: boolean;
  /** Code lines (codeLines). */
  lines: number;
  /** The builds that compile it. */
  arches: Arch[];
}

/** The number of lines of a TypeScript source that hold a token (not only comments or blanks). */
export function codeLines(text: string): number {
  const sf = ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true);
  const lines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) {
      return; // a JSDoc comment is a child of the node it documents
    }
    const children = node.getChildren(sf);
    if (children.length > 0) {
      for (const c of children) visit(c);
      return;
    }
    const start = node.getStart(sf);
    const end = node.getEnd();
    if (end <= start) return; // the end-of-file token
    const first = sf.getLineAndCharacterOfPosition(start).line;
    const last = sf.getLineAndCharacterOfPosition(end - 1).line;
    for (let l = first; l <= last; l++) lines.add(l);
  };
  visit(sf);
  return lines.size;
}

/** The kernel's compiled modules for the given arches, sorted by path. */
export function kernelModules(
  root: string,
  entry = "kernel/main.ts",
  arches: Arch[] = ARCHES,
): KernelModule[] {
  const byPath = new Map<string, KernelModule>();
  for (const arch of arches) {
    const rep = new Reporter(resolve(root));
    const loaded = loadProgram({ root, entry, arch }, rep);
    if (!loaded) throw new Error(`${entry}: cannot load the ${arch} build`);
    for (const m of loaded.modules) {
      const known = byPath.get(m.path);
      if (known) {
        known.arches.push(arch);
        continue;
      }
      const lines = codeLines(m.sf.text);
      byPath.set(m.path, { path: m.path, unsafe: m.unsafe, lines, arches: [arch] });
    }
  }
  return [...byPath.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** The summary line: `unsafe: N of M kernel lines (P%)`. */
export function summaryLine(modules: KernelModule[]): string {
  const total = modules.reduce((n, m) => n + m.lines, 0);
  const unsafe = modules.filter((m) => m.unsafe).reduce((n, m) => n + m.lines, 0);
  const pct = total === 0 ? 0 : (100 * unsafe) / total;
  return `unsafe: ${unsafe} of ${total} kernel lines (${pct.toFixed(1)}%)`;
}

/** The whole report: a header, one line per unsafe module, the summary line. */
export function formatReport(modules: KernelModule[], entry = "kernel/main.ts"): string {
  const arches = ARCHES.filter((a) => modules.some((m) => m.arches.includes(a)));
  const unsafe = modules.filter((m) => m.unsafe);
  const width = Math.max(5, ...unsafe.map((m) => String(m.lines).length));
  const out = [
    `unsafe modules of the kernel (${modules.length} modules compiled from ${entry} ` +
    `for ${arches.join(" and ")}; code lines):`,
  ];
  for (const m of unsafe) {
    const only = m.arches.length < arches.length ? `  (${m.arches.join(", ")} only)` : "";
    out.push(`${String(m.lines).padStart(width)}  ${m.path}${only}`);
  }
  out.push(summaryLine(modules));
  return out.join("\n");
}

if (import.meta.main) {
  const root = new URL("..", import.meta.url).pathname;
  console.log(formatReport(kernelModules(root)));
}
