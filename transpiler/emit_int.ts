// Raw integer arithmetic (docs/SUBSET.md §3): the operators `+ - * / % & | ^ << >> >>> ~`.
// Literals are in int_literal.ts, the wrap functions in emit_wrap.ts.
//
// Arithmetic on branded values is raw: it yields a `raw` Val whose C is produced only when a wrap
// fixes the width w it is computed in, as uint<w>_t, so signed overflow is never C undefined
// behaviour. The invariant of `raw.lower(w)` is that it evaluates to the exact JavaScript value
// modulo 2^w. Number-domain operators (≤ 32-bit kinds) follow JS: `+ - *` are exact, `& | ^ << ~
// >>` give an int32 and `>>>` a uint32; so w = 32 suffices when the wrap is ≤ 32 bits, and with
// w = 64 (wraps to u64/i64/usize) bitwise results are sign-extended from 32 bits (TSK_SX32).
// usize arithmetic is always computed in 64 bits, bigint-domain (u64/i64) arithmetic is modulo
// 2^64 with helpers for division and shifts. Division helpers return the exact quotient (i32:
// as int64, so INT_MIN / -1 is 2^31 as in JS). A number-domain quotient may be fractional in JS,
// so it must be wrapped directly (TSK2101 otherwise); wraps truncate it as C division does.

import { checkOrder } from "./check_order.ts";
import { cRawLit, cTypedLit } from "./c_text.ts";
import { literalAs } from "./int_literal.ts";
import { BAD, type FnCtx, type Fx, fxJoin, NO_FX, type Val, type Width } from "./context.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind, tyName } from "./types.ts";
import { MAX_SAFE } from "./int_literal.ts";

const SK = ts.SyntaxKind;

type Operand =
  | { tag: "lit"; value: bigint; big: boolean; hex: boolean }
  | { tag: "wrapped"; kind: IntKind; c: string; fx: Fx }
  | Extract<Val, { tag: "raw" }>;

function operand(fc: FnCtx, node: ts.Node, v: Val, op: string): Operand | null {
  switch (v.tag) {
    case "bad":
      return null;
    case "lit":
      return v;
    case "raw":
      if (v.quotient) {
        fc.ctx.rep.at(node, "TSK2101", `wrap the quotient before '${op}' (JS '/' is not integral)`);
        return null;
      }
      return v;
    case "ty":
      if (v.ty.tag === "int") return { tag: "wrapped", kind: v.ty.kind, c: v.c, fx: v.fx };
      if (v.ty.tag === "str") fc.ctx.rep.at(node, "TSK2201", `'${op}' on a string`);
      else if (v.ty.tag === "enum") {
        fc.ctx.rep.at(node, "TSK2602", `'${op}' on enum ${v.ty.en.name}: convert with u32(e)`);
      } else fc.ctx.rep.at(node, "TSK1207", `'${op}' on a ${tyName(v.ty)} value`);
      return null;
  }
}

function isBig(o: Operand): boolean {
  return o.tag === "wrapped" ? INT_KINDS[o.kind].big : o.big;
}

function kindOf(o: Operand): IntKind | null {
  return o.tag === "wrapped" ? o.kind : o.tag === "raw" ? o.kind : null;
}

function fxOf(o: Operand): Fx {
  return o.tag === "lit" ? NO_FX : o.fx;
}

/** An operand as uint<w>_t holding its JS value modulo 2^w. */
function lowerOperand(o: Operand, w: Width): string {
  if (o.tag === "lit") return cRawLit(o.value, w, o.hex);
  if (o.tag === "wrapped") return `(uint${w}_t)${o.c}`;
  return o.lower(w);
}

/** An operand as a C value of its kind k (for division and signed shifts). */
function typedOperand(o: Operand, k: IntKind): string {
  if (o.tag === "lit") return cTypedLit(k, o.value, o.hex);
  return (o as { c: string }).c;
}

/** A C expression of another integer type, as uint<w>_t. */
function atWidth(c: string, w: Width): string {
  return `(uint${w}_t)${c}`;
}

/** A number-domain shift count: masked to 0..31 as JS does. */
function shiftCount32(o: Operand): string {
  if (o.tag === "lit") return `${BigInt.asUintN(32, o.value) & 31n}U`;
  return `((uint32_t)${(o as { c: string }).c} & 31U)`;
}

function rawVal(
  big: boolean,
  kind: IntKind | null,
  lower: (w: Width) => string,
  fx: Fx,
  quotient = false,
): Val {
  return { tag: "raw", big, kind, quotient, lower, fx };
}

const REQUIRES_WRAPPED = new Set([
  SK.AsteriskToken,
  SK.SlashToken,
  SK.PercentToken,
  SK.GreaterThanGreaterThanToken,
  SK.GreaterThanGreaterThanGreaterThanToken,
]);
const SHIFTS = new Set([
  SK.LessThanLessThanToken,
  SK.GreaterThanGreaterThanToken,
  SK.GreaterThanGreaterThanGreaterThanToken,
]);

