// The project and its module graph: which files make up one kernel build.
//
// Starting from the entry file, the graph follows every `import ... from` and `export ... from`
// whose specifier is relative or `@arch/...` (resolved to `arch/<ARCH>/...`, the same mapping the
// TypeScript compiler options get as `paths`). The prelude modules (kernel/int.ts,
// kernel/intrinsics.ts, kernel/layout.ts, kernel/array.ts and kernel/fmt.ts, or the files of the
// same names in `prelude`) are part of the TypeScript program, for type checking, but are never
// walked or compiled. Modules are listed in
// dependency order (post-order DFS), which makes the output deterministic. A module whose first
// statement is the directive "use unsafe" is marked unsafe. Other import forms are rejected by
// check_module.ts; this file only resolves what it can.

import { existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { Reporter } from "./diagnostics.ts";
import { modulePrefix } from "./names.ts";
import { Project, ts } from "./tsapi.ts";

export type Arch = "x86_64" | "aarch64";

export interface TranspileOptions {
  /** The build root: paths in diagnostics, `#line` and mangled names are relative to it. */
  root: string;
  /** The entry module, relative to root (or absolute). */
  entry: string;
  arch: Arch;
  /** The folder of the prelude (int.ts, intrinsics.ts); default `<root>/kernel`. */
  prelude?: string;
  /** A hosted build: the C runs as a Linux process (tests/diff/), not on bare metal. It
   *  defines TSK_HOSTED for tsk_rt.h, allows debugPutByte and rejects the arch's port I/O and
   *  firmware intrinsics (TSK3002); without them its C does not depend on `arch`. */
  hosted?: boolean;
  /** More entry modules (relative to root) compiled into the same translation unit, e.g. many
   *  test programs in one hosted binary; their names differ by path. */
  extraEntries?: string[];
}

/** A compiled module of the build. */
export interface ModuleInfo {
  sf: ts.SourceFile;
  /** Path relative to the root, with `/`. */
  path: string;
  /** Mangling prefix (names.ts). */
  prefix: string;
  /** Begins with the "use unsafe" directive. */
  unsafe: boolean;
}

export type PreludeModule = "int" | "intrinsics" | "layout" | "array" | "fmt";

export interface LoadedProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Compiled modules in dependency order; the entry is last. */
  modules: ModuleInfo[];
  /** Absolute file name of each prelude module. */
  prelude: Map<string, PreludeModule>;
}

/** The TypeScript compiler options of a build (docs/SUBSET.md: strict ES2022, .ts imports). */
function compilerOptions(root: string, arch: Arch): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    baseUrl: root,
    paths: { "@arch/*": [`arch/${arch}/*`] },
    lib: ["lib.es2022.d.ts"],
    types: [],
    skipLibCheck: true,
  };
}

/** Loads the program of a build; null if the entry cannot be read (reported). */
export function loadProgram(opts: TranspileOptions, rep: Reporter): LoadedProgram | null {
  const root = resolve(opts.root);
  const entry = resolve(root, opts.entry);
  const preludeDir = resolve(root, opts.prelude ?? "kernel");
  const entries = [entry, ...(opts.extraEntries ?? []).map((e) => resolve(root, e))];
  const missing = entries.find((e) => !existsSync(e));
  if (missing) {
    rep.add({
      path: rep.pathOf(missing),
      line: 1,
      col: 1,
      code: "TSK0001",
      message: "cannot read the entry file",
    });
    return null;
  }
  const project = new Project({
    compilerOptions: compilerOptions(root, opts.arch),
    skipAddingFilesFromTsConfig: true,
  });
  for (const e of entries) project.addSourceFileAtPath(e);
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  const prelude = new Map<string, PreludeModule>([
    [resolve(preludeDir, "int.ts"), "int"],
    [resolve(preludeDir, "intrinsics.ts"), "intrinsics"],
    [resolve(preludeDir, "layout.ts"), "layout"],
    [resolve(preludeDir, "array.ts"), "array"],
    [resolve(preludeDir, "fmt.ts"), "fmt"],
  ]);
  const modules: ModuleInfo[] = [];
  const visited = new Set<string>();
  const visit = (fileName: string): void => {
    if (visited.has(fileName) || prelude.has(fileName)) return;
    visited.add(fileName);
    const sf = program.getSourceFile(fileName);
    if (!sf) return; // an unresolved import: TypeScript reports it
    for (const [spec, node] of moduleSpecifiers(sf)) {
      const target = resolveSpecifier(root, opts.arch, fileName, spec);
      if (!target || prelude.has(target)) continue;
      const rel = relative(root, target);
      if (rel.startsWith("..") || isAbsolute(rel)) {
        rep.at(node, "TSK1001", `module ${spec} is outside the build root`);
        continue;
      }
      visit(target);
    }
    const path = rep.pathOf(fileName);
    modules.push({ sf, path, prefix: modulePrefix(path, opts.arch), unsafe: isUnsafe(sf) });
  };
  for (const e of entries) visit(e);
  return { program, checker: program.getTypeChecker(), modules, prelude };
}

/** The string specifiers of a module's import and export-from declarations. */
function moduleSpecifiers(sf: ts.SourceFile): [string, ts.Node][] {
  const out: [string, ts.Node][] = [];
  for (const st of sf.statements) {
    if (
      (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier &&
      ts.isStringLiteral(st.moduleSpecifier)
    ) {
      out.push([st.moduleSpecifier.text, st.moduleSpecifier]);
    }
  }
  return out;
}

/** Resolves a relative or `@arch/` specifier to an absolute file name; null for other forms. */
export function resolveSpecifier(
  root: string,
  arch: Arch,
  from: string,
  spec: string,
): string | null {
  if (spec.startsWith("./") || spec.startsWith("../")) return resolve(dirname(from), spec);
  if (spec.startsWith("@arch/")) return resolve(root, "arch", arch, spec.slice("@arch/".length));
  return null;
}

/** Whether a module's first statement is the directive "use unsafe". */
export function isUnsafe(sf: ts.SourceFile): boolean {
  const first = sf.statements[0];
  return first !== undefined && isUnsafeDirective(first);
}

export function isUnsafeDirective(st: ts.Statement): boolean {
  return ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression) &&
    st.expression.text === "use unsafe";
}

/** TypeScript's own errors for the compiled files, as TSK0001 diagnostics. The prelude is
 *  not compiled (and is Deno code), so its own errors are left to `deno check`. */
export function reportTypeErrors(loaded: LoadedProgram, rep: Reporter, entry: string): void {
  const { program } = loaded;
  const files = loaded.modules.map((m) => m.sf);
  const diags: ts.Diagnostic[] = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  for (const sf of files) {
    diags.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  for (const d of diags) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n").replace(/\n\s*/g, " ");
    if (d.file && d.start !== undefined) {
      const text = `${message} (TS${d.code})`;
      rep.atPos(d.file, d.start, "TSK0001", text, d.length ?? 1, typeErrorHint(message));
    } else {
      rep.add({ path: rep.pathOf(entry), line: 1, col: 1, code: "TSK0001", message });
    }
  }
}

/** A specific hint for the commonest TypeScript error in kernel code: a raw value where a
 *  branded integer is expected (docs/SUBSET.md §3); undefined for the others. */
export function typeErrorHint(message: string): string | undefined {
  const m = message.match(
    /^Type '(?:number|bigint)' is not assignable to type '(u8|u16|u32|u64|i8|i16|i32|i64|usize)'/,
  );
  return m ? `wrap the raw value: ${m[1]}(...)` : undefined;
}
