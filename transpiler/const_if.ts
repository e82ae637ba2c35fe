// Compile-time selection: `if` on a constant condition (docs/SUBSET.md §4, "Constant conditions").
//
// A condition that const_eval.ts computes to a boolean (module-level boolean constants used as
// build options, `ARCH_NAME === "aarch64"` with the arch's name from @arch/mod.ts, comparisons
// of integer constants, and `!`, `&&`, `||` of those) is decided by the transpiler: only the
// live branch is emitted. The dead branch is still walked, so it must be in the subset, but it
// is lowered to nowhere and is exempt from the arch check (TSK3002): code for the other arch may
// sit behind `ARCH_NAME`. Deno evaluates the same condition at run time and takes the same
// branch, since the constant is the value the module holds. Strings are compared only here,
// where both sides are constants; everywhere else a string comparison is TSK2201.

import { constEval } from "./const_eval.ts";
import type { FnCtx } from "./context.ts";
import { emitCond } from "./emit_expr.ts";
import { emitStmt, Out } from "./emit_stmt.ts";
import { ts } from "./tsapi.ts";

const SK = ts.SyntaxKind;

/** Emits an if statement whose condition is a constant, and returns true; else false. */
export function emitConstIf(fc: FnCtx, s: ts.IfStatement, out: Out): boolean {
  const v = constEval(fc.ctx, s.expression);
  if (typeof v !== "boolean") return false;
  checkCondition(fc, s.expression);
  const [live, dead] = v ? [s.thenStatement, s.elseStatement] : [s.elseStatement, s.thenStatement];
  const text = s.expression.getText().replace(/\s+/g, " ").replaceAll("*/", "* /");
  out.line(`/* if (${text}): ${v} at compile time */`);
  if (live) emitStmt(fc, live, out);
  if (dead) emitStmt({ ...fc, dead: true }, dead, new Out());
  return true;
}

/** Checks a constant condition by the subset's rules, allowing string constants to compare. */
function checkCondition(fc: FnCtx, e: ts.Expression): void {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e) && e.operator === SK.ExclamationToken) {
    return checkCondition(fc, e.operand);
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken) {
      checkCondition(fc, e.left);
      return checkCondition(fc, e.right);
    }
    const strings = typeof constEval(fc.ctx, e.left) === "string" &&
      typeof constEval(fc.ctx, e.right) === "string";
    if (strings && (op === SK.EqualsEqualsEqualsToken || op === SK.ExclamationEqualsEqualsToken)) {
      return;
    }
  }
  emitCond(fc, e);
}
