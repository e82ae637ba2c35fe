// Fixed arrays and slices in C (docs/SUBSET.md §9).
//
// `new FixedArray<T>(N, fill)` (kernel/array.ts) needs a constant length N in [1, 2^32)
// (TSK2401) and an integer or boolean T (TSK2402). It is a C array `T name[N]`: static at
// module level (a const whose fill is a constant), on the stack in a function (a const, at most
// MAX_LOCAL_ARRAY_BYTES bytes, TSK2404; any fill value, stored in every element), or held by
// value in a class field. A FixedArray is never a value: it cannot be passed, returned or
// copied (TSK2403); `arr.asSlice()` and `arr.slice(a, b)` make slices of it. A Slice<T> is a
// `tsk_slice_<T>` {pointer, length} value (transpiler/runtime/tsk_rt.h), passed and returned by
// value. Indices and lengths are usize. Every get, set and (sub)slice is checked against the
// length (tsk_index / tsk_range: panic "index out of range", as Deno's CheckFailure), unless the
// C is compiled with -DTSK_NO_BOUNDS_CHECKS. The memory constructors bytesAt ... u64sAt are table
// intrinsics (intrinsics.ts). `new StructArray<C>(N, C)` is a module-level table of class
// instances, C `struct C name[N]`, whose get(i) is the reference `&name[i]` (no set, no slices).

import { checkOrder } from "./check_order.ts";
import { constEval } from "./const_eval.ts";
import { cLine, cTypedLit, stripParens } from "./c_text.ts";
import type { Ctx, FnCtx, GlobalInfo, Val } from "./context.ts";
import { BAD, declOf, fxJoin, preludeOf } from "./context.ts";
import { arrayClassOf, elemTyOf } from "./data_types.ts";
import { emitTyped, type TyVal } from "./emit_expr.ts";
import { fieldInitializers, structInit } from "./emit_class.ts";
import { constInitializer } from "./emit_global.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { globalName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { cType, elemName, INT_KINDS, intTy, type Ty, VOID } from "./types.ts";

/** The largest FixedArray a function may hold on its stack. */
export const MAX_LOCAL_ARRAY_BYTES = 4096;
const MAX_LENGTH = 2 ** 32;

const USIZE = intTy("usize");
const READ = { call: false, panic: true, read: true };
const WRITE = { call: true, panic: true, read: false };
const PANIC = { call: false, panic: true, read: false };

/** A `new FixedArray<T>(N, fill)`, checked. */
export interface ArrayNew {
  elem: Ty;
  len: number;
  fill: ts.Expression;
}

