"use unsafe";
// A helper module for unsafe_boundary.ts: an unsafe module whose exports check what the
// hardware cannot, so that safe modules may call them (docs/SUBSET.md R-UNSAFE-3).

import { u32, usize } from "../../../../kernel/int.ts";
import { load32, store32 } from "../../../../kernel/intrinsics.ts";

/** The hosted programs' RAM (tests/diff/hosted.ts) that this module hands out. */
const BASE: usize = usize(0x40005000);
const WORDS: usize = usize(16);

/** Stores v in word i of the scratch area; false (and no store) if i is out of range. */
export function putWord(i: usize, v: u32): boolean {
  if (i >= WORDS) return false;
  store32(usize(BASE + i * 4), v);
  return true;
}

/** Word i of the scratch area, or 0 if i is out of range. */
export function getWord(i: usize): u32 {
  if (i >= WORDS) return u32(0);
  return load32(usize(BASE + i * 4));
}

export class Cursor {
  at: usize = usize(0);
}
