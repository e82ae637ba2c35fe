// Stack references must not outlive their frame (docs/SUBSET.md §5.1, §9).
//
// A local `new C()` or `new FixedArray(...)` lives on the function's stack in C (in the block that
// declares it), but in JavaScript it lives as long as anything refers to it. The two agree if no
// reference to a stack object is used after its block ends. References are struct pointers and
// slices; they live only in locals, parameters and return values (module-level variables and
// fields cannot hold them), so the ways out of a block are `return` and assignment to a
// variable declared in an outer block. The rule:
//   - a value that may refer to a stack object is never returned (TSK2501);
//   - it is assigned (`x = v`) only to a local declared in the object's block or an inner one
//     (TSK2501), which also keeps a loop iteration from seeing the previous iteration's object.
// Passing it as an argument is fine: the callee cannot store it, only return it, and a call's
// result is taken to refer to whatever its arguments (and receiver) refer to. The analysis is
// flow-insensitive: a reference local refers to the union of everything it is ever given, found
// as a fixed point when the function's body is done (checkEscapes).

import { type FnCtx } from "./context.ts";
import { declOf } from "./context.ts";
import { ts } from "./tsapi.ts";
import type { Ty } from "./types.ts";

interface EscapeState {
  /** Stack objects: local declarations of `new`, by the depth of their block. */
  objects: Map<ts.Node, number>;
  /** Reference locals: what they are given (initialiser and assignments) and their depth. */
  refs: Map<ts.Node, { depth: number; sources: ts.Expression[] }>;
  returns: ts.Expression[];
  assigns: { target: ts.Node | undefined; rhs: ts.Expression }[];
}

const states = new WeakMap<FnCtx, EscapeState>();

function state(fc: FnCtx): EscapeState {
  let s = states.get(fc);
  if (!s) {
    s = { objects: new Map(), refs: new Map(), returns: [], assigns: [] };
    states.set(fc, s);
  }
  return s;
}

/** Whether values of type t are references (struct pointers, slices, layout views). */
export function isRefTy(t: Ty): boolean {
  return t.tag === "struct" || t.tag === "slice" || t.tag === "layout";
}

/** How many blocks enclose node inside its function (the body is 1, parameters 0). */
export function scopeDepth(node: ts.Node): number {
  let d = 0;
  for (let n = node.parent; n && !ts.isFunctionLike(n); n = n.parent) {
    if (ts.isBlock(n) || ts.isForStatement(n) || ts.isCaseBlock(n)) d++;
  }
  return d;
}

/** Records a local stack object (a `new` bound by decl). */
export function noteStackObject(fc: FnCtx, decl: ts.VariableDeclaration): void {
  state(fc).objects.set(decl, scopeDepth(decl));
}

/** Records a reference-typed local and its initialiser. */
export function noteRefLocal(fc: FnCtx, decl: ts.VariableDeclaration, init?: ts.Expression): void {
  state(fc).refs.set(decl, { depth: scopeDepth(decl), sources: init ? [init] : [] });
}

/** Records `return e` of a reference. */
export function noteReturn(fc: FnCtx, e: ts.Expression): void {
  state(fc).returns.push(e);
}

/** Records `target = rhs` of a reference (target: the local's or parameter's declaration). */
export function noteAssign(fc: FnCtx, target: ts.Node | undefined, rhs: ts.Expression): void {
  const s = state(fc);
  s.assigns.push({ target, rhs });
  const r = target && s.refs.get(target);
  if (r) r.sources.push(rhs);
}

/** The deepest block of the stack objects e may refer to; -1 if none. */
function stackDepth(
  fc: FnCtx,
  s: EscapeState,
  e: ts.Expression,
  known: Map<ts.Node, number>,
): number {
  switch (e.kind) {
    case ts.SyntaxKind.ParenthesizedExpression:
      return stackDepth(fc, s, (e as ts.ParenthesizedExpression).expression, known);
    case ts.SyntaxKind.Identifier: {
      const decl = declOf(fc.ctx, e);
      if (!decl) return -1;
      return s.objects.get(decl) ?? known.get(decl) ?? -1;
    }
    case ts.SyntaxKind.PropertyAccessExpression:
      return stackDepth(fc, s, (e as ts.PropertyAccessExpression).expression, known);
    case ts.SyntaxKind.CallExpression: {
      const call = e as ts.CallExpression;
      let d = ts.isPropertyAccessExpression(call.expression)
        ? stackDepth(fc, s, call.expression.expression, known)
        : -1;
      for (const a of call.arguments) d = Math.max(d, stackDepth(fc, s, a, known));
      return d;
    }
    case ts.SyntaxKind.ConditionalExpression: {
      const c = e as ts.ConditionalExpression;
      return Math.max(stackDepth(fc, s, c.whenTrue, known), stackDepth(fc, s, c.whenFalse, known));
    }
    default:
      return -1;
  }
}

/** Reports every return or assignment that lets a stack reference escape (call once, at the end
 *  of a function body). */
export function checkEscapes(fc: FnCtx): void {
  const s = states.get(fc);
  if (!s) return;
  const known = new Map<ts.Node, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [decl, r] of s.refs) {
      let d = known.get(decl) ?? -1;
      for (const src of r.sources) d = Math.max(d, stackDepth(fc, s, src, known));
      if (d !== (known.get(decl) ?? -1)) {
        known.set(decl, d);
        changed = true;
      }
    }
  }
  const rep = fc.ctx.rep;
  for (const e of s.returns) {
    if (stackDepth(fc, s, e, known) >= 0) {
      rep.at(e, "TSK2501", "returns a reference to a local instance or array of this function");
    }
  }
  for (const { target, rhs } of s.assigns) {
    const d = stackDepth(fc, s, rhs, known);
    const limit = target ? (s.refs.get(target)?.depth ?? 0) : -1;
    if (d > limit) {
      rep.at(rhs, "TSK2501", "a reference to a local instance or array would outlive its block");
    }
  }
}