/** A binary arithmetic, bitwise or shift operator: `+ - * / % & | ^ << >> >>>`. */
export function rawBinary(fc: FnCtx, node: ts.BinaryExpression, lv: Val, rv: Val): Val {
  const rep = fc.ctx.rep;
  const opKind = node.operatorToken.kind;
  const op = node.operatorToken.getText();
  const l = operand(fc, node.left, lv, op);
  const r = operand(fc, node.right, rv, op);
  if (!l || !r) return BAD;
  const big = isBig(l);
  if (isBig(r) !== big) {
    rep.at(node, "TSK2106", `'${op}' mixes number and bigint`);
    return BAD;
  }
  const shift = SHIFTS.has(opKind);
  for (const [o, n] of [[l, node.left], [r, node.right]] as const) {
    if (o.tag === "raw" && (REQUIRES_WRAPPED.has(opKind) || (shift && o === r))) {
      rep.at(n, "TSK2101", `raw operand of '${op}': wrap it first`);
      return BAD;
    }
  }
  let kind: IntKind | null;
  if (shift) {
    kind = kindOf(l);
    if (big && kindOf(r) === "i64") {
      rep.at(node.right, "TSK2106", "the count of a 64-bit shift must be u64");
      return BAD;
    }
    if (r.tag === "lit" && r.value < 0n) {
      rep.at(node.right, "TSK2106", `negative shift count ${r.value}`);
      return BAD;
    }
  } else {
    const lk = kindOf(l), rk = kindOf(r);
    if (lk && rk && lk !== rk) {
      rep.at(node, "TSK2106", `'${op}' mixes ${lk} and ${rk}`);
      return BAD;
    }
    kind = lk ?? rk;
  }
  if (kind) {
    const lits = shift ? [[l, node.left]] : [[l, node.left], [r, node.right]];
    for (const [o, n] of lits as [Operand, ts.Node][]) {
      if (o.tag === "lit" && literalAs(fc, n, o, kind) === null) return BAD;
    }
  }
  if (!checkOperator(fc, node, opKind, op, kind, big, l, r)) return BAD;
  const fx = fxJoin(fxOf(l), fxOf(r));
  checkOrder(fc.ctx, node, [fxOf(l), fxOf(r)]);
  return big ? lowerBig(opKind, kind, l, r, fx) : lowerNumber(opKind, op, kind, l, r, fx);
}

/** The operator rules of §3 that depend on the kind (TSK2101-TSK2104). */
function checkOperator(
  fc: FnCtx,
  node: ts.BinaryExpression,
  opKind: ts.SyntaxKind,
  op: string,
  kind: IntKind | null,
  big: boolean,
  l: Operand,
  r: Operand,
): boolean {
  const rep = fc.ctx.rep;
  const info = kind ? INT_KINDS[kind] : null;
  switch (opKind) {
    case SK.AsteriskToken:
      if (kind === "u32" || kind === "i32" || kind === "i8" || kind === "i16") {
        rep.at(node, "TSK2102", `'*' on ${kind}: use ${info!.signed ? "mulI32" : "mulU32"}()`);
        return false;
      }
      if (!kind && l.tag === "lit" && r.tag === "lit" && !big) {
        const p = l.value * r.value;
        if (p > MAX_SAFE || p < -MAX_SAFE) {
          rep.at(node, "TSK2106", "product of literals is not exact as a JS number");
          return false;
        }
      }
      return true;
    case SK.SlashToken:
    case SK.PercentToken:
      if (!kind) {
        rep.at(node, "TSK2101", `'${op}' needs a wrapped operand`);
        return false;
      }
      return true;
    case SK.GreaterThanGreaterThanToken:
      if (kind === "usize") break;
      if (!big && info && !info.signed) {
        rep.at(node, "TSK2103", `'>>' on unsigned ${kind}: use '>>>'`);
        return false;
      }
      return true;
    case SK.GreaterThanGreaterThanGreaterThanToken:
      if (kind === "usize") break;
      if (big) {
        rep.at(node, "TSK2103", `'>>>' on a 64-bit value: use '>>'`);
        return false;
      }
      if (info && info.signed) {
        rep.at(node, "TSK2103", `'>>>' on signed ${kind}: use '>>'`);
        return false;
      }
      return true;
    case SK.AmpersandToken:
    case SK.BarToken:
    case SK.CaretToken:
    case SK.LessThanLessThanToken:
      if (kind === "usize") break;
      return true;
    default:
      return true;
  }
  rep.at(
    node,
    "TSK2104",
    `'${op}' on usize (JS works on 32 bits): use alignUp, alignDown, % or u64`,
  );
  return false;
}

const C_OPS: Partial<Record<ts.SyntaxKind, string>> = {
  [SK.PlusToken]: "+",
  [SK.MinusToken]: "-",
  [SK.AsteriskToken]: "*",
  [SK.AmpersandToken]: "&",
  [SK.BarToken]: "|",
  [SK.CaretToken]: "^",
};

