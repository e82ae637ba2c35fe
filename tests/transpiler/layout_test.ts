// The layout algorithm exists twice, in kernel/layout.ts (Deno's views) and in
// transpiler/layout_model.ts (the C structs and their _Static_asserts), because the transpiler
// never imports kernel code. These tests check that the two agree: on many generated field
// lists, and on the layouts of golden/layouts.ts, whose every offset, size and alignment the
// generated C asserts (and golden_test.ts compiles that C, so the C compiler agrees too).

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { computeLayout as kernelLayout, type Layout } from "../../kernel/layout.ts";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";
import { computeLayout as transpilerLayout } from "../../transpiler/layout_model.ts";

const TOP = fileURLToPath(new URL("../../", import.meta.url));
const GOLDEN = TOP + "tests/transpiler/golden/";

/** A small deterministic PRNG (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

Deno.test("layout: the kernel's and the transpiler's algorithms agree", () => {
  const next = rng(0x7a5c);
  const aligns = [1, 2, 4, 8];
  for (let n = 0; n < 500; n++) {
    const fields = Array.from({ length: 1 + next() % 8 }, () => {
      const align = aligns[next() % 4];
      return { size: align * (1 + next() % 5), align };
    });
    for (const packed of [false, true]) {
      const k = kernelLayout(fields, packed);
      assert.deepEqual(transpilerLayout(fields, packed), k, JSON.stringify({ fields, packed }));
      assert.equal(k.size % k.align, 0);
    }
  }
});

Deno.test("layout: golden/layouts.ts asserts in C what Deno's views use", async () => {
  const { c, diagnostics } = transpile({
    root: GOLDEN,
    entry: "layouts.ts",
    arch: "x86_64",
    prelude: TOP + "kernel",
  });
  assert.deepEqual(diagnostics.map(formatDiagnostic), []);
  const mod = await import(GOLDEN + "layouts.ts") as Record<string, unknown>;
  let checked = 0;
  const asserts = c.matchAll(
    /_Static_assert\((offsetof|sizeof|_Alignof)\(struct layouts__(\w+)(?:, (\w+))?\) == (\d+)/g,
  );
  for (const [, what, name, field, value] of asserts) {
    // deno-lint-ignore no-explicit-any
    const lay = mod[name] as Layout<string, any>;
    const deno = what === "offsetof"
      ? lay.offsetOf(field)
      : what === "sizeof"
      ? lay.size
      : lay.align;
    assert.equal(deno, Number(value), `${what} ${name} ${field ?? ""}`);
    checked++;
  }
  assert.ok(checked >= 30, `only ${checked} asserts`);
});
