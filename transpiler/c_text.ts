// C text: literals, string escapes and `#line` directives, written one way everywhere.
//
// Integer literals get the suffix of their C type (U, ULL, LL) so no C integer promotion or
// conversion changes their value; the most negative signed values are written `(-MAX - 1)`
// because `-2147483648` is the negation of a literal that does not fit int. Raw literals (inside
// a raw expression computed in uint32_t/uint64_t) are written modulo 2^w. Strings are ASCII
// (checked by the caller) and `\0` becomes `\000` so a following digit cannot extend it.

import type { Width } from "./context.ts";
import { INT_KINDS, type IntKind } from "./types.ts";

function digits(v: bigint, hex: boolean): string {
  return hex ? "0x" + v.toString(16) : v.toString();
}

/** A literal of kind k with value v (which fits k). */
export function cTypedLit(k: IntKind, v: bigint, hex: boolean): string {
  const { bits, signed } = INT_KINDS[k];
  if (!signed) {
    const suffix = bits === 64 ? "ULL" : bits === 32 ? "U" : "";
    return digits(v, hex) + suffix;
  }
  const suffix = bits === 64 ? "LL" : "";
  if (v >= 0n) return digits(v, hex) + suffix;
  const min = -(1n << BigInt(bits - 1));
  if (v === min) return `(-${digits(-v - 1n, hex)}${suffix} - 1)`;
  return `(-${digits(-v, hex)}${suffix})`;
}

/** A literal inside a raw expression computed as uint<w>_t: the value modulo 2^w. */
export function cRawLit(v: bigint, w: Width, hex: boolean): string {
  const m = BigInt.asUintN(w, v);
  return digits(m, hex || v < 0n) + (w === 64 ? "ULL" : "U");
}

const ESCAPES: Record<string, string> = {
  "\n": "\\n",
  "\t": "\\t",
  "\\": "\\\\",
  '"': '\\"',
  "\0": "\\000",
  "?": "\\?",
};

/** A C string literal for an ASCII string. */
export function cString(s: string): string {
  let out = '"';
  for (const ch of s) out += ESCAPES[ch] ?? ch;
  return out + '"';
}

/** `#line N "path"`: C diagnostics then point at the TypeScript source. */
export function cLine(line: number, path: string): string {
  return `#line ${line} ${cString(path)}`;
}

/** Drops one pair of parentheses enclosing all of c (for `if (...)` and statements). */
export function stripParens(c: string): string {
  if (!c.startsWith("(")) return c;
  let depth = 0;
  for (let i = 0; i < c.length; i++) {
    const ch = c[i];
    if (ch === '"') {
      for (i++; i < c.length && c[i] !== '"'; i++) if (c[i] === "\\") i++;
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0) return i === c.length - 1 ? c.slice(1, -1) : c;
    }
  }
  return c;
}
