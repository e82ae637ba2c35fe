// Comparisons `=== !== < <= > >=` (docs/SUBSET.md §3): both operands of one kind.
//
// Integer operands must be wrapped (a raw operand is TSK2101), of the same kind (TSK2106), or
// one of them a literal that fits the other's kind; booleans compare with === and !== only, and
// so do values of one enum (anything else with an enum is TSK2602); strings are not compared
// (TSK2201), nor struct references, nor function values (TSK1301). The two operands are unsequenced
// in C, so their evaluation order is checked. The result is a C bool.

import { checkOrder } from "./check_order.ts";
import { BAD, type FnCtx, fxJoin, NO_FX, type Val } from "./context.ts";
import { literalAs } from "./int_literal.ts";
import { ts } from "./tsapi.ts";
import { BOOL, type Ty, tyName } from "./types.ts";

const SK = ts.SyntaxKind;

export const COMPARISONS: Partial<Record<ts.SyntaxKind, string>> = {
  [SK.EqualsEqualsEqualsToken]: "==",
  [SK.ExclamationEqualsEqualsToken]: "!=",
  [SK.LessThanToken]: "<",
  [SK.LessThanEqualsToken]: "<=",
  [SK.GreaterThanToken]: ">",
  [SK.GreaterThanEqualsToken]: ">=",
};

export function emitCompare(
  fc: FnCtx,
  node: ts.BinaryExpression,
  op: string,
  l: Val,
  r: Val,
): Val {
  const rep = fc.ctx.rep;
  if (l.tag === "bad" || r.tag === "bad") return BAD;
  for (const [v, n] of [[l, node.left], [r, node.right]] as const) {
    if (v.tag === "raw") {
      rep.at(n, "TSK2101", "raw operand of a comparison: wrap it first");
      return BAD;
    }
  }
  if (l.tag === "lit" && r.tag === "lit") {
    rep.at(node, "TSK2101", "a comparison needs a wrapped operand");
    return BAD;
  }
  let lc: string | null, rc: string | null;
  if (l.tag === "ty" && r.tag === "ty") {
    if (!comparable(fc, node, op, l.ty, r.ty)) return BAD;
    lc = l.c;
    rc = r.c;
  } else {
    const [tv, lit, litNode] = l.tag === "ty" ? [l, r, node.right] : [r, l, node.left];
    if (tv.tag !== "ty" || lit.tag !== "lit") return BAD;
    if (tv.ty.tag !== "int") {
      const code = tv.ty.tag === "enum" ? "TSK2602" : "TSK1207";
      rep.at(node, code, `comparison of ${tyName(tv.ty)} with a number`);
      return BAD;
    }
    const litC = literalAs(fc, litNode, lit, tv.ty.kind);
    if (litC === null) return BAD;
    [lc, rc] = l.tag === "ty" ? [tv.c, litC] : [litC, tv.c];
  }
  const fxs = [l, r].map((v) => v.tag === "ty" ? v.fx : NO_FX);
  checkOrder(fc.ctx, node, fxs);
  return { tag: "ty", ty: BOOL, c: `(${lc} ${op} ${rc})`, fx: fxJoin(...fxs) };
}

function comparable(fc: FnCtx, node: ts.Node, op: string, a: Ty, b: Ty): boolean {
  const rep = fc.ctx.rep;
  if (a.tag === "int" && b.tag === "int") {
    if (a.kind === b.kind) return true;
    rep.at(node, "TSK2106", `comparison mixes ${a.kind} and ${b.kind}`);
    return false;
  }
  if (a.tag === "bool" && b.tag === "bool" && (op === "==" || op === "!=")) return true;
  if (a.tag === "enum" && b.tag === "enum" && a.en === b.en && (op === "==" || op === "!=")) {
    return true;
  }
  if (a.tag === "enum" || b.tag === "enum") {
    const what = a.tag === "enum" && b.tag === "enum" && a.en === b.en
      ? `'${op}' on ${a.en.name}: enums compare with === and !== only`
      : `comparison of ${tyName(a)} and ${tyName(b)}: convert the enum with u32(e)`;
    rep.at(node, "TSK2602", what);
    return false;
  }
  if (a.tag === "fn" || b.tag === "fn") {
    rep.at(node, "TSK1301", "function values are not compared (C may merge or split functions)");
    return false;
  }
  if (a.tag === "str" || b.tag === "str") rep.at(node, "TSK2201", "string comparison");
  else rep.at(node, "TSK1207", `comparison of ${tyName(a)} and ${tyName(b)}`);
  return false;
}
