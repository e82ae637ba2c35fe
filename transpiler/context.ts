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
  /** An instance of a generic function: its type parameters' types (monomorph.ts). */
  typeArgs?: Map<ts.Node, Ty>;
}

/** An enum of constant integers (emit_enum.ts): a C enum with a fixed underlying type. */
export interface EnumInfo {
  decl: ts.EnumDeclaration;
  mod: ModuleInfo;
  name: string;
  /** The C typedef (and enum tag). */
  cName: string;
  /** u32, or i32 when a member is negative. */
  repr: IntKind;
  members: Map<string, EnumMemberInfo>;
}

export interface EnumMemberInfo {
  name: string;
  /** The C enumerator. */
  cName: string;
  value: bigint;
}

/** The signature of a function value (emit_fnptr.ts); `cName` is the typedef of its alias. */
export interface FnSig {
  params: Ty[];
  ret: Ty;
  /** The type alias that names it, if it came from one. */
  name?: string;
  cName?: string;
}

/** A generic function (monomorph.ts): one C function per instance. */
export interface GenericInfo {
  decl: ts.FunctionDeclaration;
  mod: ModuleInfo;
  name: string;
  /** Each type parameter's declaration and the types its constraint lists. */
  params: { decl: ts.TypeParameterDeclaration; choices: Ty[] }[];
  /** Instances by the key of their type arguments (monomorph.ts instanceKey). */
  instances: Map<string, FuncInfo>;
}

export interface FieldInfo {
  name: string;
  /** The C member name. */
  cName: string;
  ty: Ty;
  decl: ts.PropertyDeclaration;
  /** A struct or FixedArray held by value (`inner: Inner = new Inner()`), not a pointer. */
  embedded?: boolean;
}

/** A field of a fixed layout (layout_model.ts): an integer, an integer array or a layout. */
export type LayoutFieldKind =
  | { tag: "scalar"; kind: IntKind; bigEndian: boolean }
  | { tag: "array"; kind: IntKind; count: number }
  | { tag: "nested"; lay: LayoutInfo };

export interface LayoutField {
  name: string;
  /** The C member name. */
  cName: string;
  kind: LayoutFieldKind;
  offset: number;
  size: number;
  align: number;
}

/** A fixed layout, `export const X = layout("X", {...})` (docs/SUBSET.md §5.2). */
export interface LayoutInfo {
  decl: ts.VariableDeclaration;
  mod: ModuleInfo;
  name: string;
  /** The struct tag. */
  cName: string;
  packed: boolean;
  mmio: boolean;
  fields: Map<string, LayoutField>;
  size: number;
  align: number;
  /** The fields were resolved without error (layout_model.ts). */
  ok: boolean;
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
  /** A hosted build (TranspileOptions.hosted). */
  hosted: boolean;
  prelude: Map<string, PreludeModule>;
  modules: Map<ts.SourceFile, ModuleInfo>;
  functions: Map<ts.Node, FuncInfo>;
  classes: Map<ts.Node, ClassInfo>;
  globals: Map<ts.Node, GlobalInfo>;
  /** Fixed layouts, by their `const` declaration (layout_model.ts). */
  layouts: Map<ts.Node, LayoutInfo>;
  enums: Map<ts.Node, EnumInfo>;
  /** Function type aliases, by their declaration. */
  fnTypes: Map<ts.Node, FnSig>;
  generics: Map<ts.Node, GenericInfo>;
  /** The type arguments of the generic instance being lowered (monomorph.ts). */
  typeArgs?: Map<ts.Node, Ty>;
}

/** The context of the code being lowered: a function body, or a module-level initialiser. */
export interface FnCtx {
  ctx: Ctx;
  mod: ModuleInfo;
  fn?: FuncInfo;
  locals: Map<ts.Node, LocalInfo>;
  /** Inside a branch that a constant condition removes (const_if.ts): checked, not emitted,
   *  and exempt from the arch check (TSK3002). */
  dead?: boolean;
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
