// Kernel console output: strings and numbers, one byte at a time, with no memory of its own.
//
// klog(`...`) writes one formatted line: a template literal whose substitutions are integers
// (decimal, '-' for negative signed values), booleans, strings, or hex(x) from kernel/fmt.ts.
// The transpiler lowers such a call to the writers below (kprint, kprintU32, kprintU64,
// kprintI64, kprintHex32, kprintHex64, kputc: transpiler/emit_klog.ts relies on these names and
// signatures), after evaluating the substitutions left to right, as JS does; kprint(`...`) is
// the same without the newline (docs/SUBSET.md §6). Both write exactly the bytes of the string
// Deno builds.
//
// Everything goes through the arch console's put-byte (arch/<ARCH>/console.ts), so klog works
// from the first instruction of kernelMain to the last line of a panic. Numbers are formatted
// without a buffer: decimal digits come out most significant first by dividing by a falling
// power of ten, hex digits by a falling power of sixteen (u64 has no right shift in the subset;
// u32 uses >>>). Leading zeros are dropped; zero prints as "0" (hex: "0x0"). Lines end with a
// bare LF: the boot tests match output lines exactly, so no CR is added. klog remembers only
// whether a line is open, so that kfinishLine (used by panic) can start a fresh line. With SMP,
// kernel/console_lock.ts keeps lines whole: one CPU writes a line at a time.

import { type i64, u32, u64, u8, usize } from "./int.ts";
import { consolePutByte, cpuIndex } from "@arch/mod.ts";
import { consoleLineGive, consoleLineTake } from "./console_lock.ts";

const HEX_DIGITS: string = "0123456789abcdef";
const CHAR_LF: u8 = u8(0x0a);
const CHAR_MINUS: u8 = u8(0x2d);

/** True when the last byte written was not a newline (a line is open). */
let midLine: boolean = false;

/** Writes one byte to the console; a line is written whole even when several CPUs print
 *  (console_lock.ts: the line is this CPU's from its first byte to its newline). */
export function kputc(b: u8): void {
  consoleLineTake(cpuIndex());
  consolePutByte(b);
  midLine = b !== CHAR_LF;
  if (!midLine) {
    consoleLineGive();
  }
}

/** Ends the current line if one is open, so that what follows starts a line. */
export function kfinishLine(): void {
  if (midLine) {
    kputc(CHAR_LF);
  }
}

/** Writes a string. */
export function kprint(s: string): void {
  const n = usize(s.length);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    kputc(u8(s.charCodeAt(i)));
  }
}

/** Writes a string and a newline. */
export function kprintln(s: string): void {
  kprint(s);
  kputc(CHAR_LF);
}

/** Writes one line: the message, then a newline. Its argument is usually a template literal,
 *  `klog(\`free: ${n} pages at ${hex(a)}\`)`: Deno builds the string, the transpiler lowers the
 *  template to calls of the writers of this file, without a buffer. */
export function klog(msg: string): void {
  kprint(msg);
  kputc(CHAR_LF);
}

/** Writes a u32 in decimal. */
export function kprintU32(v: u32): void {
  let divisor = u32(1000000000);
  while (divisor > 1 && u32(v / divisor) === 0) {
    divisor = u32(divisor / 10);
  }
  let rest = v;
  while (divisor > 0) {
    const digit = u32(rest / divisor);
    kputc(u8(0x30 + digit));
    rest = u32(rest % divisor);
    divisor = u32(divisor / 10);
  }
}

/** Writes a u64 in decimal. */
export function kprintU64(v: u64): void {
  let divisor = u64(0x8ac7230489e80000n); // 10^19, the largest power of ten in a u64
  while (divisor > 1n && u64(v / divisor) === 0n) {
    divisor = u64(divisor / 10n);
  }
  let rest = v;
  while (divisor > 0n) {
    const digit = u8(u64(rest / divisor));
    kputc(u8(0x30 + digit));
    rest = u64(rest % divisor);
    divisor = u64(divisor / 10n);
  }
}

/** Writes an i64 in decimal, with a '-' when negative (i64's minimum included). */
export function kprintI64(v: i64): void {
  if (v < 0n) {
    kputc(CHAR_MINUS);
    kprintU64(u64(0n - v));
  } else {
    kprintU64(u64(v));
  }
}

/** Writes a usize in decimal. */
export function kprintUsize(v: usize): void {
  kprintU64(u64(v));
}

/** Writes a u32 in hex with a 0x prefix. */
export function kprintHex32(v: u32): void {
  kprint("0x");
  let shift = u32(28);
  while (shift > 0 && u32((v >>> shift) & 0xf) === 0) {
    shift = u32(shift - 4);
  }
  while (true) {
    const digit = usize(u32((v >>> shift) & 0xf));
    kputc(u8(HEX_DIGITS.charCodeAt(digit)));
    if (shift === 0) {
      break;
    }
    shift = u32(shift - 4);
  }
}

/** Writes a u64 in hex with a 0x prefix. */
export function kprintHex64(v: u64): void {
  kprint("0x");
  let divisor = u64(0x1000000000000000n);
  while (divisor > 1n && u64(v / divisor) === 0n) {
    divisor = u64(divisor / 16n);
  }
  let rest = v;
  while (divisor > 0n) {
    const digit = usize(u64(rest / divisor));
    kputc(u8(HEX_DIGITS.charCodeAt(digit)));
    rest = u64(rest % divisor);
    divisor = u64(divisor / 16n);
  }
}