/** Whether node is `new FixedArray(...)` of the prelude. */
export function isArrayNew(ctx: Ctx, node: ts.Expression | undefined): node is ts.NewExpression {
  if (!node || !ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return false;
  const decl = declOf(ctx, node.expression);
  const pre = decl && preludeOf(ctx, decl);
  return pre?.module === "array" && pre.name === "FixedArray";
}

/** Whether node is `new StructArray(...)` of the prelude. */
export function isStructArrayNew(
  ctx: Ctx,
  node: ts.Expression | undefined,
): node is ts.NewExpression {
  if (!node || !ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return false;
  const decl = declOf(ctx, node.expression);
  const pre = decl && preludeOf(ctx, decl);
  return pre?.module === "array" && pre.name === "StructArray";
}

/** The constant length argument of an array `new`; null if it is not one (reported). */
function arrayLength(ctx: Ctx, arg: ts.Expression): number | null {
  const n = constEval(ctx, arg);
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n >= MAX_LENGTH) {
    ctx.rep.at(arg, "TSK2401", "an array length is a constant integer from 1 to 2^32 - 1");
    return null;
  }
  return n;
}

/** Checks `new StructArray<C>(N, C)`: constant N, a kernel class C named by itself. */
export function structArrayNew(ctx: Ctx, node: ts.NewExpression): { elem: Ty; len: number } | null {
  const elem = elemTyOf(ctx, ctx.checker.getTypeAtLocation(node), node);
  const args = node.arguments ?? [];
  if (args.length !== 2 || !elem || elem.tag !== "struct") return null;
  const cls = ts.isIdentifier(args[1]) ? declOf(ctx, args[1]) : undefined;
  if (cls !== elem.cls.decl) {
    ctx.rep.at(args[1], "TSK2402", `the second argument names the element class, ${elem.cls.name}`);
    return null;
  }
  const len = arrayLength(ctx, args[0]);
  return len === null ? null : { elem, len };
}

/** Checks `new FixedArray<T>(N, fill)`: constant N, integer or boolean T. */
export function arrayNew(ctx: Ctx, node: ts.NewExpression): ArrayNew | null {
  const type = ctx.checker.getTypeAtLocation(node);
  if (arrayClassOf(ctx, type) !== "FixedArray") return null;
  const elem = elemTyOf(ctx, type, node);
  const args = node.arguments ?? [];
  if (args.length !== 2) return null; // TypeScript reports the arity
  const n = arrayLength(ctx, args[0]);
  return elem && n !== null ? { elem, len: n, fill: args[1] } : null;
}

function elemBytes(elem: Ty): number {
  return elem.tag === "int" ? INT_KINDS[elem.kind].bits / 8 : 1;
}

/** The C initialiser of a static array or array field filled with a constant; null if the fill
 *  is not a constant (reported). */
export function arrayStaticInit(ctx: Ctx, m: ModuleInfo, a: ArrayNew): string | null {
  const c = constInitializer(ctx, m, a.fill, a.elem);
  if (c === null) return null;
  const v = constEval(ctx, a.fill);
  if (v === 0 || v === 0n || v === false) return "{0}";
  return `{[0 ... ${a.len - 1}] = ${c}}`;
}

/** Records a module-level `const X = new FixedArray<T>(N, fill)`. */
export function declareArrayGlobal(
  ctx: Ctx,
  m: ModuleInfo,
  decl: ts.VariableDeclaration,
  isConst: boolean,
): GlobalInfo | null {
  const init = decl.initializer as ts.NewExpression;
  if (!isConst) {
    ctx.rep.at(decl, "TSK2403", "a FixedArray is bound with const (its elements stay mutable)");
    return null;
  }
  if (!ts.isIdentifier(decl.name)) return null;
  const a = isStructArrayNew(ctx, init) ? structArrayNew(ctx, init) : arrayNew(ctx, init);
  if (!a) return null;
  const ty: Ty = { tag: "array", elem: a.elem, len: a.len };
  return {
    decl,
    mod: m,
    cName: globalName(m.prefix, decl.name.text),
    ty,
    mutable: false,
    instance: false,
  };
}

/** Emits a module-level FixedArray: a static C array. */
export function emitArrayGlobal(ctx: Ctx, g: GlobalInfo, out: Out): void {
  if (g.ty.tag !== "array") return;
  const elem = g.ty.elem;
  if (elem.tag === "struct") {
    const inits = fieldInitializers(ctx, elem.cls);
    if (!inits) return;
    out.directive(cLine(lineOf(g.decl), g.mod.path));
    const init = `{[0 ... ${g.ty.len - 1}] = ${structInit(inits)}}`;
    out.line(`struct ${elem.cls.cName} ${g.cName}[${g.ty.len}] = ${init};`);
    return;
  }
  const a = arrayNew(ctx, g.decl.initializer as ts.NewExpression);
  const init = a && arrayStaticInit(ctx, g.mod, a);
  if (!a || !init) return;
  out.directive(cLine(lineOf(g.decl), g.mod.path));
  out.line(`${cType(a.elem)} ${g.cName}[${a.len}] = ${init};`);
}

/** Emits a local `const x = new FixedArray<T>(N, fill)`; returns its type, or null. */
export function emitLocalArray(
  fc: FnCtx,
  d: ts.VariableDeclaration,
  isConst: boolean,
  cName: string,
  out: Out,
): Ty | null {
  const rep = fc.ctx.rep;
  if (!isConst) {
    rep.at(d, "TSK2403", "a FixedArray is bound with const (its elements stay mutable)");
  }
  const a = arrayNew(fc.ctx, d.initializer as ts.NewExpression);
  if (!a) return null;
  const bytes = a.len * elemBytes(a.elem);
  if (bytes > MAX_LOCAL_ARRAY_BYTES) {
    rep.at(d, "TSK2404", `a ${bytes}-byte array on the stack (at most ${MAX_LOCAL_ARRAY_BYTES})`);
    return null;
  }
  const fill = emitTyped(fc, a.fill, a.elem, "stored");
  if (!fill || !isConst) return null;
  const v = constEval(fc.ctx, a.fill);
  const decl = `${cType(a.elem)} ${cName}[${a.len}]`;
  if (v === 0 || v === 0n || v === false) out.line(`${decl} = {0};`);
  else {
    out.line(`${decl};`);
    out.line(`TSK_ARRAY_FILL(${cName}, ${a.len}, ${stripParens(fill.c)});`);
  }
  return { tag: "array", elem: a.elem, len: a.len };
}

function sliceTy(elem: Ty): Ty {
  return { tag: "slice", elem };
}

/** The usize arguments of a call, checked; null if one is bad. */
function usizeArgs(fc: FnCtx, node: ts.CallExpression, n: number): TyVal[] | null {
  if (node.arguments.length !== n) return null; // TypeScript reports the arity
  const out: TyVal[] = [];
  for (const a of node.arguments.slice(0, n)) {
    const v = emitTyped(fc, a, USIZE, "used as an index");
    if (!v) return null;
    out.push(v);
  }
  return out;
}

/** A method call on a FixedArray (get, set, slice, asSlice). */
export function arrayMethod(fc: FnCtx, node: ts.CallExpression, name: string, arr: TyVal): Val {
  if (arr.ty.tag !== "array") return BAD;
  const { elem, len } = arr.ty;
  const e = elemName(elem);
  const n = cTypedLit("usize", BigInt(len), false);
  if (elem.tag === "struct" && name !== "get") {
    fc.ctx.rep.at(node.expression, "TSK1207", `'${name}' is not a method of StructArray (get)`);
    return BAD;
  }
  switch (name) {
    case "get": {
      const args = usizeArgs(fc, node, 1);
      if (!args) return BAD;
      checkOrder(fc.ctx, node, [arr.fx, args[0].fx]);
      const at = `${arr.c}[tsk_index(${args[0].c}, ${n})]`;
      if (elem.tag === "struct") {
        return { tag: "ty", ty: elem, c: `(&${at})`, fx: fxJoin(arr.fx, args[0].fx, PANIC) };
      }
      return { tag: "ty", ty: elem, c: `(${at})`, fx: fxJoin(arr.fx, args[0].fx, READ) };
    }
    case "set": {
      const i = node.arguments.length === 2
        ? emitTyped(fc, node.arguments[0], USIZE, "used as an index")
        : null;
      const v = node.arguments.length === 2
        ? emitTyped(fc, node.arguments[1], elem, "stored")
        : null;
      if (!i || !v) return BAD;
      checkOrder(fc.ctx, node, [arr.fx, i.fx, v.fx]);
      const c = `(${arr.c}[tsk_index(${i.c}, ${n})] = ${stripParens(v.c)})`;
      return { tag: "ty", ty: VOID, c, fx: fxJoin(arr.fx, i.fx, v.fx, WRITE) };
    }
    case "slice": {
      const args = usizeArgs(fc, node, 2);
      if (!args) return BAD;
      checkOrder(fc.ctx, node, [arr.fx, args[0].fx, args[1].fx]);
      const c = `tsk_slice_${e}_of(${arr.c}, ${n}, ${args[0].c}, ${args[1].c})`;
      return { tag: "ty", ty: sliceTy(elem), c, fx: fxJoin(arr.fx, args[0].fx, args[1].fx, PANIC) };
    }
    case "asSlice":
      if (node.arguments.length !== 0) return BAD;
      return { tag: "ty", ty: sliceTy(elem), c: `((tsk_slice_${e}){${arr.c}, ${n}})`, fx: arr.fx };
    default:
      fc.ctx.rep.at(node.expression, "TSK1207", `'${name}' is not a method of FixedArray`);
      return BAD;
  }
}

/** A method call on a Slice (get, set, subslice). */
export function sliceMethod(fc: FnCtx, node: ts.CallExpression, name: string, s: TyVal): Val {
  if (s.ty.tag !== "slice") return BAD;
  const elem = s.ty.elem;
  const e = elemName(elem);
  switch (name) {
    case "get": {
      const args = usizeArgs(fc, node, 1);
      if (!args) return BAD;
      checkOrder(fc.ctx, node, [s.fx, args[0].fx]);
      const c = `tsk_slice_${e}_get(${s.c}, ${args[0].c})`;
      return { tag: "ty", ty: elem, c, fx: fxJoin(s.fx, args[0].fx, READ) };
    }
    case "set": {
      const i = node.arguments.length === 2
        ? emitTyped(fc, node.arguments[0], USIZE, "used as an index")
        : null;
      const v = node.arguments.length === 2
        ? emitTyped(fc, node.arguments[1], elem, "stored")
        : null;
      if (!i || !v) return BAD;
      checkOrder(fc.ctx, node, [s.fx, i.fx, v.fx]);
      const c = `tsk_slice_${e}_set(${s.c}, ${i.c}, ${v.c})`;
      return { tag: "ty", ty: VOID, c, fx: fxJoin(s.fx, i.fx, v.fx, WRITE) };
    }
    case "subslice": {
      const args = usizeArgs(fc, node, 2);
      if (!args) return BAD;
      checkOrder(fc.ctx, node, [s.fx, args[0].fx, args[1].fx]);
      const c = `tsk_slice_${e}_sub(${s.c}, ${args[0].c}, ${args[1].c})`;
      return { tag: "ty", ty: s.ty, c, fx: fxJoin(s.fx, args[0].fx, args[1].fx, PANIC) };
    }
    default:
      fc.ctx.rep.at(node.expression, "TSK1207", `'${name}' is not a method of Slice`);
      return BAD;
  }
}

/** `.length` of a FixedArray or Slice (a usize); anything else is not a property of them. */
export function arrayProperty(fc: FnCtx, node: ts.PropertyAccessExpression, v: TyVal): Val {
  const name = node.name.text;
  if (name !== "length") {
    fc.ctx.rep.at(
      node.name,
      "TSK1207",
      `'${name}' is not a property of ${v.ty.tag === "array" ? "FixedArray" : "Slice"}`,
    );
    return BAD;
  }
  if (v.ty.tag === "array") {
    return { tag: "ty", ty: USIZE, c: cTypedLit("usize", BigInt(v.ty.len), false), fx: v.fx };
  }
  return { tag: "ty", ty: USIZE, c: `(${v.c}.len)`, fx: v.fx };
}
