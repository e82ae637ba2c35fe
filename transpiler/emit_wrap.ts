// The wrap functions u8() ... usize() of kernel/int.ts (docs/SUBSET.md §3).
//
// A wrap of a literal is folded at transpile time to a typed C constant (usize of a literal out
// of range is TSK2106). A wrap of a typed value of another kind converts it with a C cast, which
// is modular like the JS wrap; usize() range-checks any source that can be out of range. A wrap
// of a raw expression chooses the width it is computed in: 64 bits when the wrap or the raw
// kind is 64-bit (usize, u64, i64), else 32 (emit_int.ts). A wrap of an enum value converts the
// integer of its representation kind (emit_enum.ts). A raw bigint expression must go
// through u64()/i64() before usize(): C computes it modulo 2^64, JS exactly (TSK2101); a raw
// number-domain one must be exact in JS (check_exact.ts: within ±2^53, no NaN in a bitwise op).

import { checkExact } from "./check_exact.ts";
import { cTypedLit } from "./c_text.ts";
import { BAD, type FnCtx, fxJoin, NO_FX, type Val } from "./context.ts";
import { MAX_SAFE } from "./int_literal.ts";
import type { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind, intTy, tyName } from "./types.ts";

const PANIC = { call: false, panic: true, read: false };

const WRAP_MACRO: Record<IntKind, string> = {
  u8: "TSK_U8",
  u16: "TSK_U16",
  u32: "TSK_U32",
  i8: "TSK_I8",
  i16: "TSK_I16",
  i32: "TSK_I32",
  usize: "tsk_usize",
  u64: "TSK_U64",
  i64: "TSK_I64",
};

/** A wrap call `k(arg)`: folds literals, converts kinds, computes raw values at a width.
 *  `unchecked` is addr(): a usize wrap whose own range check is left out of the C (R-UNSAFE-4);
 *  the checks inside its argument (a usize product, a nested usize()) stay. */
export function wrapValue(
  fc: FnCtx,
  node: ts.CallExpression,
  k: IntKind,
  arg: Val,
  unchecked = false,
): Val {
  const rep = fc.ctx.rep;
  const ty = intTy(k);
  switch (arg.tag) {
    case "bad":
      return BAD;
    case "lit": {
      const v = foldWrap(k, arg.value);
      if (v === null) {
        rep.at(node, "TSK2106", `literal ${arg.value} is out of range for usize`);
        return BAD;
      }
      return { tag: "ty", ty, c: cTypedLit(k, v, arg.hex), fx: NO_FX };
    }
    case "ty": {
      if (arg.ty.tag === "enum") {
        // An enum value as the integer it is: its representation kind, then converted.
        const repr = arg.ty.en.repr;
        const asInt = { ...arg, ty: intTy(repr), c: `((${INT_KINDS[repr].c})${arg.c})` };
        return wrapValue(fc, node, k, asInt);
      }
      if (arg.ty.tag !== "int") {
        rep.at(node, "TSK1207", `${k}() of a ${tyName(arg.ty)} value`);
        return BAD;
      }
      const from = arg.ty.kind;
      if (from === k) return arg;
      if (k !== "usize") return { tag: "ty", ty, c: `${WRAP_MACRO[k]}(${arg.c})`, fx: arg.fx };
      if (unchecked || (!INT_KINDS[from].signed && INT_KINDS[from].bits <= 32)) {
        return { tag: "ty", ty, c: `((uint64_t)${arg.c})`, fx: arg.fx };
      }
      return { tag: "ty", ty, c: `tsk_usize((uint64_t)${arg.c})`, fx: fxJoin(arg.fx, PANIC) };
    }
    case "raw": {
      if (k === "usize" && arg.big) {
        rep.at(node, "TSK2101", "wrap a raw 64-bit value with u64() or i64() before usize()");
        return BAD;
      }
      if (!arg.big && node.arguments.length === 1) checkExact(fc, node.arguments[0], k);
      const wide = arg.big || INT_KINDS[k].bits === 64 || arg.kind === "usize";
      const inner = arg.lower(wide ? 64 : 32);
      if (unchecked) return { tag: "ty", ty, c: `((uint64_t)${inner})`, fx: arg.fx };
      const fx = k === "usize" ? fxJoin(arg.fx, PANIC) : arg.fx;
      return { tag: "ty", ty, c: `${WRAP_MACRO[k]}(${inner})`, fx };
    }
  }
}

/** The value of k(v) for an integer v, as JS computes it; null if usize rejects it. */
export function foldWrap(k: IntKind, v: bigint): bigint | null {
  if (k === "usize") return v >= 0n && v <= MAX_SAFE ? v : null;
  const { bits, signed } = INT_KINDS[k];
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}
