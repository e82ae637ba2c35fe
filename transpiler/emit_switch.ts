// `switch` on an integer or an enum (docs/SUBSET.md §4, "switch"), lowered to a C switch.
//
// JS compares the discriminant with each `case` value by ===, in order, and C jumps to the equal
// label; the two agree when the labels are distinct constants of the discriminant's own type:
// integer literals or constant expressions of its kind (a bigint for u64/i64), or members of its
// enum. Each label is written as its constant (an enumerator or a typed literal), so C sees an
// integer constant expression. There is no implicit fall-through: a non-empty clause must end in
// `break`, `return`, `continue`, a call that returns `never`, or a block or if/else whose every
// path ends so (TSK1208); stacked empty clauses share the next body, in both languages. A
// clause's statements are braced in C; a clause that declares a local must brace its body in
// TypeScript too (its scope would otherwise be the whole switch, TSK1204). `default` may stand
// anywhere, as in both languages it is taken only when no label matches. An enum discriminant is
// switched on as its integer, so C does not warn about enumerators without a case; a switch that
// has a case for every member and no default gets `default: tsk_unreachable();`, since no other
// value of an enum exists (nothing converts an integer to an enum), so C too knows that control
// leaves it only through a clause.

import { cTypedLit } from "./c_text.ts";
import { constEval } from "./const_eval.ts";
import type { FnCtx } from "./context.ts";
import { emitExpr, emitValue } from "./emit_expr.ts";
import { emitStatements, type Out } from "./emit_stmt.ts";
import { literalAs } from "./int_literal.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, type Ty, tyEq, tyName } from "./types.ts";

const SK = ts.SyntaxKind;

/** Emits a switch statement. */
export function emitSwitch(fc: FnCtx, st: ts.SwitchStatement, out: Out): void {
  const rep = fc.ctx.rep;
  const disc = emitValue(fc, st.expression, "switched on");
  let ty: Ty | null = null;
  if (disc && (disc.ty.tag === "int" || disc.ty.tag === "enum")) ty = disc.ty;
  else if (disc) {
    rep.at(st.expression, "TSK1204", `switch on a ${tyName(disc.ty)}: only integers and enums`);
  }
  const head = !disc || !ty
    ? "0"
    : ty.tag === "enum"
    ? `(${INT_KINDS[ty.en.repr].c})${disc.c}`
    : disc.c;
  out.open(`switch (${head}) {`);
  const seen = new Map<bigint, ts.Node>();
  const clauses = st.caseBlock.clauses;
  clauses.forEach((clause, i) => {
    let label = "default:";
    if (ts.isCaseClause(clause)) {
      const l = ty ? caseLabel(fc, clause.expression, ty) : null;
      if (l) {
        const prev = seen.get(l.value);
        if (prev) {
          rep.at(clause.expression, "TSK1204", `duplicate case value ${l.value}`);
        } else seen.set(l.value, clause);
      }
      label = `case ${l?.c ?? "0"}:`;
    }
    const stmts = clause.statements;
    if (stmts.length === 0) {
      out.line(i === clauses.length - 1 ? `${label} break;` : label);
      return;
    }
    const decl = stmts.find((s) => ts.isVariableStatement(s));
    if (decl) {
      rep.at(decl, "TSK1204", "a declaration in a case clause: brace the clause, case X: { ... }");
    }
    if (!terminates(fc, stmts[stmts.length - 1])) {
      rep.at(
        clause,
        "TSK1208",
        "the clause falls through: end it with break, return, continue or a never call",
      );
    }
    out.open(`${label} {`);
    emitStatements(fc, stmts, out);
    out.close("}");
  });
  // Every member has a case and there is no default: as no other value of an enum exists, the
  // end of the switch is reached only through a clause (TypeScript's view too); C must be told.
  const exhaustive = ty?.tag === "enum" && clauses.every((c) => ts.isCaseClause(c)) &&
    [...ty.en.members.values()].every((m) => seen.has(m.value));
  if (exhaustive) out.line("default: tsk_unreachable();");
  out.close("}");
}

/** A case label: its C constant and value; null if it is not a constant of type ty (reported). */
function caseLabel(
  fc: FnCtx,
  e: ts.Expression,
  ty: Ty,
): { c: string; value: bigint } | null {
  const rep = fc.ctx.rep;
  const v = emitExpr(fc, e);
  if (v.tag === "bad") return null;
  if (v.tag === "lit") {
    if (ty.tag !== "int") {
      rep.at(e, "TSK2602", `case ${v.value} on enum ${tyName(ty)}: name a member`);
      return null;
    }
    const c = literalAs(fc, e, v, ty.kind);
    return c === null ? null : { c, value: v.value };
  }
  const tv = v.tag === "ty" ? v : emitValue(fc, e, "as a case label");
  if (!tv) return null;
  if (!tyEq(tv.ty, ty)) {
    const code = tv.ty.tag === "enum" || ty.tag === "enum"
      ? "TSK2602"
      : tv.ty.tag === "int" && ty.tag === "int"
      ? "TSK2106"
      : "TSK1204";
    rep.at(e, code, `case of ${tyName(tv.ty)} in a switch on ${tyName(ty)}`);
    return null;
  }
  const k = constEval(fc.ctx, e);
  if (typeof k !== "number" && typeof k !== "bigint") {
    rep.at(e, "TSK1204", "a case label must be a constant (a literal, a const or an enum member)");
    return null;
  }
  const value = BigInt(k);
  if (ty.tag === "enum") {
    const mem = [...ty.en.members.values()].find((m) => m.value === value);
    return mem ? { c: mem.cName, value } : null;
  }
  if (ty.tag !== "int") return null;
  return { c: cTypedLit(ty.kind, value, /0[xX]/.test(e.getText())), value };
}

/** Whether control cannot run past the end of st (conservatively). */
function terminates(fc: FnCtx, st: ts.Statement): boolean {
  switch (st.kind) {
    case SK.BreakStatement:
    case SK.ContinueStatement:
    case SK.ReturnStatement:
      return true;
    case SK.Block: {
      const b = (st as ts.Block).statements;
      return b.length > 0 && terminates(fc, b[b.length - 1]);
    }
    case SK.IfStatement: {
      const s = st as ts.IfStatement;
      return !!s.elseStatement && terminates(fc, s.thenStatement) &&
        terminates(fc, s.elseStatement);
    }
    case SK.ExpressionStatement: {
      const e = (st as ts.ExpressionStatement).expression;
      if (!ts.isCallExpression(e)) return false;
      const sig = fc.ctx.checker.getResolvedSignature(e);
      return !!sig && (sig.getReturnType().flags & ts.TypeFlags.Never) !== 0;
    }
    default:
      return false;
  }
}
