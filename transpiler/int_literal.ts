// Integer literals (docs/SUBSET.md §3): decimal or hex (binary and octal are integers too),
// exactly representable, with no kind until they meet one.
//
// A number literal must be an integer below 2^53 (else it is not exact in JS: TSK2003, as is any
// fraction or exponent); a bigint literal must be below 2^64. Next to a value of kind k a
// literal takes that kind and must fit its range (TSK2106), which keeps C's typed constant and
// the JS number equal.

import { cTypedLit } from "./c_text.ts";
import { BAD, type FnCtx, type Val } from "./context.ts";
import type { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind, kindRange } from "./types.ts";

export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A numeric literal: an integer, decimal or hex, exactly representable (else TSK2003). */
export function numericLiteral(fc: FnCtx, node: ts.NumericLiteral): Val {
  const text = node.getText().replaceAll("_", "");
  if (!/^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$/.test(text)) {
    fc.ctx.rep.at(node, "TSK2003", `floating-point literal ${text}`);
    return BAD;
  }
  const value = BigInt(text);
  if (value > MAX_SAFE) {
    fc.ctx.rep.at(node, "TSK2003", `literal ${text} is not exact as a JS number: write ${text}n`);
    return BAD;
  }
  return { tag: "lit", value, big: false, hex: /^0[xX]/.test(text) };
}

/** A bigint literal (`1n`), below 2^64. */
export function bigintLiteral(fc: FnCtx, node: ts.BigIntLiteral): Val {
  const text = node.getText().replaceAll("_", "").slice(0, -1);
  const value = BigInt(text);
  if (value >= 1n << 64n) {
    fc.ctx.rep.at(node, "TSK2106", `literal ${text}n does not fit 64 bits`);
    return BAD;
  }
  return { tag: "lit", value, big: true, hex: /^0[xX]/.test(text) };
}

export function litFits(kind: IntKind, v: bigint): boolean {
  const [min, max] = kindRange(kind);
  return v >= min && v <= max;
}

/** A literal meeting a value of kind k: its C, or null if it does not fit (reported). */
export function literalAs(
  fc: FnCtx,
  node: ts.Node,
  lit: { value: bigint; big: boolean; hex: boolean },
  kind: IntKind,
): string | null {
  if (lit.big !== INT_KINDS[kind].big) {
    fc.ctx.rep.at(node, "TSK2106", `a ${lit.big ? "bigint" : "number"} literal next to ${kind}`);
    return null;
  }
  if (!litFits(kind, lit.value)) {
    fc.ctx.rep.at(node, "TSK2106", `literal ${lit.value} does not fit ${kind}`);
    return null;
  }
  return cTypedLit(kind, lit.value, lit.hex);
}
