// Statements of function bodies (docs/SUBSET.md §4), lowered one to one to C statements.
//
// Each statement is preceded by `#line N "path.ts"` so C diagnostics point at the TypeScript.
// Blocks are always braced. `for (init; cond; step)` becomes a block holding init and a C `for`
// with the same scope as in JS (per-iteration bindings only matter to closures, which the subset
// has not). Locals need an annotation unless their initialiser is already a typed value
// (TSK2005); a local without an initialiser is zeroed (TypeScript proves it is assigned before
// use). Assignments target a local, a module `let` or a field of a named struct, and are
// statements only. Unknown statement kinds are TSK1000; forbidden ones have their own codes.

import { cLine, stripParens } from "./c_text.ts";
import { declOf, type FnCtx } from "./context.ts";
import { emitCall } from "./emit_call.ts";
import { asValue, emitCond, emitExpr, emitTyped, expectTy } from "./emit_expr.ts";
import { localName } from "./names.ts";
import { kindName, ts } from "./tsapi.ts";
import { cDecl, type Ty, tyName } from "./types.ts";
import { tyOfTypeNode } from "./check_types.ts";

const SK = ts.SyntaxKind;

/** Lines of C with indentation; `#line` directives stay in column 0. */
export class Out {
  readonly lines: string[] = [];
  private depth = 0;

  line(s: string): void {
    this.lines.push("  ".repeat(this.depth) + s);
  }
  directive(s: string): void {
    this.lines.push(s);
  }
  open(s: string): void {
    this.line(s);
    this.depth++;
  }
  close(s: string): void {
    this.depth--;
    this.line(s);
  }
  /** A line between two indented parts, such as `} else {`. */
  mid(s: string): void {
    this.depth--;
    this.line(s);
    this.depth++;
  }
}

/** The 1-based line of a node's first token. */
export function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** Emits the statements of a block (without its braces). */
export function emitStatements(fc: FnCtx, stmts: readonly ts.Statement[], out: Out): void {
  for (const st of stmts) emitStmt(fc, st, out);
}

function emitBody(fc: FnCtx, st: ts.Statement, out: Out): void {
  if (ts.isBlock(st)) emitStatements(fc, st.statements, out);
  else emitStmt(fc, st, out);
}

/** Emits one statement. */
export function emitStmt(fc: FnCtx, st: ts.Statement, out: Out): void {
  const rep = fc.ctx.rep;
  if (st.kind !== SK.Block && st.kind !== SK.EmptyStatement) {
    out.directive(cLine(lineOf(st), fc.mod.path));
  }
  switch (st.kind) {
    case SK.Block:
      out.open("{");
      emitStatements(fc, (st as ts.Block).statements, out);
      out.close("}");
      return;
    case SK.EmptyStatement:
      return;
    case SK.VariableStatement:
      return emitLocals(fc, (st as ts.VariableStatement).declarationList, out);
    case SK.ExpressionStatement: {
      const c = emitExprStmt(fc, (st as ts.ExpressionStatement).expression);
      if (c !== null) out.line(`${c};`);
      return;
    }
    case SK.IfStatement: {
      const s = st as ts.IfStatement;
      const cond = emitCond(fc, s.expression);
      out.open(`if (${cond ? stripParens(cond.c) : "0"}) {`);
      emitBody(fc, s.thenStatement, out);
      if (s.elseStatement) {
        out.mid("} else {");
        emitBody(fc, s.elseStatement, out);
      }
      out.close("}");
      return;
    }
    case SK.WhileStatement: {
      const s = st as ts.WhileStatement;
      const cond = emitCond(fc, s.expression);
      out.open(`while (${cond ? stripParens(cond.c) : "0"}) {`);
      emitBody(fc, s.statement, out);
      out.close("}");
      return;
    }
    case SK.DoStatement: {
      const s = st as ts.DoStatement;
      out.open("do {");
      emitBody(fc, s.statement, out);
      const cond = emitCond(fc, s.expression);
      out.close(`} while (${cond ? stripParens(cond.c) : "0"});`);
      return;
    }
    case SK.ForStatement:
      return emitFor(fc, st as ts.ForStatement, out);
    case SK.ReturnStatement:
      return emitReturn(fc, st as ts.ReturnStatement, out);
    case SK.BreakStatement:
    case SK.ContinueStatement: {
      const s = st as ts.BreakOrContinueStatement;
      if (s.label) rep.at(s.label, "TSK1206", "label");
      out.line(st.kind === SK.BreakStatement ? "break;" : "continue;");
      return;
    }
    case SK.LabeledStatement:
      rep.at(st, "TSK1206", "labelled statement");
      return emitStmt(fc, (st as ts.LabeledStatement).statement, out);
    case SK.SwitchStatement:
      rep.at(st, "TSK1204", "switch (until issue 3): use if/else");
      return;
    case SK.ForOfStatement:
    case SK.ForInStatement:
      rep.at(st, "TSK1205", "for...of / for...in: use for (init; cond; step)");
      return;
    case SK.TryStatement:
    case SK.ThrowStatement:
      rep.at(st, "TSK1201", "try/throw: errors are values, fatal ones call panic()");
      return;
    case SK.FunctionDeclaration:
    case SK.ClassDeclaration:
      rep.at(st, "TSK1101", "nested function or class");
      return;
    default:
      rep.at(st, "TSK1000", `unsupported syntax: ${kindName(st.kind)}`);
      return;
  }
}

