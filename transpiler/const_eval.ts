// Constant evaluation of module-level initialisers, with JavaScript's own semantics.
//
// A C global needs a constant initialiser, and a JS module-level value is computed once when the
// module loads; the two agree only if the initialiser is a constant: literals, module-level
// `const`s and enum members of any compiled module (followed through imports), the operators,
// and the prelude's pure functions (wraps, mulU32, mulI32, alignUp, alignDown). It computes what
// Deno would, by running the same JS operators on numbers and bigints and re-implementing the
// wraps as kernel/int.ts defines them (the transpiler never imports kernel code). A value that
// would panic, or an expression outside this set, is not a constant (null).

import { type Ctx, declOf, preludeOf } from "./context.ts";
import { layoutConstant } from "./layout_model.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind, isIntKind } from "./types.ts";

export type JsValue = number | bigint | boolean | string;

const SK = ts.SyntaxKind;
const LIMIT = 2 ** 53;

class NotConstant extends Error {}

function fail(): never {
  throw new NotConstant();
}

/** The value of a constant expression, or null if it is not one. */
export function constEval(ctx: Ctx, node: ts.Expression): JsValue | null {
  try {
    return evaluate(ctx, node, new Set());
  } catch (e) {
    if (e instanceof NotConstant || e instanceof RangeError) return null;
    throw e;
  }
}

function num(v: JsValue): number {
  return typeof v === "number" ? v : fail();
}

function evaluate(ctx: Ctx, node: ts.Expression, seen: Set<ts.Node>): JsValue {
  switch (node.kind) {
    case SK.ParenthesizedExpression:
      return evaluate(ctx, (node as ts.ParenthesizedExpression).expression, seen);
    case SK.NumericLiteral:
      return Number(node.getText().replaceAll("_", ""));
    case SK.BigIntLiteral:
      return BigInt(node.getText().replaceAll("_", "").slice(0, -1));
    case SK.StringLiteral:
      return (node as ts.StringLiteral).text;
    case SK.TrueKeyword:
      return true;
    case SK.FalseKeyword:
      return false;
    case SK.Identifier:
      return evalName(ctx, node as ts.Identifier, seen);
    case SK.PrefixUnaryExpression: {
      const e = node as ts.PrefixUnaryExpression;
      const v = evaluate(ctx, e.operand, seen);
      if (e.operator === SK.ExclamationToken) return typeof v === "boolean" ? !v : fail();
      if (typeof v !== "number" && typeof v !== "bigint") fail();
      if (e.operator === SK.MinusToken) return -v;
      if (e.operator === SK.TildeToken) return ~v;
      return fail();
    }
    case SK.BinaryExpression:
      return evalBinary(ctx, node as ts.BinaryExpression, seen);
    case SK.ConditionalExpression: {
      const e = node as ts.ConditionalExpression;
      const c = evaluate(ctx, e.condition, seen);
      if (typeof c !== "boolean") fail();
      return evaluate(ctx, c ? e.whenTrue : e.whenFalse, seen);
    }
    case SK.CallExpression:
      return evalCall(ctx, node as ts.CallExpression, seen);
    case SK.PropertyAccessExpression: {
      // E.Member of an enum (emit_enum.ts): the member's initialiser.
      const e = node as ts.PropertyAccessExpression;
      const decl = declOf(ctx, e.name);
      if (decl && ts.isEnumMember(decl)) return evalMember(ctx, decl);
      // X.size and X.align of a layout (layout_model.ts).
      return layoutConstant(ctx, e) ?? fail();
    }
    default:
      return fail();
  }
}

function evalName(ctx: Ctx, id: ts.Identifier, seen: Set<ts.Node>): JsValue {
  const decl = declOf(ctx, id);
  if (decl && ts.isEnumMember(decl)) return evalMember(ctx, decl);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || seen.has(decl)) fail();
  const list = decl.parent;
  const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
  const g = ctx.globals.get(decl);
  if (!isConst || !g || g.instance) fail();
  seen.add(decl);
  const v = evaluate(ctx, decl.initializer, seen);
  seen.delete(decl);
  return v;
}

/** An enum member of a compiled module: the number TypeScript computed for it (emit_enum.ts). */
function evalMember(ctx: Ctx, decl: ts.EnumMember): JsValue {
  if (!ctx.modules.has(decl.getSourceFile())) fail();
  const v = ctx.checker.getConstantValue(decl);
  return typeof v === "number" ? v : fail();
}