function lowerNumber(
  opKind: ts.SyntaxKind,
  op: string,
  kind: IntKind | null,
  l: Operand,
  r: Operand,
  fx: Fx,
): Val {
  const L = (w: Width) => lowerOperand(l, w);
  const R = (w: Width) => lowerOperand(r, w);
  switch (opKind) {
    case SK.PlusToken:
    case SK.MinusToken:
      return rawVal(false, kind, (w) => `(${L(w)} ${op} ${R(w)})`, fx);
    case SK.AsteriskToken:
      if (kind === "usize") {
        const mul = () => `tsk_mul_usize(${L(64)}, ${R(64)})`;
        return rawVal(false, kind, (w) => w === 64 ? mul() : atWidth(mul(), w), fxJoin(fx, PANIC));
      }
      return rawVal(false, kind, (w) => `(${L(w)} * ${R(w)})`, fx);
    case SK.AmpersandToken:
    case SK.BarToken:
    case SK.CaretToken: {
      const c = C_OPS[opKind];
      return rawVal(false, kind, (w) => sx32(`${L(w)} ${c} ${R(w)}`, w), fx);
    }
    case SK.LessThanLessThanToken:
      return rawVal(false, kind, (w) => sx32(`${L(w)} << ${shiftCount32(r)}`, w), fx);
    case SK.GreaterThanGreaterThanToken: {
      const left = l.tag === "lit"
        ? `(int32_t)${cRawLit(l.value, 32, l.hex)}`
        : typedOperand(l, kind!);
      return rawVal(false, kind, (w) => atWidth(`((int32_t)${left} >> ${shiftCount32(r)})`, w), fx);
    }
    case SK.GreaterThanGreaterThanGreaterThanToken: {
      const left = lowerOperand(l, 32);
      return rawVal(false, kind, (w) => atWidth(`(${left} >> ${shiftCount32(r)})`, w), fx);
    }
    default: { // SlashToken, PercentToken (kind is set: checkOperator)
      const k = kind!;
      const name = opKind === SK.SlashToken ? "div" : "rem";
      const suffix = k === "usize" ? "usize" : INT_KINDS[k].signed ? "i32" : "u32";
      const call = `tsk_${name}_${suffix}(${typedOperand(l, k)}, ${typedOperand(r, k)})`;
      const quotient = opKind === SK.SlashToken;
      return rawVal(false, kind, (w) => atWidth(call, w), fxJoin(fx, PANIC), quotient);
    }
  }
}

/** A 32-bit bitwise result as JS gives it (an int32), at width w. */
function sx32(c: string, w: Width): string {
  return w === 32 ? `(${c})` : `TSK_SX32(${c})`;
}

const PANIC: Fx = { call: false, panic: true, read: false };

function lowerBig(
  opKind: ts.SyntaxKind,
  kind: IntKind | null,
  l: Operand,
  r: Operand,
  fx: Fx,
): Val {
  const L = lowerOperand(l, 64);
  const R = lowerOperand(r, 64);
  const signed = kind === "i64";
  switch (opKind) {
    case SK.LessThanLessThanToken: {
      const c = signed ? `tsk_shl_i64((int64_t)${L}, ${R})` : `tsk_shl_u64(${L}, ${R})`;
      return rawVal(true, kind, () => c, fxJoin(fx, PANIC));
    }
    case SK.GreaterThanGreaterThanToken: {
      const c = signed ? `tsk_sar_i64(${typedOperand(l, "i64")}, ${R})` : `tsk_shr_u64(${L}, ${R})`;
      return rawVal(true, kind, () => c, fx);
    }
    case SK.SlashToken:
    case SK.PercentToken: {
      const k = kind!;
      const name = opKind === SK.SlashToken ? "div" : "rem";
      const c = `tsk_${name}_${k}(${typedOperand(l, k)}, ${typedOperand(r, k)})`;
      return rawVal(true, kind, () => c, fxJoin(fx, PANIC));
    }
    default:
      return rawVal(true, kind, () => `(${L} ${C_OPS[opKind]} ${R})`, fx);
  }
}

/** Unary `-` and `~` on an integer. */
export function rawUnary(fc: FnCtx, node: ts.PrefixUnaryExpression, v: Val): Val {
  const minus = node.operator === SK.MinusToken;
  const op = minus ? "-" : "~";
  if (minus && v.tag === "lit") return { ...v, value: -v.value };
  const o = operand(fc, node.operand, v, op);
  if (!o) return BAD;
  const kind = kindOf(o);
  if (!minus && kind === "usize") {
    fc.ctx.rep.at(node, "TSK2104", "'~' on usize (JS works on 32 bits)");
    return BAD;
  }
  const big = isBig(o);
  const fx = fxOf(o);
  if (minus) {
    return rawVal(big, kind, (w) => `(${cRawLit(0n, w, false)} - ${lowerOperand(o, w)})`, fx);
  }
  if (big) return rawVal(true, kind, () => `(~${lowerOperand(o, 64)})`, fx);
  return rawVal(false, kind, (w) => sx32(`~${lowerOperand(o, w)}`, w), fx);
}
