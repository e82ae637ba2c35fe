// Functions as values, without captures (docs/SUBSET.md §4, "Function values").
//
// A function type is written once as a type alias, `export type ReadFn = (dev: Dev, off: usize)
// => Errno;`, and lowers to a C typedef of a function pointer named like any module-level
// declaration. A value of a function type is the name of a module-level, non-generic kernel
// function: it can be stored in locals, module-level variables and class fields, passed,
// returned and called; nothing can capture (closures and arrow functions stay TSK1101), so a
// function value is exactly a C function pointer. Every place that holds one is initialised (a
// global or field needs an initialiser naming a function), so there is no null function
// pointer. Function types are structural, as in TypeScript: two aliases with the same parameter
// and return types are the same type (and compatible C types). Methods, prelude functions and
// generic functions are not values, function values are not compared, and a function type may
// not return `never` (TSK1301): C could not tell a caller that the call does not return.

import { tyOfTypeNode } from "./check_types.ts";
import { cLine } from "./c_text.ts";
import {
  BAD,
  type Ctx,
  declOf,
  type FnCtx,
  type FnSig,
  NO_FX,
  preludeOf,
  type Val,
} from "./context.ts";
import { EFFECT_FX, finishCall } from "./emit_call.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { globalName } from "./names.ts";
import { ts } from "./tsapi.ts";
import { cDecl, type Ty } from "./types.ts";

/** Aliases whose signature is being computed (a function type that refers to itself). */
const building = new Set<ts.Node>();

/** The signature a function type alias names; null if it is not in the subset (reported). */
export function fnSigOfAlias(ctx: Ctx, decl: ts.TypeAliasDeclaration): FnSig | null {
  const known = ctx.fnTypes.get(decl);
  if (known) return known;
  const m = ctx.modules.get(decl.getSourceFile());
  const type = decl.type;
  if (!m || !ts.isFunctionTypeNode(type)) return null;
  const rep = ctx.rep;
  const name = decl.name.text;
  if (building.has(decl)) {
    rep.at(decl.name, "TSK1301", `function type '${name}' refers to itself`);
    return null;
  }
  if (decl.typeParameters || type.typeParameters) {
    rep.at(decl, "TSK1401", `generic function type '${name}'`);
    return null;
  }
  building.add(decl);
  try {
    const params: Ty[] = [];
    let ok = true;
    for (const p of type.parameters) {
      const bad = p.dotDotDotToken || p.questionToken || p.initializer ||
        (ts.isIdentifier(p.name) && p.name.text === "this");
      if (bad) {
        rep.at(p, "TSK1102", "parameter default, rest, optional or 'this' parameter");
        ok = false;
      } else if (!p.type) {
        rep.at(p, "TSK2005", `parameter '${p.name.getText()}' needs a type annotation`);
        ok = false;
      } else {
        const ty = tyOfTypeNode(ctx, p.type, "param");
        if (ty) params.push(ty);
        else ok = false;
      }
    }
    const ret = tyOfTypeNode(ctx, type.type, "return");
    if (ret?.tag === "never") {
      rep.at(type.type, "TSK1301", "a function type cannot return never (C cannot say so)");
      return null;
    }
    if (!ok || !ret) return null;
    const sig: FnSig = { params, ret, name, cName: globalName(m.prefix, name) };
    ctx.fnTypes.set(decl, sig);
    return sig;
  } finally {
    building.delete(decl);
  }
}

/** Emits the typedef of every function type alias, each after the aliases it uses. */
export function emitFnTypedefs(ctx: Ctx, out: Out): void {
  const done = new Set<FnSig>();
  const bySig = new Map([...ctx.fnTypes].map(([decl, sig]) => [sig, decl]));
  const visit = (sig: FnSig): void => {
    if (done.has(sig)) return;
    done.add(sig);
    for (const t of [...sig.params, sig.ret]) if (t.tag === "fn" && t.sig.cName) visit(t.sig);
    const decl = bySig.get(sig)!;
    const path = ctx.modules.get(decl.getSourceFile())!.path;
    out.directive(cLine(lineOf(decl), path));
    const anonymous: Ty = { tag: "fn", sig: { params: sig.params, ret: sig.ret } };
    out.line(`typedef ${cDecl(anonymous, sig.cName!)};`);
  };
  for (const sig of ctx.fnTypes.values()) visit(sig);
}

/** The name of a function used as a value: a module-level, non-generic kernel function. */
export function functionValue(fc: FnCtx, node: ts.Identifier, decl: ts.FunctionDeclaration): Val {
  const { ctx } = fc;
  const pre = preludeOf(ctx, decl);
  if (pre) {
    ctx.rep.at(node, "TSK1301", `'${pre.name}' of the prelude is not a value: call it`);
    return BAD;
  }
  if (ctx.generics.has(decl)) {
    ctx.rep.at(node, "TSK1401", `generic function '${node.text}' used as a value`);
    return BAD;
  }
  const fn = ctx.functions.get(decl);
  if (!fn || fn.params.some((p) => !p.ty) || !fn.ret) return BAD; // reported with its signature
  if (fn.ret.tag === "never") {
    ctx.rep.at(node, "TSK1301", `'${node.text}' returns never: it cannot be a function value`);
    return BAD;
  }
  const sig: FnSig = { params: fn.params.map((p) => p.ty), ret: fn.ret };
  return { tag: "ty", ty: { tag: "fn", sig }, c: fn.cName, fx: NO_FX };
}

/** The C constant of a function-typed global or field initialiser: a function's name. */
export function fnConstant(ctx: Ctx, init: ts.Expression): string | null {
  let e = init;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (!ts.isIdentifier(e)) return null;
  const decl = declOf(ctx, e);
  const fn = decl && ctx.functions.get(decl);
  return fn && !fn.cls ? fn.cName : null;
}

/** A call through a function value (a local, parameter, global or field of a function type).
 *  The callee is one of the unsequenced operands, like a method's receiver. */
export function callFnValue(fc: FnCtx, node: ts.CallExpression, callee: Val): Val {
  if (callee.tag === "bad") return BAD;
  if (callee.tag !== "ty" || callee.ty.tag !== "fn") {
    fc.ctx.rep.at(node.expression, "TSK1207", "call of a value that is not a function");
    return BAD;
  }
  const { params, ret } = callee.ty.sig;
  return finishCall(fc, node, callee.c, [], [callee.fx], params, ret, EFFECT_FX.call);
}

/** The declare pass's look at a module-level type alias: a function type gets its signature. */
export function declareAlias(ctx: Ctx, decl: ts.TypeAliasDeclaration): void {
  if (decl.typeParameters) {
    ctx.rep.at(decl, "TSK1401", `generic type alias '${decl.name.text}'`);
  } else if (ts.isFunctionTypeNode(decl.type)) fnSigOfAlias(ctx, decl);
}
