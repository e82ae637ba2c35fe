// Calls: kernel functions, methods, prelude functions, and the two string methods.
//
// A callee is resolved through its symbol to the original declaration. A prelude function lowers
// by the table of intrinsics.ts (wraps by emit_int.ts); the unsafe ones need a "use unsafe"
// module (TSK3001) and the arch-specific ones the right arch (TSK3002). A method call `o.m(a)`
// becomes `<Class>__m(o, a)` with o a struct pointer. `s.charCodeAt(i)` is a raw number checked
// against the string's length in C (tsk_str_at) as it is by the wrap of NaN in Deno. Arguments
// are values of the parameter's type; their evaluation order is checked (check_order.ts).

import { checkOrder } from "./check_order.ts";
import { cRawLit } from "./c_text.ts";
import { BAD, declOf, type FnCtx, type Fx, fxJoin, NO_FX, preludeOf, type Val } from "./context.ts";
import { dataMethod } from "./emit_data.ts";
import { asValue, emitExpr, emitTyped, type TyVal } from "./emit_expr.ts";
import { callFnValue } from "./emit_fnptr.ts";
import { callGeneric, isGenericCall } from "./monomorph.ts";
import { wrapValue } from "./emit_wrap.ts";
import { type Effect, preludeName } from "./intrinsics.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, intTy, type Ty, tyName } from "./types.ts";

export const EFFECT_FX: Record<Effect, Fx> = {
  pure: NO_FX,
  panic: { call: false, panic: true, read: false },
  call: { call: true, panic: false, read: false },
};

/** Lowers a call expression. */
export function emitCall(fc: FnCtx, node: ts.CallExpression): Val {
  const rep = fc.ctx.rep;
  if (node.questionDotToken) {
    rep.at(node, "TSK1207", "optional call");
    return BAD;
  }
  if (node.typeArguments && !isGenericCall(fc.ctx, node)) {
    rep.at(node, "TSK1000", "unsupported syntax: type arguments of a function that is not generic");
    return BAD;
  }
  for (const a of node.arguments) {
    if (ts.isSpreadElement(a)) {
      rep.at(a, "TSK1207", "spread argument");
      return BAD;
    }
  }
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callFunction(fc, node, callee);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return callMethod(fc, node, callee, callee.name.text);
  }
  rep.at(callee, "TSK1207", "call of an expression (only functions and methods are called)");
  return BAD;
}

function callFunction(fc: FnCtx, node: ts.CallExpression, callee: ts.Identifier): Val {
  const { ctx } = fc;
  const decl = declOf(ctx, callee);
  const pre = decl && preludeOf(ctx, decl);
  if (pre) {
    const p = preludeName(pre.module, pre.name);
    if (!p) {
      ctx.rep.at(callee, "TSK1003", `'${pre.name}' of the prelude is not available in kernel code`);
      return BAD;
    }
    if (p.tag === "wrap") {
      if (node.arguments.length !== 1) return BAD; // TypeScript reports the arity
      if (p.unchecked && !fc.mod.unsafe) {
        ctx.rep.at(
          callee,
          "TSK3001",
          `'${pre.name}' is unsafe: call it from a "use unsafe" module`,
        );
      }
      return wrapValue(fc, node, p.kind, emitExpr(fc, node.arguments[0]), p.unchecked === true);
    }
    if (p.tag === "data") {
      const layout = p.name === "layout";
      const msg = layout ? "layout() declares a module-level const" : `'${p.name}' is not called`;
      ctx.rep.at(callee, layout ? "TSK2301" : "TSK1207", msg);
      return BAD;
    }
    if (p.tag === "fmt") {
      ctx.rep.at(callee, "TSK2202", `${p.name}() formats a substitution of a klog template only`);
      return BAD;
    }
    const f = p.fn;
    if (f.unsafe && !fc.mod.unsafe) {
      ctx.rep.at(callee, "TSK3001", `'${p.name}' is unsafe: call it from a "use unsafe" module`);
    }
    if (!fc.dead && f.arch && f.arch !== ctx.arch) {
      ctx.rep.at(callee, "TSK3002", `'${p.name}' is not available on ${ctx.arch}`);
    } else if (!fc.dead && f.arch && ctx.hosted) {
      ctx.rep.at(callee, "TSK3002", `'${p.name}' is not available in a hosted build`);
    }
    if (f.hostedOnly && !ctx.hosted) {
      ctx.rep.at(callee, "TSK3002", `'${p.name}' is available only in a hosted build`);
    }
    if (f.metalOnly && ctx.hosted) {
      ctx.rep.at(callee, "TSK3002", `'${p.name}' is not available in a hosted build`);
    }
    return finishCall(fc, node, f.c, [], [], f.params.map(intTy), f.ret, EFFECT_FX[f.effect]);
  }
  const fn = decl && ctx.functions.get(decl);
  if (fn && !fn.cls) {
    if (fn.params.some((p) => !p.ty) || !fn.ret) return BAD; // its signature was reported
    const params = fn.params.map((p) => p.ty!);
    return finishCall(fc, node, fn.cName, [], [], params, fn.ret, EFFECT_FX.call);
  }
  const gen = decl && ctx.generics.get(decl);
  if (gen) return callGeneric(fc, node, gen);
  if (decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl))) {
    return callFnValue(fc, node, emitExpr(fc, callee));
  }
  if (decl && ctx.modules.has(decl.getSourceFile()) && ts.isFunctionDeclaration(decl)) return BAD;
  ctx.rep.at(callee, "TSK1207", `'${callee.text}' is not a kernel function`);
  return BAD;
}