function emitLocals(fc: FnCtx, list: ts.VariableDeclarationList, out: Out): void {
  const { ctx } = fc;
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  if ((list.flags & ts.NodeFlags.BlockScoped) === 0) {
    ctx.rep.at(list, "TSK1103", "'var': use let or const");
  } else if ((list.flags & ts.NodeFlags.Using) !== 0) {
    ctx.rep.at(list, "TSK1000", "unsupported syntax: using");
    return;
  }
  for (const d of list.declarations) {
    if (!ts.isIdentifier(d.name)) {
      ctx.rep.at(d.name, "TSK2004", "destructuring");
      continue;
    }
    if (d.exclamationToken) ctx.rep.at(d, "TSK1000", "unsupported syntax: definite assignment '!'");
    let ty: Ty | null = null;
    let init: string | null = null;
    if (d.type) {
      ty = tyOfTypeNode(ctx, d.type, "local");
      if (d.initializer) {
        const v = ty ? emitTyped(fc, d.initializer, ty, "stored") : emitExpr(fc, d.initializer);
        init = v && v.tag === "ty" ? v.c : null;
      }
    } else if (d.initializer) {
      const v = emitExpr(fc, d.initializer);
      if (v.tag === "lit" || v.tag === "raw") {
        ctx.rep.at(d.name, "TSK2005", `'${d.name.text}' needs a type annotation (unbranded value)`);
      } else {
        const tv = asValue(fc, d.initializer, v, "stored");
        if (tv) [ty, init] = [tv.ty, tv.c];
      }
    } else {
      ctx.rep.at(d.name, "TSK2005", `'${d.name.text}' needs a type annotation`);
    }
    if (!ty) continue;
    const cName = localName(d.name.text);
    fc.locals.set(d, { cName, ty });
    const value = init ?? (d.initializer ? "0" : zeroOf(ty));
    out.line(`${cDecl(ty, cName, isConst)} = ${stripParens(value)};`);
  }
}

function zeroOf(ty: Ty): string {
  return ty.tag === "bool" ? "false" : ty.tag === "str" ? "{0}" : "0";
}

/** An expression statement: a call or an assignment; null if nothing is emitted. */
function emitExprStmt(fc: FnCtx, e: ts.Expression): string | null {
  const rep = fc.ctx.rep;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === SK.EqualsToken) {
    return emitAssign(fc, e);
  }
  if (ts.isCallExpression(e)) {
    const v = emitCall(fc, e);
    return v.tag === "ty" ? stripParens(v.c) : null;
  }
  const before = rep.count();
  emitExpr(fc, e);
  if (rep.count() === before) {
    rep.at(e, "TSK1207", "an expression statement must be a call or an assignment");
  }
  return null;
}