function evalBinary(ctx: Ctx, e: ts.BinaryExpression, seen: Set<ts.Node>): JsValue {
  const l = evaluate(ctx, e.left, seen);
  const op = e.operatorToken.kind;
  if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken) {
    if (typeof l !== "boolean") fail();
    const r = evaluate(ctx, e.right, seen);
    if (typeof r !== "boolean") fail();
    return op === SK.AmpersandAmpersandToken ? l && r : l || r;
  }
  const r = evaluate(ctx, e.right, seen);
  if (typeof l === "boolean" || typeof l === "string" || typeof l !== typeof r) {
    if (op === SK.EqualsEqualsEqualsToken) return l === r;
    if (op === SK.ExclamationEqualsEqualsToken) return l !== r;
    return fail();
  }
  // Both numbers or both bigints: the JS operator itself gives Deno's result.
  // deno-lint-ignore no-explicit-any
  const a = l as any, b = r as any;
  switch (op) {
    case SK.PlusToken:
      return a + b;
    case SK.MinusToken:
      return a - b;
    case SK.AsteriskToken:
      return a * b;
    case SK.SlashToken:
      return a / b;
    case SK.PercentToken:
      return a % b;
    case SK.AmpersandToken:
      return a & b;
    case SK.BarToken:
      return a | b;
    case SK.CaretToken:
      return a ^ b;
    case SK.LessThanLessThanToken:
      return a << b;
    case SK.GreaterThanGreaterThanToken:
      return a >> b;
    case SK.GreaterThanGreaterThanGreaterThanToken:
      return a >>> b;
    case SK.EqualsEqualsEqualsToken:
      return a === b;
    case SK.ExclamationEqualsEqualsToken:
      return a !== b;
    case SK.LessThanToken:
      return a < b;
    case SK.LessThanEqualsToken:
      return a <= b;
    case SK.GreaterThanToken:
      return a > b;
    case SK.GreaterThanEqualsToken:
      return a >= b;
    default:
      return fail();
  }
}

function evalCall(ctx: Ctx, e: ts.CallExpression, seen: Set<ts.Node>): JsValue {
  if (ts.isPropertyAccessExpression(e.expression)) return layoutConstant(ctx, e) ?? fail(); // X.offsetOf("f")
  if (!ts.isIdentifier(e.expression)) fail();
  const decl = declOf(ctx, e.expression);
  const pre = decl && preludeOf(ctx, decl);
  if (!pre || pre.module !== "int") fail();
  const args = e.arguments.map((a) => evaluate(ctx, a, seen));
  const name = pre.name;
  if (isIntKind(name) && args.length === 1) return jsWrap(name, args[0]);
  if (args.length !== 2) fail();
  const [a, b] = args.map(num);
  switch (name) {
    case "mulU32":
      return Math.imul(a, b) >>> 0;
    case "mulI32":
      return Math.imul(a, b);
    case "alignUp": {
      const r = a % b;
      return jsWrap("usize", r === 0 ? a : a + (b - r));
    }
    case "alignDown":
      return jsWrap("usize", a - (a % b));
    default:
      return fail();
  }
}

/** A wrap function as kernel/int.ts defines it; fails where it would panic. */
export function jsWrap(k: IntKind, x: JsValue): number | bigint {
  if (typeof x !== "number" && typeof x !== "bigint") fail();
  const { bits, signed, big } = INT_KINDS[k];
  if (k === "usize") {
    const n = typeof x === "bigint" ? (x < 0n || x >= BigInt(LIMIT) ? -1 : Number(x)) : x;
    if (!(n >= 0 && n < LIMIT)) fail();
    return Math.trunc(n);
  }
  if (big) {
    if (typeof x === "number" && x - x !== 0) fail();
    const b = typeof x === "bigint" ? x : BigInt(Math.trunc(x));
    return signed ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b);
  }
  if (typeof x === "number" && x - x !== 0) fail();
  const n = typeof x === "bigint" ? Number(BigInt.asUintN(bits, x)) : x;
  switch (k) {
    case "u8":
      return n & 0xff;
    case "u16":
      return n & 0xffff;
    case "u32":
      return n >>> 0;
    case "i8":
      return (n << 24) >> 24;
    case "i16":
      return (n << 16) >> 16;
    default:
      return n | 0;
  }
}