function callMethod(
  fc: FnCtx,
  node: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  name: string,
): Val {
  const rep = fc.ctx.rep;
  if (callee.questionDotToken) {
    rep.at(callee, "TSK1207", "optional chaining");
    return BAD;
  }
  const obj = emitExpr(fc, callee.expression);
  if (obj.tag === "bad") return BAD;
  const data = obj.tag === "ty" ? dataMethod(fc, node, callee, obj) : undefined;
  if (data) return data;
  if (obj.tag === "ty" && obj.ty.tag === "struct") {
    const m = obj.ty.cls.methods.get(name);
    const field = obj.ty.cls.fields.get(name);
    if (!m && field?.ty.tag === "fn") {
      const c = `${obj.c}->${field.cName}`;
      return callFnValue(fc, node, { tag: "ty", ty: field.ty, c, fx: { ...obj.fx, read: true } });
    }
    if (!m) {
      rep.at(callee.name, "TSK1207", `'${name}' is not a method of ${obj.ty.cls.name}`);
      return BAD;
    }
    if (m.params.some((p) => !p.ty) || !m.ret) return BAD;
    const params = m.params.map((p) => p.ty!);
    return finishCall(fc, node, m.cName, [obj.c], [obj.fx], params, m.ret, EFFECT_FX.call);
  }
  if (obj.tag === "ty" && obj.ty.tag === "str") {
    if (name === "charCodeAt" && node.arguments.length === 1) return charCodeAt(fc, node, obj);
    rep.at(callee.name, "TSK2201", `string operation '${name}' (only length and charCodeAt)`);
    return BAD;
  }
  rep.at(callee, "TSK1207", `method call on a ${obj.tag === "ty" ? tyName(obj.ty) : "number"}`);
  return BAD;
}

export function finishCall(
  fc: FnCtx,
  node: ts.CallExpression,
  cName: string,
  firstC: string[],
  firstFx: Fx[],
  params: Ty[],
  ret: Ty,
  own: Fx,
): Val {
  if (node.arguments.length !== params.length) return BAD; // TypeScript reports the arity
  const args = node.arguments.map((a, i) => emitTyped(fc, a, params[i], "passed"));
  if (args.some((a) => !a)) return BAD;
  const fxs = [...firstFx, ...args.map((a) => a!.fx)];
  checkOrder(fc.ctx, node, fxs);
  const c = `${cName}(${[...firstC, ...args.map((a) => a!.c)].join(", ")})`;
  return { tag: "ty", ty: ret, c, fx: fxJoin(own, ...fxs) };
}

function charCodeAt(fc: FnCtx, node: ts.CallExpression, s: TyVal): Val {
  const arg = node.arguments[0];
  const v = emitExpr(fc, arg);
  let idx: string;
  let fx = NO_FX;
  if (v.tag === "lit" && !v.big) idx = cRawLit(v.value, 64, v.hex);
  else {
    const iv = asValue(fc, arg, v, "used as an index");
    if (!iv) return BAD;
    if (iv.ty.tag !== "int" || INT_KINDS[iv.ty.kind].big) {
      fc.ctx.rep.at(arg, "TSK2106", "a string index is a number-domain integer (e.g. usize)");
      return BAD;
    }
    idx = `(uint64_t)${iv.c}`;
    fx = iv.fx;
  }
  checkOrder(fc.ctx, node, [s.fx, fx]);
  const c = `tsk_str_at(${s.c}, ${idx})`;
  return {
    tag: "raw",
    big: false,
    kind: null,
    quotient: false,
    lower: (w) => `(uint${w}_t)${c}`,
    fx: fxJoin(s.fx, fx, EFFECT_FX.panic),
  };
}