/** `target = value`, for a local, a module `let`, or a field of a named struct. */
export function emitAssign(fc: FnCtx, node: ts.BinaryExpression): string | null {
  const { ctx } = fc;
  const t = node.left;
  let target: { c: string; ty: Ty } | null = null;
  if (ts.isIdentifier(t)) {
    const decl = declOf(ctx, t);
    const local = decl && fc.locals.get(decl);
    const g = decl && ctx.globals.get(decl);
    if (local) target = { c: local.cName, ty: local.ty };
    else if (g && g.mutable) target = { c: g.cName, ty: g.ty };
    else if (!decl || !ctx.modules.has(decl.getSourceFile())) {
      ctx.rep.at(t, "TSK1207", `cannot assign to '${t.text}'`);
    }
  } else if (
    ts.isPropertyAccessExpression(t) && ts.isIdentifier(t.name) &&
    (ts.isIdentifier(t.expression) || t.expression.kind === SK.ThisKeyword)
  ) {
    const obj = emitExpr(fc, t.expression);
    if (obj.tag === "ty" && obj.ty.tag === "struct") {
      const f = obj.ty.cls.fields.get(t.name.text);
      if (f) target = { c: `${obj.c}->${f.cName}`, ty: f.ty };
      else ctx.rep.at(t.name, "TSK1207", `'${t.name.text}' is not a field of ${obj.ty.cls.name}`);
    } else if (obj.tag !== "bad") {
      const what = obj.tag === "ty" ? tyName(obj.ty) : "number";
      ctx.rep.at(
        t,
        obj.tag === "ty" && obj.ty.tag === "str" ? "TSK2201" : "TSK1207",
        `assignment to a property of a ${what}`,
      );
    }
  } else {
    ctx.rep.at(t, "TSK1207", "assignment target must be a variable or name.field");
  }
  const v = target ? emitTyped(fc, node.right, target.ty, "assigned") : emitExpr(fc, node.right);
  if (!target || !v || v.tag !== "ty") return null;
  return `${target.c} = ${stripParens(v.c)}`;
}

function emitFor(fc: FnCtx, s: ts.ForStatement, out: Out): void {
  const rep = fc.ctx.rep;
  const init = s.initializer;
  if (init) out.open("{");
  if (init && ts.isVariableDeclarationList(init)) emitLocals(fc, init, out);
  else if (init) {
    const c = emitExprStmt(fc, init);
    if (c !== null) out.line(`${c};`);
  }
  const cond = s.condition ? emitCond(fc, s.condition) : null;
  let step = "";
  if (s.incrementor) {
    const e = s.incrementor;
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === SK.EqualsToken) {
      step = emitAssign(fc, e) ?? "";
    } else if (ts.isCallExpression(e)) {
      const v = emitCall(fc, e);
      step = v.tag === "ty" ? stripParens(v.c) : "";
    } else {
      const before = rep.count();
      emitExpr(fc, e);
      if (rep.count() === before) {
        rep.at(e, "TSK1207", "a for step must be an assignment or a call");
      }
    }
  }
  out.open(`for (; ${cond ? stripParens(cond.c) : ""}; ${step}) {`);
  emitBody(fc, s.statement, out);
  out.close("}");
  if (init) out.close("}");
}

function emitReturn(fc: FnCtx, s: ts.ReturnStatement, out: Out): void {
  const ret = fc.fn?.ret;
  if (!s.expression) {
    out.line("return;");
    return;
  }
  if (!ret) return;
  const v = emitExpr(fc, s.expression);
  if (v.tag === "ty" && (v.ty.tag === "void" || v.ty.tag === "never")) {
    out.line(`${stripParens(v.c)};`);
    if (v.ty.tag === "void") out.line("return;");
    return;
  }
  const tv = expectTy(fc, s.expression, v, ret, "returned");
  if (tv) out.line(`return ${stripParens(tv.c)};`);
}
