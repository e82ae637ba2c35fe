// Expressions: the fail-closed walker that lowers a TypeScript expression to C.
//
// Every expression node kind the subset has is handled here or in emit_int.ts (arithmetic),
// int_literal.ts, emit_compare.ts and emit_call.ts; every other kind is TSK1000, and the
// known-but-forbidden kinds get their own codes (docs/SUBSET.md §4, §8). The emitted C of a `ty` Val is always a primary expression
// (a name, a call, a literal or a parenthesised expression), so callers can embed it anywhere.
// Booleans are C `bool`; strings are `tsk_str` values; a class instance is a struct pointer, so
// field access is `->`. Conditions must be boolean (TSK2107); a raw integer or a bare literal
// where a value is stored, passed, returned or compared is TSK2101.

import { cString } from "./c_text.ts";
import { BAD, declOf, type FnCtx, fxJoin, NO_FX, type Val } from "./context.ts";
import { emitCall } from "./emit_call.ts";
import { dataProperty, fieldRead, notAValue } from "./emit_data.ts";
import { emitEnumMember, isEnumDecl } from "./emit_enum.ts";
import { functionValue } from "./emit_fnptr.ts";
import { COMPARISONS, emitCompare } from "./emit_compare.ts";
import { rawBinary, rawUnary } from "./emit_int.ts";
import { bigintLiteral, numericLiteral } from "./int_literal.ts";
import { kindName, ts } from "./tsapi.ts";
import { BOOL, STR, type Ty, tyEq, tyName } from "./types.ts";

const SK = ts.SyntaxKind;

export type TyVal = Extract<Val, { tag: "ty" }>;

/** Lowers an expression. */
export function emitExpr(fc: FnCtx, node: ts.Expression): Val {
  const rep = fc.ctx.rep;
  switch (node.kind) {
    case SK.ParenthesizedExpression:
      return emitExpr(fc, (node as ts.ParenthesizedExpression).expression);
    case SK.NumericLiteral:
      return numericLiteral(fc, node as ts.NumericLiteral);
    case SK.BigIntLiteral:
      return bigintLiteral(fc, node as ts.BigIntLiteral);
    case SK.StringLiteral:
      return stringLiteral(fc, node as ts.StringLiteral);
    case SK.TrueKeyword:
      return { tag: "ty", ty: BOOL, c: "true", fx: NO_FX };
    case SK.FalseKeyword:
      return { tag: "ty", ty: BOOL, c: "false", fx: NO_FX };
    case SK.NullKeyword:
      rep.at(node, "TSK2002", "null");
      return BAD;
    case SK.Identifier:
      return emitIdentifier(fc, node as ts.Identifier);
    case SK.ThisKeyword:
      if (fc.fn?.cls) {
        return { tag: "ty", ty: { tag: "struct", cls: fc.fn.cls }, c: "self", fx: NO_FX };
      }
      rep.at(node, "TSK1207", "'this' outside a method");
      return BAD;
    case SK.PrefixUnaryExpression:
      return emitPrefix(fc, node as ts.PrefixUnaryExpression);
    case SK.PostfixUnaryExpression:
      rep.at(node, "TSK1104", "'++'/'--': write x = T(x + 1)");
      return BAD;
    case SK.BinaryExpression:
      return emitBinary(fc, node as ts.BinaryExpression);
    case SK.ConditionalExpression:
      return emitConditional(fc, node as ts.ConditionalExpression);
    case SK.CallExpression:
      return emitCall(fc, node as ts.CallExpression);
    case SK.PropertyAccessExpression:
      return emitProperty(fc, node as ts.PropertyAccessExpression);
    case SK.ElementAccessExpression: {
      const obj = emitExpr(fc, (node as ts.ElementAccessExpression).expression);
      if (obj.tag === "ty" && obj.ty.tag === "str") {
        rep.at(node, "TSK2201", "string indexing: use u8(s.charCodeAt(i))");
      } else if (obj.tag === "ty" && (obj.ty.tag === "array" || obj.ty.tag === "slice")) {
        rep.at(node, "TSK2004", "element access: use a.get(i) and a.set(i, v)");
      } else rep.at(node, "TSK2004", "element access (indexed storage is FixedArray and Slice)");
      return BAD;
    }
    case SK.ArrowFunction:
    case SK.FunctionExpression:
    case SK.ClassExpression:
      rep.at(node, "TSK1101", "function or class expression (closures are not in the subset)");
      return BAD;
    case SK.ArrayLiteralExpression:
    case SK.ObjectLiteralExpression:
      rep.at(node, "TSK2004", "array or object literal (until issue 3)");
      return BAD;
    case SK.NewExpression:
      rep.at(node, "TSK2502", "'new' only initialises a const or let, or a class field");
      return BAD;
    case SK.NoSubstitutionTemplateLiteral:
    case SK.TemplateExpression:
      rep.at(node, "TSK1207", "template literal (only as the argument of a klog/kprint statement)");
      return BAD;
    case SK.AsExpression:
    case SK.TypeAssertionExpression:
    case SK.SatisfiesExpression:
    case SK.NonNullExpression:
      rep.at(node, "TSK1207", "type assertion (wrap functions are the only conversions)");
      return BAD;
    case SK.DeleteExpression:
    case SK.TypeOfExpression:
    case SK.VoidExpression:
    case SK.SpreadElement:
    case SK.RegularExpressionLiteral:
      rep.at(node, "TSK1207", `unsupported expression: ${kindName(node.kind)}`);
      return BAD;
    case SK.AwaitExpression:
    case SK.YieldExpression:
      rep.at(node, "TSK1203", "await/yield");
      return BAD;
    default:
      rep.at(node, "TSK1000", `unsupported syntax: ${kindName(node.kind)}`);
      return BAD;
  }
}

