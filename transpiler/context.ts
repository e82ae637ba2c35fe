// Shared state of one transpilation: the declarations of the build and the values of the walkers.
//
// The declare pass (emit_module.ts) records every compiled function, class and module-level
// variable, keyed by its declaration node, before any body is lowered; so a body can refer to
// any declaration of any module regardless of module order. Identifiers are resolved with the
// checker's symbol of the name, following import aliases and `export { } from` chains to the
// original declaration (`getAliasedSymbol`), never with language-service queries.
//
// A lowered expression is a `Val`: a typed C value (`ty`), a bare integer literal (`lit`, no
// kind until it meets one), or a raw integer expression (`raw`) whose C is produced only when the
// wrap around it fixes the width it is computed in (emit_int.ts). `bad` means already reported.

import type { Reporter } from "./diagnostics.ts";
import type { Arch, ModuleInfo, PreludeModule } from "./program.ts";
import { ts } from "./tsapi.ts";
import type { IntKind, Ty } from "./types.ts";

/** What evaluating an expression may do (check_order.ts). */
export interface Fx {
  /** Calls something with side effects (a kernel function or an intrinsic). */
  call: boolean;
  /** Runs a runtime check that may panic. */
  panic: boolean;
  /** Reads mutable state (a module `let`, a struct field). */
  read: boolean;
}

export const NO_FX: Fx = { call: false, panic: false, read: false };

export function fxJoin(...fs: Fx[]): Fx {
  return {
    call: fs.some((f) => f.call),
    panic: fs.some((f) => f.panic),
    read: fs.some((f) => f.read),
  };
}

/** The width a raw integer expression is computed in, as uint32_t or uint64_t. */
export type Width = 32 | 64;

export type Val =
  | { tag: "ty"; ty: Ty; c: string; fx: Fx }
  | { tag: "lit"; value: bigint; big: boolean; hex: boolean }
  | {
    tag: "raw";
    big: boolean;
    /** The kind of the branded operands; null if none (literals, string lengths). */
    kind: IntKind | null;
    /** A number-domain quotient: it may only be wrapped directly (JS `/` is not integral). */
    quotient: boolean;
    /** The C of the value modulo 2^w, of type uint<w>_t. */
    lower: (w: Width) => string;
    fx: Fx;
  }
  | { tag: "bad" };

export const BAD: Val = { tag: "bad" };

export interface ParamInfo {
  decl: ts.ParameterDeclaration;
  cName: string;
  ty: Ty;
}

export interface FuncInfo {
  decl: ts.FunctionDeclaration | ts.MethodDeclaration;
  mod: ModuleInfo;
  name: string;
  cName: string;
  params: ParamInfo[];
  ret: Ty;
  /** The class of a method (its C function takes `self` first). */
  cls?: ClassInfo;
}

export interface FieldInfo {
  name: string;
  /** The C member name. */
  cName: string;
  ty: Ty;
  decl: ts.PropertyDeclaration;
}

export interface ClassInfo {
  decl: ts.ClassDeclaration;
  mod: ModuleInfo;
  name: string;
  /** The struct tag. */
  cName: string;
  fields: Map<string, FieldInfo>;
  methods: Map<string, FuncInfo>;
}

export interface GlobalInfo {
  decl: ts.VariableDeclaration;
  mod: ModuleInfo;
  cName: string;
  ty: Ty;
  mutable: boolean;
  /** A module-level `new C()`: a static struct, referred to by its address. */
  instance: boolean;
}

export interface LocalInfo {
  cName: string;
  ty: Ty;
}

export interface Ctx {
  checker: ts.TypeChecker;
  rep: Reporter;
  arch: Arch;
  prelude: Map<string, PreludeModule>;
  modules: Map<ts.SourceFile, ModuleInfo>;
  functions: Map<ts.Node, FuncInfo>;
  classes: Map<ts.Node, ClassInfo>;
  globals: Map<ts.Node, GlobalInfo>;
}

/** The context of the code being lowered: a function body, or a module-level initialiser. */
export interface FnCtx {
  ctx: Ctx;
  mod: ModuleInfo;
  fn?: FuncInfo;
  locals: Map<ts.Node, LocalInfo>;
}

/** The declaration a name refers to, through import and re-export aliases. */
export function declOf(ctx: Ctx, name: ts.Node): ts.Declaration | undefined {
  let sym = ctx.checker.getSymbolAtLocation(name);
  if (!sym) return undefined;
  if (sym.flags & ts.SymbolFlags.Alias) sym = ctx.checker.getAliasedSymbol(sym);
  return sym.valueDeclaration ?? sym.declarations?.[0];
}

/** If decl belongs to a prelude module: which one, and the exported name. */
export function preludeOf(
  ctx: Ctx,
  decl: ts.Declaration,
): { module: PreludeModule; name: string } | undefined {
  const module = ctx.prelude.get(decl.getSourceFile().fileName);
  if (!module) return undefined;
  const name = ts.getNameOfDeclaration(decl);
  return name && ts.isIdentifier(name) ? { module, name: name.text } : undefined;
}
