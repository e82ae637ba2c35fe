// Exactness of number-domain raw arithmetic (docs/SUBSET.md §3, R-INT-13): where JavaScript and C
// would compute different integers, the wrap's argument is rejected (TSK2101).
//
// JS computes `+ - *` on numbers as doubles, exact only while a value stays within ±2^53; C
// computes the same expression modulo 2^32 or 2^64, always exactly. And JS turns NaN (x % 0,
// charCodeAt out of range) into 0 in a bitwise operator, where C has already panicked. So for
// each raw number-domain expression a wrap receives, this pass bounds every intermediate value
// (an interval from the operands' kinds and the literals: differential testing in tests/diff/
// found each of these disagreements) and requires:
//   - every intermediate value within ±2^53, except one that only grows up to a usize() wrap
//     through `+` of operands that cannot be negative: JS rounds it, but never back below 2^53,
//     so usize() panics in both worlds (as C's checked usize product does inside);
//   - no operand of `& | ^ << >> >>> ~` that may be NaN.
// Literals and constants (const_eval.ts: module consts, wraps of constants) are exact; any other
// typed operand spans its kind (a type parameter, every kind its constraint lists); `s.length` is
// below 2^30 (V8's longest string); `s.charCodeAt(i)` is in [0, 0xffff] or NaN. Bigint arithmetic
// is exact and not checked.

import { constEval } from "./const_eval.ts";
import type { FnCtx } from "./context.ts";
import { ts } from "./tsapi.ts";
import { classifyType, type IntKind, kindRange } from "./types.ts";

const SK = ts.SyntaxKind;
const LIMIT = 1n << 53n;
const STRING_MAX = 1n << 30n;
const INT32: Range = { lo: -(1n << 31n), hi: (1n << 31n) - 1n, nan: false };

interface Range {
  lo: bigint;
  hi: bigint;
  /** May be NaN (or ±Infinity) in JS. */
  nan: boolean;
}

const BITWISE = new Set([
  SK.AmpersandToken,
  SK.BarToken,
  SK.CaretToken,
  SK.LessThanLessThanToken,
  SK.GreaterThanGreaterThanToken,
  SK.GreaterThanGreaterThanGreaterThanToken,
]);

