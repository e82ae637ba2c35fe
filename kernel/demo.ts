// The built-in demo: two small computations whose answers are known, printed at boot.
//
// They exercise the integer semantics the subset promises in both worlds (Deno and the
// transpiled C): CRC-32 (kernel/crc32.ts) of the
// string "123456789" is the standard check value 0xcbf43926, which needs u32 xor, >>> and
// wrapping; Fibonacci(90) = 2880067194370816120 needs u64 additions past 2^53, where a JS number
// would lose digits. Each result is printed with "ok" when it matches, so boot tests can grep
//   demo: crc32("123456789") = 0xcbf43926 ok
//   demo: fib(90) = 2880067194370816120 ok
// and runDemo returns false (the line says "WRONG, expected ...") on a mismatch.

import { u32, u64 } from "./int.ts";
import { crc32String } from "./crc32.ts";
import { kprint, kprintHex32, kprintln, kprintU64 } from "./klog.ts";

/** CRC-32 check value of "123456789". */
export const CRC32_CHECK: u32 = u32(0xcbf43926);
/** Fibonacci(90). */
export const FIB90: u64 = u64(2880067194370816120n);

/** The n-th Fibonacci number (fib(0) = 0, fib(1) = 1), modulo 2^64. */
export function fib(n: u32): u64 {
  let a = u64(0n);
  let b = u64(1n);
  for (let i = u32(0); i < n; i = u32(i + 1)) {
    const next = u64(a + b);
    a = b;
    b = next;
  }
  return a;
}

/** Runs and prints the demo; true if every answer was right. */
export function runDemo(): boolean {
  const crc = crc32String("123456789");
  kprint('demo: crc32("123456789") = ');
  kprintHex32(crc);
  const crcOk: boolean = crc === CRC32_CHECK;
  if (crcOk) {
    kprintln(" ok");
  } else {
    kprint(" WRONG, expected ");
    kprintHex32(CRC32_CHECK);
    kprintln("");
  }

  const f = fib(u32(90));
  kprint("demo: fib(90) = ");
  kprintU64(f);
  const fibOk: boolean = f === FIB90;
  if (fibOk) {
    kprintln(" ok");
  } else {
    kprint(" WRONG, expected ");
    kprintU64(FIB90);
    kprintln("");
  }
  return crcOk && fibOk;
}
