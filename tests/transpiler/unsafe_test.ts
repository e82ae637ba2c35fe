// Unsafe confinement (docs/SUBSET.md §7, "Unsafe modules"): the prelude table of
// transpiler/intrinsics.ts (its `unsafe` flags and UNSAFE_METHODS) is the one classification of
// unsafe operations, and it covers kernel/intrinsics.ts completely. Every exported function of
// kernel/intrinsics.ts is in the table or deliberately Deno-only; every table function is unsafe
// except a short, reviewed list; and, generated from the table itself (so operations added later
// are covered without new fixtures), every unsafe intrinsic, raw-memory slice constructor and
// unsafe layout method used in an ordinary module is TSK3001 while a "use unsafe" module may use
// it. An intrinsic may not escape its check by being used as a value.

import assert from "node:assert/strict";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type PreludeFn, preludeName, UNSAFE_METHODS } from "../../transpiler/intrinsics.ts";
import { type Diagnostic, formatDiagnostic, transpile } from "../../transpiler/mod.ts";
import type { PreludeModule } from "../../transpiler/program.ts";
import { ts } from "../../transpiler/tsapi.ts";
import { tyName } from "../../transpiler/types.ts";

const KERNEL = fileURLToPath(new URL("../../kernel/", import.meta.url));

/** Intrinsics any module may call: they touch no memory and no device. Adding one is a
 *  decision about the kernel's safety; say why here. */
const SAFE = new Map([
  ["halt", "stops the CPU until an interrupt; no state"],
  ["cpuRelax", "a spin-wait hint (pause / yield)"],
  ["unreachable", "traps; the same as a failed check"],
  ["debugPutByte", "hosted builds only: writes stdout of the test process"],
  ["fenceFull", "orders this CPU's accesses; reads or writes no memory itself"],
  ["fenceAcquire", "orders this CPU's accesses; reads or writes no memory itself"],
  ["fenceRelease", "orders this CPU's accesses; reads or writes no memory itself"],
]);

/** Exports of kernel/intrinsics.ts that exist only for Deno (the simulated machine). */
const DENO_ONLY = new Set(["machine"]);

/** The exported function names of a prelude module, read from its source. */
function exportedFunctions(file: string): string[] {
  const text = Deno.readTextFileSync(file);
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  for (const st of sf.statements) {
    const exported = ts.getModifiers(st as ts.HasModifiers)?.some((m) =>
      m.kind === ts.SyntaxKind.ExportKeyword
    );
    if (exported && ts.isFunctionDeclaration(st) && st.name) out.push(st.name.text);
    if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && !DENO_ONLY.has(d.name.text)) out.push(d.name.text);
      }
    }
  }
  return out;
}

/** The exports of kernel/intrinsics.ts with their table entries; the unsafe address wrap
 *  addr() (R-UNSAFE-4) is lowered like a wrap and has its TSK3001 case in errors/rules_unsafe.ts. */
const INTRINSICS: [string, PreludeFn | "unsafe wrap"][] = exportedFunctions(
  KERNEL + "intrinsics.ts",
).map((name) => {
  const p = preludeName("intrinsics", name);
  if (p?.tag === "wrap" && p.unchecked) return [name, "unsafe wrap"];
  return [name, p?.tag === "fn" ? p.fn : undefined!];
});

/** Every table function of the prelude modules that have intrinsics (hardware, raw slices). */
const TABLE_FNS: { module: PreludeModule; name: string; fn: PreludeFn }[] = [];
for (const module of ["intrinsics", "array"] as const) {
  for (const name of exportedFunctions(`${KERNEL}${module}.ts`)) {
    const p = preludeName(module, name);
    if (p?.tag === "fn") TABLE_FNS.push({ module, name, fn: p.fn });
  }
}

Deno.test("every export of kernel/intrinsics.ts has an entry in the prelude table", () => {
  const missing = INTRINSICS.filter(([, f]) => f === undefined).map(([n]) => n);
  assert.deepEqual(missing, [], `not in transpiler/intrinsics.ts (nor DENO_ONLY): ${missing}`);
  assert.ok(INTRINSICS.length >= 28, `only ${INTRINSICS.length} intrinsics found`);
});

Deno.test("every intrinsic is unsafe except the reviewed safe ones", () => {
  const safe = TABLE_FNS.filter((t) => !t.fn.unsafe).map((t) => t.name);
  const unreviewed = safe.filter((n) => !SAFE.has(n));
  assert.deepEqual(unreviewed, [], `a safe intrinsic needs a reason in SAFE: ${unreviewed}`);
  assert.ok(safe.includes("halt") && !safe.includes("load8"));
  assert.ok(TABLE_FNS.some((t) => t.module === "array" && t.fn.unsafe), "raw slices are unsafe");
});

/** A call of a table function with zero arguments of its parameter kinds. */
function callOf(name: string, f: PreludeFn): string {
  return `${name}(${f.params.map((k) => `${k}(0)`).join(", ")});`;
}

const UNSAFE = TABLE_FNS.filter((t) => t.fn.unsafe);
const FIRST_BODY_LINE = 8;

