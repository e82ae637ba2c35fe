import assert from "node:assert/strict";
import { i32, i64, u32, u64, u8, usize } from "./int.ts";
import { hex } from "./fmt.ts";
import {
  kfinishLine,
  klog,
  kprint,
  kprintHex32,
  kprintHex64,
  kprintI64,
  kprintln,
  kprintU32,
  kprintU64,
  kprintUsize,
  kputc,
} from "./klog.ts";
import { setupX86 } from "./testing/devices.ts";

/** Runs fn against a fresh x86 machine and returns what it printed on COM1. */
function printed(fn: () => void): string {
  const { uart } = setupX86();
  fn();
  return uart.text();
}

Deno.test("klog: strings and lines go out byte by byte", () => {
  assert.equal(printed(() => kprint("abc")), "abc");
  assert.equal(printed(() => kprintln("line")), "line\n");
  assert.equal(printed(() => kprintln("")), "\n");
  assert.equal(printed(() => kputc(u8(0x41))), "A");
});

Deno.test("klog: u32 in decimal", () => {
  for (const v of [0, 1, 9, 10, 99, 100, 1000000000, 999999999, 4294967295, 305419896]) {
    assert.equal(printed(() => kprintU32(u32(v))), String(v));
  }
});

Deno.test("klog: u64 in decimal, past 2^53", () => {
  for (
    const v of [
      0n,
      7n,
      10n,
      9007199254740993n,
      10000000000000000000n,
      9999999999999999999n,
      18446744073709551615n,
    ]
  ) {
    assert.equal(printed(() => kprintU64(u64(v))), String(v));
  }
  assert.equal(printed(() => kprintUsize(usize(2 ** 53 - 1))), "9007199254740991");
});

Deno.test("klog: hex with a 0x prefix and no leading zeros", () => {
  assert.equal(printed(() => kprintHex32(u32(0))), "0x0");
  assert.equal(printed(() => kprintHex32(u32(0x10))), "0x10");
  assert.equal(printed(() => kprintHex32(u32(0xdeadbeef))), "0xdeadbeef");
  assert.equal(printed(() => kprintHex32(u32(0x0f000000))), "0xf000000");
  assert.equal(printed(() => kprintHex64(u64(0n))), "0x0");
  assert.equal(printed(() => kprintHex64(u64(0x40000000n))), "0x40000000");
  assert.equal(printed(() => kprintHex64(u64(0xffffffffffffffffn))), "0xffffffffffffffff");
  assert.equal(printed(() => kprintHex64(u64(0x1000000000000000n))), "0x1000000000000000");
});

Deno.test("klog: kfinishLine ends an open line only", () => {
  assert.equal(
    printed(() => {
      kprint("a");
      kfinishLine();
      kfinishLine();
      kprintln("b");
      kfinishLine();
    }),
    "a\nb\n",
  );
});

Deno.test("klog: a line is the message and a newline; templates print like JS", () => {
  assert.equal(printed(() => klog("x")), "x\n");
  const a = u32(7), b = u64(18446744073709551615n), c = i32(-5), ok = true;
  assert.equal(
    printed(() => klog(`a=${a} b=${b} c=${c} ok=${ok}`)),
    "a=7 b=18446744073709551615 c=-5 ok=true\n",
  );
});

Deno.test("klog: i64 in decimal, with its minimum", () => {
  for (const v of [0n, 1n, -1n, 42n, -9223372036854775808n, 9223372036854775807n, -10n]) {
    assert.equal(printed(() => kprintI64(i64(v))), String(v));
  }
});

Deno.test("klog: hex() of kernel/fmt.ts gives what kprintHex32/kprintHex64 print", () => {
  for (const v of [0, 1, 0xf, 0x10, 0xabcdef, 0x7fffffff, 0x80000000, 0xffffffff]) {
    assert.equal(hex(u32(v)), printed(() => kprintHex32(u32(v))));
    assert.equal(hex(u8(v)), printed(() => kprintHex32(u32(u8(v)))));
  }
  for (const v of [0n, 0x10n, 0x1000000000000000n, 0xffffffffffffffffn, 0x123456789abcdefn]) {
    assert.equal(hex(u64(v)), printed(() => kprintHex64(u64(v))));
  }
  assert.equal(hex(usize(2 ** 53 - 1)), printed(() => kprintHex64(u64(usize(2 ** 53 - 1)))));
});
