import assert from "node:assert/strict";
import { u32, u8 } from "./int.ts";
import { CRC32_CHECK, fib, FIB90, runDemo } from "./demo.ts";
import { crc32Byte, crc32String } from "./crc32.ts";
import { setupX86 } from "./testing/devices.ts";

/** Reference CRC-32 in plain JS (table-free, same polynomial). */
function refCrc32(s: string): number {
  let c = 0xffffffff;
  for (const ch of s) {
    c ^= ch.charCodeAt(0);
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

Deno.test("demo: CRC-32 matches the check value and a reference", () => {
  assert.equal(crc32String("123456789"), 0xcbf43926);
  assert.equal(CRC32_CHECK, 0xcbf43926);
  assert.equal(crc32String(""), 0);
  assert.equal(crc32String("a"), 0xe8b7be43);
  const s = "The quick brown fox jumps over the lazy dog";
  assert.equal(crc32String(s), 0x414fa339);
  assert.equal(crc32String(s), refCrc32(s));
  assert.equal(crc32Byte(u32(0), u8(0)), 0);
});

Deno.test("demo: Fibonacci in u64, exact past 2^53 and wrapping past 2^64", () => {
  assert.equal(fib(u32(0)), 0n);
  assert.equal(fib(u32(1)), 1n);
  assert.equal(fib(u32(10)), 55n);
  assert.equal(fib(u32(90)), 2880067194370816120n);
  assert.equal(FIB90, 2880067194370816120n);
  assert.equal(fib(u32(93)), 12200160415121876738n);
  assert.equal(fib(u32(94)), (12200160415121876738n + 7540113804746346429n) % 2n ** 64n);
});

Deno.test("demo: runDemo prints the two ok lines", () => {
  const { uart } = setupX86();
  assert.equal(runDemo(), true);
  assert.equal(
    uart.text(),
    'demo: crc32("123456789") = 0xcbf43926 ok\n' +
      "demo: fib(90) = 2880067194370816120 ok\n",
  );
});
