// What the program generator knows about the nine integer kinds: ranges, which operators the
// subset allows on each (docs/SUBSET.md §3), and edge-biased literals that fit a kind.

import type { Prng } from "./prng.ts";

export type Kind = "u8" | "u16" | "u32" | "i8" | "i16" | "i32" | "usize" | "u64" | "i64";

export const KINDS: readonly Kind[] = [
  "u8",
  "u16",
  "u32",
  "i8",
  "i16",
  "i32",
  "usize",
  "u64",
  "i64",
];

export interface KindInfo {
  bits: number;
  signed: boolean;
  /** A bigint under Deno. */
  big: boolean;
  min: bigint;
  max: bigint;
  /** The suffix of the print library's show function: showU8 ... showUsize. */
  show: string;
}

function info(bits: number, signed: boolean, big: boolean, show: string): KindInfo {
  const b = BigInt(bits);
  const [min, max] = signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
  return { bits, signed, big, min, max, show };
}

export const INFO: Record<Kind, KindInfo> = {
  u8: info(8, false, false, "U8"),
  u16: info(16, false, false, "U16"),
  u32: info(32, false, false, "U32"),
  i8: info(8, true, false, "I8"),
  i16: info(16, true, false, "I16"),
  i32: info(32, true, false, "I32"),
  usize: { bits: 53, signed: false, big: false, min: 0n, max: (1n << 53n) - 1n, show: "Usize" },
  u64: info(64, false, true, "U64"),
  i64: info(64, true, true, "I64"),
};

/** `*` is allowed on these kinds (u32/i32 use mulU32/mulI32; i8/i16 have none). */
export function hasMul(k: Kind): boolean {
  return k === "u8" || k === "u16" || k === "usize" || k === "u64" || k === "i64";
}

/** `& | ^ << ~` are allowed on every kind but usize. */
export function hasBitwise(k: Kind): boolean {
  return k !== "usize";
}

/** `>>` on signed kinds and u64; `>>>` on unsigned ≤ 32-bit kinds. */
export function shiftRightOp(k: Kind): ">>" | ">>>" | null {
  if (k === "usize") return null;
  const i = INFO[k];
  return i.signed || k === "u64" ? ">>" : ">>>";
}

/** The text of an integer literal: decimal or hex, `n` for bigints, negative with a `-`. */
export function litText(v: bigint, big: boolean, r: Prng): string {
  const mag = v < 0n ? -v : v;
  const body = r.chance(0.3) ? "0x" + mag.toString(16) : mag.toString();
  return (v < 0n ? "-" : "") + body + (big ? "n" : "");
}

/** An edge-biased value in [min, max]. */
export function edgeValue(r: Prng, min: bigint, max: bigint): bigint {
  const candidates = [min, max, 0n, 1n, -1n, min + 1n, max - 1n, 2n, 7n, 10n, 255n, 256n];
  for (let b = 7n; b < 64n; b += 8n) candidates.push(1n << b, (1n << b) - 1n, -(1n << b));
  const roll = r.below(10);
  let v: bigint;
  if (roll < 2) v = r.pick([min, max, 0n, -1n, min + 1n, max - 1n]);
  else if (roll < 4) v = r.pick(candidates);
  else if (roll < 7) v = BigInt(r.range(-300, 300));
  else {
    const span = max - min + 1n;
    v = min + (r.u64() * (1n << 64n) + r.u64()) % span;
  }
  return v < min ? min : v > max ? max : v;
}

/** A value of kind k, edge-biased; usize values are mostly small (so sums stay below 2^53). */
export function kindValue(r: Prng, k: Kind): bigint {
  if (k === "usize") {
    return r.chance(0.85) ? edgeValue(r, 0n, 1n << 32n) : edgeValue(r, 0n, (1n << 52n) - 1n);
  }
  return edgeValue(r, INFO[k].min, INFO[k].max);
}