/** Transpiles one generated module for x86_64, returning its diagnostics. It imports the wraps,
 *  the given prelude names and a layout `L`; body lines start at FIRST_BODY_LINE. */
function build(unsafe: boolean, fns: typeof TABLE_FNS, body: string[]): Diagnostic[] {
  const root = Deno.makeTempDirSync({ prefix: "tsk_unsafe_" });
  const rel = relative(root, KERNEL);
  const kinds = ["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize"];
  const names = (m: string) => fns.filter((t) => t.module === m).map((t) => t.name).join(", ");
  const text = [
    unsafe ? '"use unsafe";' : "// an ordinary module",
    `import { ${kinds.join(", ")} } from "${rel}/int.ts";`,
    `import { ${names("intrinsics")} } from "${rel}/intrinsics.ts";`,
    `import { ${names("array")} } from "${rel}/array.ts";`,
    `import { layout, type LayoutOf } from "${rel}/layout.ts";`,
    'export const L = layout("L", { a: "u32", b: "u32" });',
    "export function f(): void {",
    ...body.map((l) => "  " + l),
    "}",
  ].join("\n") + "\n";
  try {
    Deno.writeTextFileSync(`${root}/m.ts`, text);
    return transpile({ root, entry: "m.ts", arch: "x86_64", prelude: KERNEL }).diagnostics;
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** Unsafe operations that are methods of prelude data (layouts), with a call of each. */
const METHOD_CALLS: Record<string, Record<string, string>> = { layout: { at: "L.at(usize(0));" } };

Deno.test("every unsafe method of prelude data has a generated case here", () => {
  const have = Object.entries(METHOD_CALLS).flatMap(([k, ms]) => Object.keys(ms).map((m) => k + m));
  const want = Object.entries(UNSAFE_METHODS).flatMap(([k, ms]) => [...ms].map((m) => k + m));
  assert.deepEqual(have.sort(), want.sort());
});

Deno.test('each unsafe operation is TSK3001 outside a "use unsafe" module, and only there', () => {
  const calls = [
    ...UNSAFE.map((t) => callOf(t.name, t.fn)),
    ...Object.values(METHOD_CALLS).flatMap((ms) => Object.values(ms)),
  ];
  assert.ok(calls.length >= 30, `only ${calls.length} unsafe operations`);
  for (const unsafe of [false, true]) {
    const diags = build(unsafe, UNSAFE, calls);
    const other = diags.filter((d) => d.code !== "TSK3001" && d.code !== "TSK3002");
    const text = other.map(formatDiagnostic).join("\n");
    assert.equal(text, "", "the generated calls are well-formed");
    const flagged = diags.filter((d) => d.code === "TSK3001").map((d) => d.line);
    const want = unsafe ? [] : calls.map((_, i) => FIRST_BODY_LINE + i);
    assert.deepEqual(flagged, want, unsafe ? "unsafe module" : "ordinary module");
  }
});

Deno.test("an unsafe intrinsic used as a value, not called, is an error in any module", () => {
  const uses = UNSAFE.map(({ name, fn }, i) =>
    `const g${i}: (${fn.params.map((k, j) => `a${j}: ${k}`).join(", ")}) => ${tyName(fn.ret)} = ` +
    `${name};`
  );
  for (const unsafe of [false, true]) {
    const lines = new Set(build(unsafe, UNSAFE, uses).map((d) => d.line));
    const accepted = UNSAFE.filter((_, i) => !lines.has(FIRST_BODY_LINE + i)).map((t) => t.name);
    assert.deepEqual(accepted, [], `intrinsics accepted as values (unsafe: ${unsafe})`);
  }
});

Deno.test("addr() is usize() without the C range check of the wrap itself (R-UNSAFE-4)", () => {
  const root = Deno.makeTempDirSync({ prefix: "tsk_addr_" });
  const rel = relative(root, KERNEL);
  const text = [
    '"use unsafe";',
    `import { usize } from "${rel}/int.ts";`,
    `import { addr } from "${rel}/intrinsics.ts";`,
    "export class T {",
    "  base: usize = usize(0);",
    "}",
    "export function viaAddr(t: T, i: usize): usize {",
    "  return addr(t.base + i * 4);",
    "}",
    "export function viaUsize(t: T, i: usize): usize {",
    "  return usize(t.base + i * 4);",
    "}",
  ].join("\n") + "\n";
  try {
    Deno.writeTextFileSync(`${root}/m.ts`, text);
    const t = transpile({ root, entry: "m.ts", arch: "x86_64", prelude: KERNEL });
    assert.equal(t.diagnostics.map(formatDiagnostic).join("\n"), "");
    const body = (name: string) => {
      const m = t.c.match(new RegExp(`uint64_t m__${name}\\([^)]*\\) \\{([^}]*)\\}`));
      assert.ok(m, `no C function for ${name}`);
      return m[1];
    };
    assert.doesNotMatch(body("viaAddr"), /tsk_usize\(/, "addr() keeps no range check");
    assert.match(body("viaAddr"), /tsk_mul_usize\(/, "the product inside stays checked");
    assert.match(body("viaUsize"), /tsk_usize\(/, "usize() keeps its check");
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
