// The kernel's own symbol table: from a code address to the TS function it belongs to.
//
// KSYMS is a fixed array that the build fills after the link (tools/ksyms.ts embedSymbols): it
// is declared with a non-zero fill so that it lives in .data, backed by the ELF file, and the
// build overwrites those bytes with the table; its size never changes, so no address moves.
// Layout (u64 words; tools/ksyms.ts is the encoder and documents it too):
//   w0 SYMBOLS_MAGIC, w1 symbol count N, w2 module count M, w3 first word of the strings;
//   M module words (byte offset << 16 | length of the path); N entries of 3 words sorted by
//   address (address, size, (module index + 1) << 48 | byte offset << 16 | length of the name);
//   the strings, ASCII bytes packed little-endian.
// Invariants: the table is read only here, and only after symbolsPresent() has checked that its
// header fits the array, so a kernel built without the build's step (or a Deno test that left
// the array alone) simply has no names: symbolsLookup returns false. An entry's name and module
// are printed as `<path>:<name>` (`kernel/mem/heap.ts:kmalloc`), or the C name alone for code
// that is not TS (asm glue, compiler_rt).

import { u64, u8, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { hex } from "./fmt.ts";
import { kprint, kputc } from "./klog.ts";

/** Capacity of the table in u64 words (16 KiB); the build fails when the table does not fit. */
export const SYMBOLS_WORDS: usize = usize(2048);
/** "TSKSYMS1", the first word of a filled table. */
export const SYMBOLS_MAGIC: u64 = u64(0x31534d59534b5354n);

/** The table; every word is 1 until the build writes it. Tests fill it with set(). */
export const KSYMS: FixedArray<u64> = new FixedArray<u64>(SYMBOLS_WORDS, u64(1n));

const HEADER_WORDS: usize = usize(4);
const ENTRY_WORDS: usize = usize(3);

/** What symbolsLookup found: the function's start and size, and its name's packed word. */
export class SymbolHit {
  start: usize = usize(0);
  size: usize = usize(0);
  info: u64 = u64(0n);
}

function word(i: usize): u64 {
  return KSYMS.get(i);
}

/** True if the build filled the table and its header fits the array. */
export function symbolsPresent(): boolean {
  if (word(usize(0)) !== SYMBOLS_MAGIC) {
    return false;
  }
  const n = word(usize(1));
  const m = word(usize(2));
  const s = word(usize(3));
  const cap = u64(SYMBOLS_WORDS);
  if (n >= cap || m >= cap || s > cap) {
    return false;
  }
  return u64(u64(4n) + m + u64(n * 3n)) === s;
}

/** The number of symbols (0 without a table). */
export function symbolsCount(): usize {
  return symbolsPresent() ? usize(word(usize(1))) : usize(0);
}

function entryAt(i: usize): usize {
  return usize(HEADER_WORDS + usize(word(usize(2))) + i * ENTRY_WORDS);
}

/** Finds the function holding pc; false if there is no table or pc is outside every function
 *  (before the first, past a sized function's end, or past the last one). */
export function symbolsLookup(pc: usize, out: SymbolHit): boolean {
  if (!symbolsPresent()) {
    return false;
  }
  const n = usize(word(usize(1)));
  const target = u64(pc);
  // The last entry whose address is <= pc: lo..hi brackets it.
  let lo = usize(0);
  let hi = n;
  while (lo < hi) {
    const mid = usize(lo + usize(usize(hi - lo) / 2));
    if (word(entryAt(mid)) <= target) {
      lo = usize(mid + 1);
    } else {
      hi = mid;
    }
  }
  if (lo === 0) {
    return false;
  }
  const e = entryAt(usize(lo - 1));
  const start = word(e);
  const size = word(usize(e + 1));
  if (size > 0n && target >= u64(start + size)) {
    return false;
  }
  if (size === 0n && lo === n) {
    return false; // an unsized last label: nothing bounds it
  }
  out.start = usize(start);
  out.size = usize(size);
  out.info = word(usize(e + 2));
  return true;
}

/** Prints the bytes of a packed string (offset << 16 | length) from the string area. */
function printString(packed: u64): void {
  const base = usize(word(usize(3)));
  const off = usize(u64(u64(packed >> 16n) & 0xffffffffn));
  const len = usize(u64(packed & 0xffffn));
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    const k = usize(off + i);
    const w = word(usize(base + usize(k / 8)));
    const shift = u64(u64(usize(k % 8)) * 8n);
    kputc(u8(w >> shift));
  }
}

/** Prints a hit's name: `kernel/mem/heap.ts:kmalloc`, or the C name of non-TS code. */
export function symbolsPrintName(hit: SymbolHit): void {
  const mod = u64(hit.info >> 48n);
  if (mod > 0n) {
    printString(word(usize(usize(HEADER_WORDS + usize(mod)) - 1)));
    kputc(u8(0x3a)); // ':'
  }
  printString(u64(hit.info & 0xffffffffffffn));
}

const found: SymbolHit = new SymbolHit();

/** Prints `<name>+<hex offset>` for the function holding `lookup`, the offset being that of
 *  `at` from the function's start (a backtrace names a return address after the byte before
 *  it); prints nothing and returns false when no function holds `lookup`. */
export function symbolsPrintPlace(at: u64, lookup: usize): boolean {
  if (!symbolsLookup(lookup, found)) {
    return false;
  }
  symbolsPrintName(found);
  const off = u64(at - u64(found.start));
  kprint(`+${hex(off)}`);
  return true;
}
