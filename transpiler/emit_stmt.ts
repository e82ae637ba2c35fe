// Statements of function bodies (docs/SUBSET.md §4), lowered one to one to C statements.
//
// Each statement is preceded by `#line N "path.ts"` so C diagnostics point at the TypeScript.
// Blocks are always braced. `for (init; cond; step)` becomes a block holding init and a C `for`
// with the same scope as in JS (per-iteration bindings only matter to closures, which the subset
// has not). Locals need an annotation unless their initialiser is already a typed value
// (TSK2005); a local without an initialiser is zeroed (TypeScript proves it is assigned before
// use). A local initialised with `new` is a stack instance or array (emit_new.ts). Assignments
// target a local, a module `let`, or a field reached from a name through fields (`a.b.c`, a
// struct's or a layout view's, emit_data.ts), and are statements only; returned and assigned
// references are checked not to outlive the stack objects they may point to (check_escape.ts).
// Unknown statement kinds are TSK1000; forbidden ones have their own codes.
// Three statements have files of their own: `switch` (emit_switch.ts), an `if` on a constant
// condition (const_if.ts) and a klog/kprint call with a template literal (emit_klog.ts).

import { cLine, stripParens } from "./c_text.ts";
import { declOf, type FnCtx } from "./context.ts";
import { emitCall } from "./emit_call.ts";
import { asValue, emitCond, emitExpr, emitTyped, expectTy } from "./emit_expr.ts";
import { localName } from "./names.ts";
import { kindName, ts } from "./tsapi.ts";
import { cDecl, type Ty, tyName } from "./types.ts";
import { tyOfTypeNode } from "./check_types.ts";
import { isRefTy, noteAssign, noteRefLocal, noteReturn } from "./check_escape.ts";
import { dataAssignTarget } from "./emit_data.ts";
import { emitLocalNew } from "./emit_new.ts";
import { emitConstIf } from "./const_if.ts";
import { emitKlogTemplate } from "./emit_klog.ts";
import { emitSwitch } from "./emit_switch.ts";

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
      if (emitKlogTemplate(fc, (st as ts.ExpressionStatement).expression, out)) return;
      const c = emitExprStmt(fc, (st as ts.ExpressionStatement).expression);
      if (c !== null) out.line(`${c};`);
      return;
    }
    case SK.IfStatement: {
      const s = st as ts.IfStatement;
      if (emitConstIf(fc, s, out)) return;
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
      return emitSwitch(fc, st as ts.SwitchStatement, out);
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
    if (d.initializer && ts.isNewExpression(d.initializer)) {
      const named = d as ts.VariableDeclaration & { name: ts.Identifier };
      const ty = emitLocalNew(fc, named, isConst, out);
      if (ty) fc.locals.set(d, { cName: localName(d.name.text), ty });
      continue;
    }
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
    if (isRefTy(ty)) noteRefLocal(fc, d, d.initializer);
    const value = init ?? (d.initializer ? "0" : zeroOf(ty));
    out.line(`${cDecl(ty, cName, isConst)} = ${stripParens(value)};`);
  }
}

function zeroOf(ty: Ty): string {
  return ty.tag === "bool" ? "false" : ty.tag === "str" || ty.tag === "slice" ? "{0}" : "0";
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
  let target: { c: string; ty: Ty; assign?: (value: string) => string } | null = null;
  let targetDecl: ts.Node | undefined;
  if (ts.isIdentifier(t)) {
    const decl = declOf(ctx, t);
    const local = decl && fc.locals.get(decl);
    const g = decl && ctx.globals.get(decl);
    targetDecl = decl;
    if (local) target = { c: local.cName, ty: local.ty };
    else if (g && g.mutable) target = { c: g.cName, ty: g.ty };
    else if (!decl || !ctx.modules.has(decl.getSourceFile())) {
      ctx.rep.at(t, "TSK1207", `cannot assign to '${t.text}'`);
    }
  } else if (
    ts.isPropertyAccessExpression(t) && ts.isIdentifier(t.name) && isAccessPath(t.expression)
  ) {
    const obj = emitExpr(fc, t.expression);
    const f = obj.tag === "ty" && obj.ty.tag === "struct"
      ? obj.ty.cls.fields.get(t.name.text)
      : undefined;
    const data = obj.tag === "ty" ? dataAssignTarget(fc, t, obj, f) : undefined;
    if (data !== undefined) target = data && { c: "", ...data };
    else if (obj.tag === "ty" && obj.ty.tag === "struct") {
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
  if (isRefTy(target.ty)) noteAssign(fc, targetDecl, node.right);
  if (target.assign) return target.assign(v.c);
  return `${target.c} = ${stripParens(v.c)}`;
}

/** A name, `this`, or a field of one (`a.b.c`): an assignment target's object, computed without
 *  calls, so it cannot race the assigned value in C's unspecified order. */
function isAccessPath(e: ts.Expression): boolean {
  if (ts.isIdentifier(e) || e.kind === SK.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(e) && isAccessPath(e.expression);
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
  if (tv && isRefTy(tv.ty)) noteReturn(fc, s.expression);
  if (tv) out.line(`return ${stripParens(tv.c)};`);
}