/** Lowers an expression that must be a value: not raw, not a bare literal, not void. */
export function emitValue(fc: FnCtx, node: ts.Expression, what: string): TyVal | null {
  return asValue(fc, node, emitExpr(fc, node), what);
}

/** Checks that a lowered expression is a value (see emitValue). */
export function asValue(fc: FnCtx, node: ts.Node, v: Val, what: string): TyVal | null {
  const rep = fc.ctx.rep;
  switch (v.tag) {
    case "bad":
      return null;
    case "lit":
      rep.at(node, "TSK2101", `bare literal ${v.value} ${what}: wrap it, e.g. u32(${v.value})`);
      return null;
    case "raw":
      rep.at(node, "TSK2101", `raw integer ${what}: wrap it with its type's function first`);
      return null;
    case "ty":
      if (v.ty.tag === "void" || v.ty.tag === "never") {
        rep.at(node, "TSK1207", `a call of a ${v.ty.tag} function has no value`);
        return null;
      }
      if (notAValue(fc, node, v.ty)) return null;
      return v;
  }
}

/** Lowers an expression that must have type want. */
export function emitTyped(fc: FnCtx, node: ts.Expression, want: Ty, what: string): TyVal | null {
  return expectTy(fc, node, emitExpr(fc, node), want, what);
}

export function expectTy(fc: FnCtx, node: ts.Node, v: Val, want: Ty, what: string): TyVal | null {
  if (v.tag === "lit" && want.tag === "enum") {
    fc.ctx.rep.at(
      node,
      "TSK2602",
      `${v.value} ${what} where ${want.en.name} is expected: name a member`,
    );
    return null;
  }
  const tv = asValue(fc, node, v, what);
  if (!tv || tyEq(tv.ty, want)) return tv;
  const code = tv.ty.tag === "int" && want.tag === "int"
    ? "TSK2106"
    : tv.ty.tag === "enum" || want.tag === "enum"
    ? "TSK2602"
    : "TSK1207";
  fc.ctx.rep.at(node, code, `${tyName(tv.ty)} ${what} where ${tyName(want)} is expected`);
  return null;
}

/** Lowers a condition: it must be boolean (TSK2107). */
export function emitCond(fc: FnCtx, node: ts.Expression): TyVal | null {
  const v = emitExpr(fc, node);
  if (v.tag === "bad") return null;
  if (v.tag === "ty" && v.ty.tag === "bool") return v;
  const what = v.tag === "ty" ? tyName(v.ty) : "an integer";
  fc.ctx.rep.at(node, "TSK2107", `condition is ${what}, not boolean: compare explicitly`);
  return null;
}