/** An integer literal's value (int_literal.ts rejects the others). */
function literalValue(e: ts.NumericLiteral): bigint | null {
  try {
    return BigInt(e.getText().replaceAll("_", ""));
  } catch {
    return null;
  }
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

function maxAbs(r: Range): bigint {
  return [r.lo, r.hi].map((v) => (v < 0n ? -v : v)).reduce((a, b) => (a > b ? a : b));
}

function span(values: bigint[], nan: boolean): Range {
  return {
    lo: values.reduce((a, b) => (a < b ? a : b)),
    hi: values.reduce((a, b) => (a > b ? a : b)),
    nan,
  };
}

class Exactness {
  private memo = new Map<ts.Node, Range>();

  constructor(private fc: FnCtx) {}

  /** The possible values of a number-domain expression, assuming its operands are exact. */
  range(node: ts.Expression): Range {
    const e = skipParens(node);
    let r = this.memo.get(e);
    if (!r) {
      r = this.compute(e);
      this.memo.set(e, r);
    }
    return r;
  }

  private compute(e: ts.Expression): Range {
    if (ts.isNumericLiteral(e)) {
      const v = literalValue(e);
      return v === null ? { lo: -LIMIT, hi: LIMIT, nan: false } : { lo: v, hi: v, nan: false };
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === SK.MinusToken) {
      const r = this.range(e.operand);
      return { lo: -r.hi, hi: -r.lo, nan: r.nan };
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === SK.TildeToken) return INT32;
    if (ts.isBinaryExpression(e)) {
      const r = this.binary(e);
      if (r) return r;
    }
    if (
      ts.isPropertyAccessExpression(e) && e.name.text === "length" && this.isString(e.expression)
    ) {
      return { lo: 0n, hi: STRING_MAX, nan: false };
    }
    if (
      ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) &&
      e.expression.name.text === "charCodeAt" && this.isString(e.expression.expression)
    ) {
      return { lo: 0n, hi: 0xffffn, nan: true };
    }
    const c = ts.isIdentifier(e) || ts.isCallExpression(e) ? constEval(this.fc.ctx, e) : null;
    if (typeof c === "number" && Number.isSafeInteger(c)) {
      return { lo: BigInt(c), hi: BigInt(c), nan: false };
    }
    return this.typeRange(this.typeOf(e)) ?? { lo: -LIMIT, hi: LIMIT, nan: false };
  }

  /** The range of an integer kind, or of every kind a type parameter's constraint lists; null
   *  for anything else (not an integer form: other checks report it). */
  private typeRange(type: ts.Type): Range | null {
    const { checker, classes } = this.fc.ctx;
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(type);
      const parts = c?.isUnion() ? c.types : c ? [c] : [];
      const ranges = parts.map((p) => this.typeRange(p));
      if (ranges.length === 0 || ranges.some((r) => r === null)) return null;
      return span(ranges.flatMap((r) => [r!.lo, r!.hi]), false);
    }
    const t = classifyType(checker, classes, type);
    if (t.tag !== "ty" || t.ty.tag !== "int") return null;
    const [lo, hi] = kindRange(t.ty.kind);
    return { lo, hi, nan: false };
  }

  private binary(e: ts.BinaryExpression): Range | null {
    const op = e.operatorToken.kind;
    if (BITWISE.has(op)) {
      return op === SK.GreaterThanGreaterThanGreaterThanToken
        ? { lo: 0n, hi: (1n << 32n) - 1n, nan: false }
        : INT32;
    }
    const a = this.range(e.left), b = this.range(e.right);
    const nan = a.nan || b.nan;
    switch (op) {
      case SK.PlusToken:
        return { lo: a.lo + b.lo, hi: a.hi + b.hi, nan };
      case SK.MinusToken:
        return { lo: a.lo - b.hi, hi: a.hi - b.lo, nan };
      case SK.AsteriskToken:
        return span([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi], nan);
      case SK.SlashToken: {
        const m = maxAbs(a);
        return { lo: -m, hi: m, nan: nan || (b.lo <= 0n && b.hi >= 0n) };
      }
      case SK.PercentToken: {
        const below = maxAbs(b) > 0n ? maxAbs(b) - 1n : 0n;
        const m = below < maxAbs(a) ? below : maxAbs(a);
        const zero = b.lo <= 0n && b.hi >= 0n;
        return { lo: a.lo < 0n ? -m : 0n, hi: a.hi > 0n ? m : 0n, nan: nan || zero };
      }
      default:
        return null;
    }
  }

  private typeOf(e: ts.Expression): ts.Type {
    return this.fc.ctx.checker.getTypeAtLocation(e);
  }

  private isString(e: ts.Expression): boolean {
    return (this.typeOf(e).flags & ts.TypeFlags.StringLike) !== 0;
  }

  /** Reports the first inexact or NaN-swallowing part of e; `grows` if e only grows up to a
   *  usize() wrap. False if something was reported. */
  check(node: ts.Expression, grows: boolean): boolean {
    const e = skipParens(node);
    const r = this.range(e);
    if (!grows && (r.lo < -LIMIT || r.hi > LIMIT)) {
      this.fc.ctx.rep.at(
        e,
        "TSK2101",
        "this raw value can pass 2^53, where JS numbers round but C stays exact",
        "wrap it first (usize() panics from 2^53 in both worlds), or compute in u64",
      );
      return false;
    }
    if (
      ts.isPrefixUnaryExpression(e) &&
      (e.operator === SK.MinusToken || e.operator === SK.TildeToken)
    ) {
      if (e.operator === SK.TildeToken && !this.notNaN(e.operand)) return false;
      return this.check(e.operand, false);
    }
    if (!ts.isBinaryExpression(e) || !this.binaryForm(e.operatorToken.kind)) return true;
    const op = e.operatorToken.kind;
    if (BITWISE.has(op) && (!this.notNaN(e.left) || !this.notNaN(e.right))) return false;
    if (op === SK.PlusToken) {
      return this.check(e.left, grows && this.range(e.right).lo >= 0n) &&
        this.check(e.right, grows && this.range(e.left).lo >= 0n);
    }
    return this.check(e.left, false) && this.check(e.right, false);
  }

  private binaryForm(op: ts.SyntaxKind): boolean {
    return BITWISE.has(op) || op === SK.PlusToken || op === SK.MinusToken ||
      op === SK.AsteriskToken || op === SK.SlashToken || op === SK.PercentToken;
  }

  private notNaN(operand: ts.Expression): boolean {
    if (!this.range(operand).nan) return true;
    this.fc.ctx.rep.at(
      operand,
      "TSK2101",
      "this raw value may be NaN (x % 0, a string index out of range), which a JS bitwise " +
        "operator turns into 0 while C panics",
      "wrap it first, e.g. u32(a % b) & 1",
    );
    return false;
  }
}

/** Checks the raw number-domain argument of a wrap to kind k (see the file comment). */
export function checkExact(fc: FnCtx, arg: ts.Expression, k: IntKind): void {
  new Exactness(fc).check(arg, k === "usize");
}
