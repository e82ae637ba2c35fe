// Unit tests of the pure parts of enums, function values and generics: C declarators of function
// types (checked by compiling them), structural equality of signatures, instance names.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { FnSig } from "../../transpiler/context.ts";
import { instanceKey } from "../../transpiler/monomorph.ts";
import { BOOL, cDecl, intTy, sigEq, type Ty, tyEq, tyName, VOID } from "../../transpiler/types.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const U32 = intTy("u32");
const fn = (sig: FnSig): Ty => ({ tag: "fn", sig });
const unary: FnSig = { params: [U32], ret: U32 };
const maker: FnSig = { params: [BOOL], ret: fn(unary) };
const taker: FnSig = { params: [fn(unary), U32], ret: VOID };

Deno.test("function types: C declarators, anonymous and nested", () => {
  assert.equal(cDecl(fn(unary), "f"), "uint32_t (*f)(uint32_t)");
  assert.equal(cDecl(fn(unary), "f", true), "uint32_t (*const f)(uint32_t)");
  assert.equal(cDecl(fn(maker), "g"), "uint32_t (*(*g)(bool))(uint32_t)");
  assert.equal(cDecl(fn(taker), "h"), "void (*h)(uint32_t (*)(uint32_t), uint32_t)");
  assert.equal(cDecl(fn({ params: [], ret: VOID }), "v"), "void (*v)(void)");
  const named: FnSig = { ...unary, name: "UnaryFn", cName: "m__UnaryFn" };
  assert.equal(cDecl(fn(named), "f", true), "const m__UnaryFn f");
  assert.equal(cDecl(fn({ params: [fn(named)], ret: U32 }), "k"), "uint32_t (*k)(m__UnaryFn)");
  assert.equal(tyName(fn(maker)), "(boolean) => (u32) => u32");
});

Deno.test("function types: the declarators are C that means what they say", async () => {
  const c = `#include <stdbool.h>
#include <stdint.h>
typedef uint32_t (*m__UnaryFn)(uint32_t);
static uint32_t id(uint32_t x) { return x; }
static uint32_t (*pick(bool b))(uint32_t) { (void)b; return id; }
static void take(uint32_t (*f)(uint32_t), uint32_t x) { (void)f(x); }
uint32_t run(void) {
  ${cDecl(fn(unary), "f", true)} = id;
  ${cDecl(fn(maker), "g", true)} = pick;
  ${cDecl(fn(taker), "h", true)} = take;
  ${cDecl(fn({ ...unary, cName: "m__UnaryFn" }), "n", true)} = g(true);
  h(f, 1);
  return n(f(2));
}
`;
  const tmp = Deno.makeTempDirSync({ prefix: "tsk_fnptr_" });
  try {
    Deno.writeTextFileSync(`${tmp}/t.c`, c);
    const out = await new Deno.Command(`${TOP}.toolchain/bin/zig`, {
      args: [
        "cc",
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-c",
        `${tmp}/t.c`,
        "-o",
        `${tmp}/t.o`,
      ],
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});

Deno.test("function types are structural; enums and instances are not confused", () => {
  const alias: FnSig = { ...unary, name: "A", cName: "m__A" };
  assert.ok(sigEq(unary, alias));
  assert.ok(tyEq(fn(unary), fn(alias)));
  assert.ok(!sigEq(unary, { params: [U32], ret: intTy("u64") }));
  assert.ok(!sigEq(unary, { params: [U32, U32], ret: U32 }));
  assert.ok(!sigEq(maker, { params: [BOOL], ret: fn({ params: [U32], ret: BOOL }) }));
  assert.equal(instanceKey([U32, BOOL, intTy("usize")]), "u32__bool__usize");
});