function stringLiteral(fc: FnCtx, node: ts.StringLiteral): Val {
  const raw = node.getText().slice(1, -1);
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const bad = code < 0x20 || code > 0x7e ||
      (raw[i] === "\\" && !/^\\([nt\\"]|0(?![0-9]))/.test(raw.slice(i, i + 3)));
    if (bad) {
      fc.ctx.rep.at(
        node,
        "TSK2201",
        'string literals are ASCII with escapes \\n \\t \\\\ \\" \\0 only',
      );
      return BAD;
    }
    if (raw[i] === "\\") i++;
  }
  return { tag: "ty", ty: STR, c: `TSK_STR(${cString(node.text)})`, fx: NO_FX };
}

const REPORTED_DECLS = new Set([
  SK.VariableDeclaration,
  SK.Parameter,
  SK.FunctionDeclaration,
  SK.ClassDeclaration,
]);

function emitIdentifier(fc: FnCtx, node: ts.Identifier): Val {
  const { ctx } = fc;
  if (node.text === "undefined") {
    ctx.rep.at(node, "TSK2002", "undefined");
    return BAD;
  }
  const decl = declOf(ctx, node);
  const local = decl && fc.locals.get(decl);
  if (local) return { tag: "ty", ty: local.ty, c: local.cName, fx: NO_FX };
  const g = decl && ctx.globals.get(decl);
  if (g) {
    if (g.instance) return { tag: "ty", ty: g.ty, c: `(&${g.cName})`, fx: NO_FX };
    return { tag: "ty", ty: g.ty, c: g.cName, fx: { ...NO_FX, read: g.mutable } };
  }
  if (decl && ts.isFunctionDeclaration(decl)) return functionValue(fc, node, decl);
  if (decl && ts.isClassDeclaration(decl)) {
    ctx.rep.at(node, "TSK1207", `class '${node.text}' used as a value`);
    return BAD;
  }
  if (isEnumDecl(decl)) {
    ctx.rep.at(node, "TSK2602", `enum '${node.text}' is not a value: name a member, E.Member`);
    return BAD;
  }
  if (decl && REPORTED_DECLS.has(decl.kind) && ctx.modules.has(decl.getSourceFile())) {
    return BAD; // a kernel declaration that failed its checks, already reported
  }
  ctx.rep.at(node, "TSK1207", `'${node.text}' is not available in kernel code`);
  return BAD;
}

function emitPrefix(fc: FnCtx, node: ts.PrefixUnaryExpression): Val {
  switch (node.operator) {
    case SK.ExclamationToken: {
      const v = emitCond(fc, node.operand);
      return v ? { tag: "ty", ty: BOOL, c: `(!${v.c})`, fx: v.fx } : BAD;
    }
    case SK.MinusToken:
    case SK.TildeToken:
      return rawUnary(fc, node, emitExpr(fc, node.operand));
    case SK.PlusPlusToken:
    case SK.MinusMinusToken:
      fc.ctx.rep.at(node, "TSK1104", "'++'/'--': write x = T(x + 1)");
      return BAD;
    default:
      fc.ctx.rep.at(node, "TSK1207", `unary '${ts.tokenToString(node.operator)}'`);
      return BAD;
  }
}

const ARITHMETIC = new Set([
  SK.PlusToken,
  SK.MinusToken,
  SK.AsteriskToken,
  SK.SlashToken,
  SK.PercentToken,
  SK.AmpersandToken,
  SK.BarToken,
  SK.CaretToken,
  SK.LessThanLessThanToken,
  SK.GreaterThanGreaterThanToken,
  SK.GreaterThanGreaterThanGreaterThanToken,
]);

function emitBinary(fc: FnCtx, node: ts.BinaryExpression): Val {
  const rep = fc.ctx.rep;
  const op = node.operatorToken.kind;
  const text = node.operatorToken.getText();
  if (op === SK.EqualsToken) {
    rep.at(node, "TSK1207", "assignment inside an expression");
    return BAD;
  }
  if (op >= SK.FirstCompoundAssignment && op <= SK.LastCompoundAssignment) {
    rep.at(node, "TSK1104", `compound assignment '${text}': write x = T(x ${text.slice(0, -1)} y)`);
    return BAD;
  }
  if (op === SK.EqualsEqualsToken || op === SK.ExclamationEqualsToken) {
    rep.at(node, "TSK2105", `'${text}': use '${text}='`);
    return BAD;
  }
  const cmp = COMPARISONS[op];
  if (cmp) return emitCompare(fc, node, cmp, emitExpr(fc, node.left), emitExpr(fc, node.right));
  if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken) {
    const l = emitCond(fc, node.left), r = emitCond(fc, node.right);
    if (!l || !r) return BAD;
    return { tag: "ty", ty: BOOL, c: `(${l.c} ${text} ${r.c})`, fx: fxJoin(l.fx, r.fx) };
  }
  if (ARITHMETIC.has(op)) {
    return rawBinary(fc, node, emitExpr(fc, node.left), emitExpr(fc, node.right));
  }
  if (
    op === SK.AsteriskAsteriskToken || op === SK.QuestionQuestionToken || op === SK.CommaToken ||
    op === SK.InKeyword || op === SK.InstanceOfKeyword
  ) {
    rep.at(node, "TSK1207", `operator '${text}'`);
    return BAD;
  }
  rep.at(node, "TSK1000", `unsupported syntax: operator ${kindName(op)}`);
  return BAD;
}

function emitConditional(fc: FnCtx, node: ts.ConditionalExpression): Val {
  const cond = emitCond(fc, node.condition);
  const a = emitValue(fc, node.whenTrue, "as a '?:' branch");
  const b = emitValue(fc, node.whenFalse, "as a '?:' branch");
  if (!cond || !a || !b) return BAD;
  if (!tyEq(a.ty, b.ty)) {
    const code = a.ty.tag === "int" && b.ty.tag === "int" ? "TSK2106" : "TSK1207";
    fc.ctx.rep.at(node, code, `'?:' branches of ${tyName(a.ty)} and ${tyName(b.ty)}`);
    return BAD;
  }
  return {
    tag: "ty",
    ty: a.ty,
    c: `(${cond.c} ? ${a.c} : ${b.c})`,
    fx: fxJoin(cond.fx, a.fx, b.fx),
  };
}

function emitProperty(fc: FnCtx, node: ts.PropertyAccessExpression): Val {
  const rep = fc.ctx.rep;
  if (node.questionDotToken) {
    rep.at(node, "TSK1207", "optional chaining");
    return BAD;
  }
  if (!ts.isIdentifier(node.name)) {
    rep.at(node.name, "TSK1000", `unsupported syntax: ${kindName(node.name.kind)}`);
    return BAD;
  }
  const name = node.name.text;
  const member = emitEnumMember(fc, node);
  if (member) return member;
  const obj = emitExpr(fc, node.expression);
  if (obj.tag === "bad") return BAD;
  const data = obj.tag === "ty" ? dataProperty(fc, node, obj) : undefined;
  if (data) return data;
  if (obj.tag === "ty" && obj.ty.tag === "struct") {
    const field = obj.ty.cls.fields.get(name);
    if (field) {
      return {
        tag: "ty",
        ty: field.ty,
        c: fieldRead(obj, field),
        fx: field.embedded ? obj.fx : { ...obj.fx, read: true },
      };
    }
    rep.at(
      node,
      "TSK1207",
      `'${name}' is not a field of ${obj.ty.cls.name} (methods must be called)`,
    );
    return BAD;
  }
  if (obj.tag === "ty" && obj.ty.tag === "str") {
    if (name === "length") {
      const c = obj.c;
      return {
        tag: "raw",
        big: false,
        kind: null,
        quotient: false,
        lower: (w) => `(uint${w}_t)${c}.len`,
        fx: obj.fx,
      };
    }
    rep.at(node, "TSK2201", `string operation '${name}' (only length and charCodeAt)`);
    return BAD;
  }
  rep.at(node, "TSK1207", `property '${name}' of a non-struct value`);
  return BAD;
}
