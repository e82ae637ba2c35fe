// Unit tests of the transpiler's small pure parts: C literal text, name mangling, and the
// transpile-time model of the wrap functions, which must agree with kernel/int.ts itself.

import assert from "node:assert/strict";
import * as int from "../../kernel/int.ts";
import { jsWrap } from "../../transpiler/const_eval.ts";
import { cRawLit, cString, cTypedLit, stripParens } from "../../transpiler/c_text.ts";
import { foldWrap } from "../../transpiler/emit_wrap.ts";
import { localName, modulePrefix } from "../../transpiler/names.ts";
import { INT_KINDS, type IntKind } from "../../transpiler/types.ts";

Deno.test("C literals carry their type's suffix and never overflow", () => {
  assert.equal(cTypedLit("u8", 255n, false), "255");
  assert.equal(cTypedLit("u32", 0x3f8n, true), "0x3f8U");
  assert.equal(cTypedLit("i32", -5n, false), "(-5)");
  assert.equal(cTypedLit("i32", -(1n << 31n), false), "(-2147483647 - 1)");
  assert.equal(cTypedLit("i64", -(1n << 63n), false), "(-9223372036854775807LL - 1)");
  assert.equal(cTypedLit("u64", (1n << 64n) - 1n, true), "0xffffffffffffffffULL");
  assert.equal(cTypedLit("usize", 4096n, false), "4096ULL");
  assert.equal(cRawLit(-1n, 32, false), "0xffffffffU");
  assert.equal(cRawLit(7n, 64, false), "7ULL");
  assert.equal(cString('a"b\\c\n\t\0' + "1?"), '"a\\"b\\\\c\\n\\t\\0001\\?"');
  assert.equal(stripParens("(a + b)"), "a + b");
  assert.equal(stripParens("(a) + (b)"), "(a) + (b)");
  assert.equal(stripParens('(f(")") + 1)'), 'f(")") + 1');
});

Deno.test("names mangle by path, arch files as arch_, and locals avoid C's names", () => {
  assert.equal(modulePrefix("kernel/main.ts", "x86_64"), "kernel_main");
  assert.equal(modulePrefix("kernel/boot/boot-info.ts", "x86_64"), "kernel_boot_boot_info");
  assert.equal(modulePrefix("arch/x86_64/console.ts", "x86_64"), "arch_console");
  assert.equal(modulePrefix("arch/aarch64/console.ts", "x86_64"), "arch_aarch64_console");
  assert.equal(localName("count"), "count");
  assert.equal(localName("int"), "int_");
  assert.equal(localName("self"), "self_");
  assert.equal(localName("size_t"), "size_t_");
  assert.equal(localName("INT32_MAX"), "INT32_MAX_");
  assert.equal(localName("_Bool"), "l_Bool");
});

const SAMPLES: (number | bigint)[] = [
  0,
  1,
  -1,
  127,
  128,
  255,
  256,
  -129,
  65535,
  65536,
  0x7fffffff,
  0x80000000,
  -0x80000000,
  0xffffffff,
  2 ** 32,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  0n,
  -1n,
  1n << 63n,
  (1n << 64n) - 1n,
  -(1n << 63n),
  12345678901234567890n,
];

Deno.test("the transpiler's wrap model agrees with kernel/int.ts", () => {
  const wraps = int as unknown as Record<IntKind, (x: number | bigint) => number | bigint>;
  for (const k of Object.keys(INT_KINDS) as IntKind[]) {
    for (const x of SAMPLES) {
      let want: string;
      try {
        want = String(wraps[k](x));
      } catch {
        want = "panic";
      }
      let got: string;
      try {
        got = String(jsWrap(k, x));
      } catch {
        got = "panic";
      }
      assert.equal(got, want, `${k}(${x})`);
      const folded = foldWrap(k, BigInt(x));
      assert.equal(folded === null ? "panic" : String(folded), want, `fold ${k}(${x})`);
    }
  }
});
