// The type model of the subset (docs/SUBSET.md §2) and its C types.
//
// A value of kernel code has one `Ty`: a branded integer kind, boolean, string, a class of §5
// (passed as a C pointer), or void/never for return types. Integer kinds are found on the
// TypeScript type of an expression by reading its `__brand` property's string-literal type:
// type alias names are not preserved by the checker, the brand is. An unbranded number or
// bigint is "raw" (the result of arithmetic, which must be wrapped before use). Anything else
// is not a subset type.

import type { ClassInfo, EnumInfo, FnSig, LayoutInfo } from "./context.ts";
import { ts } from "./tsapi.ts";

export type IntKind = "u8" | "u16" | "u32" | "i8" | "i16" | "i32" | "usize" | "u64" | "i64";

export interface IntInfo {
  bits: 8 | 16 | 32 | 64;
  signed: boolean;
  /** A bigint under Deno (u64, i64); all other kinds are numbers. */
  big: boolean;
  c: string;
}

export const INT_KINDS: Record<IntKind, IntInfo> = {
  u8: { bits: 8, signed: false, big: false, c: "uint8_t" },
  u16: { bits: 16, signed: false, big: false, c: "uint16_t" },
  u32: { bits: 32, signed: false, big: false, c: "uint32_t" },
  i8: { bits: 8, signed: true, big: false, c: "int8_t" },
  i16: { bits: 16, signed: true, big: false, c: "int16_t" },
  i32: { bits: 32, signed: true, big: false, c: "int32_t" },
  usize: { bits: 64, signed: false, big: false, c: "uint64_t" },
  u64: { bits: 64, signed: false, big: true, c: "uint64_t" },
  i64: { bits: 64, signed: true, big: true, c: "int64_t" },
};

export function isIntKind(s: string): s is IntKind {
  return Object.hasOwn(INT_KINDS, s);
}

/** The range [min, max] of a kind (usize: [0, 2^53)). */
export function kindRange(k: IntKind): [bigint, bigint] {
  if (k === "usize") return [0n, (1n << 53n) - 1n];
  const { bits, signed } = INT_KINDS[k];
  const b = BigInt(bits);
  return signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
}

export type Ty =
  | { tag: "int"; kind: IntKind }
  | { tag: "bool" }
  | { tag: "str" }
  | { tag: "void" }
  | { tag: "never" }
  | { tag: "struct"; cls: ClassInfo }
  | { tag: "enum"; en: EnumInfo }
  | { tag: "fn"; sig: FnSig }
  // docs/SUBSET.md §5.2 and §9 (layout_model.ts, emit_array.ts):
  | { tag: "layout"; lay: LayoutInfo }
  | { tag: "layoutDesc"; lay: LayoutInfo }
  | { tag: "array"; elem: Ty; len: number }
  | { tag: "slice"; elem: Ty };

export const BOOL: Ty = { tag: "bool" };
export const STR: Ty = { tag: "str" };
export const VOID: Ty = { tag: "void" };
export const NEVER: Ty = { tag: "never" };

export function intTy(kind: IntKind): Ty {
  return { tag: "int", kind };
}

export function tyEq(a: Ty, b: Ty): boolean {
  if (a.tag !== b.tag) return false;
  if (a.tag === "int") return a.kind === (b as typeof a).kind;
  if (a.tag === "struct") return a.cls === (b as typeof a).cls;
  if (a.tag === "enum") return a.en === (b as typeof a).en;
  if (a.tag === "fn") return sigEq(a.sig, (b as typeof a).sig);
  if (a.tag === "layout" || a.tag === "layoutDesc") return a.lay === (b as typeof a).lay;
  if (a.tag === "slice") return tyEq(a.elem, (b as typeof a).elem);
  if (a.tag === "array") {
    return a.len === (b as typeof a).len && tyEq(a.elem, (b as typeof a).elem);
  }
  return true;
}

/** The element name of an array or slice element type in C helper names (u8 ... bool). */
export function elemName(t: Ty): string {
  return t.tag === "int" ? t.kind : "bool";
}

/** Function types are structural, as in TypeScript: same parameter and return types. */
export function sigEq(a: FnSig, b: FnSig): boolean {
  return a.params.length === b.params.length && tyEq(a.ret, b.ret) &&
    a.params.every((p, i) => tyEq(p, b.params[i]));
}

