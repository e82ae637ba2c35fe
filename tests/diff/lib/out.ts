// Printing for differential test programs, written in the kernel subset itself.
//
// Every byte goes through the one output intrinsic, debugPutByte (kernel/intrinsics.ts): under
// Deno it lands in machine.debugOut, in a hosted C build on stdout. So the two worlds print
// through the same subset code, and a difference in the printed text is a difference in the
// values (or in this library's own lowering, which is then a transpiler bug too). Decimal is
// printed by recursion (the subset has no arrays for a digit buffer); every integer kind goes
// through u64 or i64. `show*` print one `name = value` line, the form the test cases use.

import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { debugPutByte } from "../../../kernel/intrinsics.ts";

/** Prints the bytes of an ASCII string. */
export function print(s: string): void {
  for (let i: usize = usize(0); i < usize(s.length); i = usize(i + 1)) {
    debugPutByte(u8(s.charCodeAt(i)));
  }
}

/** Ends a line. */
export function newline(): void {
  debugPutByte(u8(10));
}

/** Prints a string and ends the line. */
export function println(s: string): void {
  print(s);
  newline();
}

/** Prints x in decimal. */
export function printU64(x: u64): void {
  if (x >= 10n) printU64(u64(x / 10n));
  debugPutByte(u8(x % 10n + 48n));
}

/** Prints x in decimal, with a '-' when negative (INT64_MIN included). */
export function printI64(x: i64): void {
  if (x < 0n) {
    debugPutByte(u8(45));
    printU64(u64(-x));
  } else printU64(u64(x));
}

/** Prints the low `digits` hex digits of x, with a 0x prefix. */
export function printHex(x: u64, digits: u32): void {
  print("0x");
  for (let d: u32 = digits; d > 0; d = u32(d - 1)) {
    const nibble: u32 = u32((x >> u64(u32(d - 1) << 2)) & 15n);
    const c: u32 = nibble < 10 ? u32(nibble + 48) : u32(nibble + 87);
    debugPutByte(u8(c));
  }
}

/** Prints true or false. */
export function printBool(b: boolean): void {
  print(b ? "true" : "false");
}

function label(name: string): void {
  print(name);
  print(" = ");
}

export function showU8(name: string, x: u8): void {
  label(name);
  printU64(u64(x));
  print(" ");
  printHex(u64(x), u32(2));
  newline();
}
export function showU16(name: string, x: u16): void {
  label(name);
  printU64(u64(x));
  print(" ");
  printHex(u64(x), u32(4));
  newline();
}
export function showU32(name: string, x: u32): void {
  label(name);
  printU64(u64(x));
  print(" ");
  printHex(u64(x), u32(8));
  newline();
}
export function showU64(name: string, x: u64): void {
  label(name);
  printU64(x);
  print(" ");
  printHex(x, u32(16));
  newline();
}
export function showUsize(name: string, x: usize): void {
  label(name);
  printU64(u64(x));
  print(" ");
  printHex(u64(x), u32(14));
  newline();
}
export function showI8(name: string, x: i8): void {
  label(name);
  printI64(i64(x));
  print(" ");
  printHex(u64(x), u32(2));
  newline();
}
export function showI16(name: string, x: i16): void {
  label(name);
  printI64(i64(x));
  print(" ");
  printHex(u64(x), u32(4));
  newline();
}
export function showI32(name: string, x: i32): void {
  label(name);
  printI64(i64(x));
  print(" ");
  printHex(u64(x), u32(8));
  newline();
}
export function showI64(name: string, x: i64): void {
  label(name);
  printI64(x);
  print(" ");
  printHex(u64(x), u32(16));
  newline();
}
export function showBool(name: string, b: boolean): void {
  label(name);
  printBool(b);
  newline();
}
