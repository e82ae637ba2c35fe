// The transpiler's public door: TypeScript kernel subset (docs/SUBSET.md) in, one C file out.
//
// transpile() loads the program from the entry (program.ts), reports TypeScript's own errors
// (TSK0001) and the subset's (TSK1000-TSK3002), and lowers every reachable module except the
// prelude to one C translation unit that includes transpiler/runtime/tsk_rt.h. The C is
// returned even when there are diagnostics, but only a build without diagnostics may use it.

import { resolve } from "node:path";
import type { Ctx } from "./context.ts";
import { type Diagnostic, Reporter } from "./diagnostics.ts";
import { emitProgram } from "./emit_module.ts";
import { loadProgram, reportTypeErrors, type TranspileOptions } from "./program.ts";

export { type Diagnostic, formatDiagnostic, formatDiagnostics } from "./diagnostics.ts";
export { CODES, type TskCode } from "./codes.ts";
export type { Arch, TranspileOptions } from "./program.ts";

export interface TranspileResult {
  c: string;
  diagnostics: Diagnostic[];
}

/** Transpiles the build whose entry is opts.entry (relative to opts.root). */
export function transpile(opts: TranspileOptions): TranspileResult {
  const root = resolve(opts.root);
  const rep = new Reporter(root);
  const loaded = loadProgram(opts, rep);
  if (!loaded) return { c: "", diagnostics: rep.sorted() };
  reportTypeErrors(loaded, rep, resolve(root, opts.entry));
  const ctx: Ctx = {
    checker: loaded.checker,
    rep,
    arch: opts.arch,
    hosted: opts.hosted ?? false,
    prelude: loaded.prelude,
    modules: new Map(loaded.modules.map((m) => [m.sf, m])),
    functions: new Map(),
    classes: new Map(),
    globals: new Map(),
    layouts: new Map(),
    enums: new Map(),
    fnTypes: new Map(),
    generics: new Map(),
  };
  const entry = rep.pathOf(resolve(root, opts.entry));
  const target = opts.hosted ? "a hosted build" : opts.arch;
  const banner = `/* generated — do not edit: transpiled from ${entry} for ${target} ` +
    `by transpiler/main.ts (docs/SUBSET.md) */`;
  const c = emitProgram(ctx, loaded.modules, banner) + "\n";
  return { c, diagnostics: rep.sorted() };
}