/** The name of a type as messages write it. */
export function tyName(t: Ty): string {
  switch (t.tag) {
    case "int":
      return t.kind;
    case "bool":
      return "boolean";
    case "str":
      return "string";
    case "struct":
      return t.cls.name;
    case "enum":
      return t.en.name;
    case "fn":
      return t.sig.name ?? `(${t.sig.params.map(tyName).join(", ")}) => ${tyName(t.sig.ret)}`;
    case "layout":
      return t.lay.name;
    case "layoutDesc":
      return `typeof ${t.lay.name}`;
    case "array":
      return `FixedArray<${tyName(t.elem)}>`;
    case "slice":
      return `Slice<${tyName(t.elem)}>`;
    default:
      return t.tag;
  }
}

/** The C type of a value of type t (a class is a pointer to its struct). */
export function cType(t: Ty): string {
  switch (t.tag) {
    case "int":
      return INT_KINDS[t.kind].c;
    case "bool":
      return "bool";
    case "str":
      return "tsk_str";
    case "struct":
      return `struct ${t.cls.cName} *`;
    case "enum":
      return t.en.cName;
    case "fn":
      return t.sig.cName ?? fnDeclarator(t.sig, "");
    case "layout":
      return `struct ${t.lay.cName} *`;
    case "slice":
      return `tsk_slice_${elemName(t.elem)}`;
    default:
      return "void";
  }
}

/** A C function pointer declarator around inner, e.g. `uint32_t (*f)(uint64_t)`. */
function fnDeclarator(sig: FnSig, inner: string): string {
  const params = sig.params.map((p) => cDecl(p, "").trimEnd());
  return cDecl(sig.ret, `(*${inner})(${params.length ? params.join(", ") : "void"})`).trimEnd();
}

/** A C declaration `T name` (pointers bind to the name). */
export function cDecl(t: Ty, name: string, isConst = false): string {
  if (t.tag === "struct") return `struct ${t.cls.cName} *${isConst ? "const " : ""}${name}`;
  if (t.tag === "layout") return `struct ${t.lay.cName} *${isConst ? "const " : ""}${name}`;
  if (t.tag === "fn" && !t.sig.cName) {
    return fnDeclarator(t.sig, `${isConst ? "const " : ""}${name}`);
  }
  return `${isConst ? "const " : ""}${cType(t)} ${name}`;
}

/** What the TypeScript type of an expression is in the subset. */
export type TypeClass =
  | { tag: "ty"; ty: Ty }
  | { tag: "raw"; big: boolean }
  | { tag: "bad"; what: string };

/** Classifies a TypeScript type; classes are looked up among the compiled classes. */
export function classifyType(
  checker: ts.TypeChecker,
  classes: Map<ts.Node, ClassInfo>,
  type: ts.Type,
): TypeClass {
  const f = type.flags;
  if (f & ts.TypeFlags.BooleanLike) return { tag: "ty", ty: BOOL };
  if (f & ts.TypeFlags.StringLike) return { tag: "ty", ty: STR };
  if (f & ts.TypeFlags.Void) return { tag: "ty", ty: VOID };
  if (f & ts.TypeFlags.Never) return { tag: "ty", ty: NEVER };
  if (f & ts.TypeFlags.Any) return { tag: "bad", what: "any" };
  if (f & ts.TypeFlags.Unknown) return { tag: "bad", what: "unknown" };
  if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return { tag: "bad", what: "undefined" };
  if (type.isUnion()) return { tag: "bad", what: "a union" };
  const brand = type.isIntersection() ? checker.getPropertyOfType(type, "__brand") : undefined;
  if (brand) {
    const bt = checker.getTypeOfSymbol(brand);
    if (bt.isStringLiteral() && isIntKind(bt.value)) return { tag: "ty", ty: intTy(bt.value) };
    return { tag: "bad", what: "an unknown brand" };
  }
  if (f & ts.TypeFlags.NumberLike) return { tag: "raw", big: false };
  if (f & ts.TypeFlags.BigIntLike) return { tag: "raw", big: true };
  for (const d of type.getSymbol()?.declarations ?? []) {
    const cls = classes.get(d);
    if (cls) return { tag: "ty", ty: { tag: "struct", cls } };
  }
  return { tag: "bad", what: checker.typeToString(type) };
}
