// Differential tests of the corpus: every tests/diff/cases/NAME.ts runs five times, under Deno
// and as hosted C (x86_64 natively, aarch64 under qemu-aarch64, each at -O0 and -O2, UBSan in
// trap mode), and the five stdouts and exit statuses must be byte-identical. A case exports
// `main(): void`; it prints through tests/diff/lib/out.ts and ends with status 0, or panics
// (status 101 after a `panic: <msg>` line) — only where its header says `// @panics <msg>`, so
// a case cannot end early by accident. All cases are compiled into one binary per
// configuration (hosted.ts, mode "exit"), which runs the case named by its argument. Cases keep
// their inputs in module-level lets (so lint's prefer-const is off in them): the C compiler must
// assume a global may change, so even at -O2 the operations run on unknown values instead of
// being folded at compile time (a fold would test clang, not the transpiled C).

import assert from "node:assert/strict";
import {
  ALL_CONFIGS,
  compile,
  type Config,
  configName,
  execute,
  harness,
  PANIC_EXIT,
  pool,
  type Program,
  TOP,
  transpileHosted,
} from "./hosted.ts";
import { capture, loadMain } from "./run_deno.ts";

const CASES = "tests/diff/cases/";

const programs: Program[] = [...Deno.readDirSync(TOP + CASES)]
  .filter((e) => e.isFile && e.name.endsWith(".ts"))
  .map((e) => e.name.slice(0, -3))
  .sort()
  .map((name) => ({ name, path: `${CASES}${name}.ts` }));

let built: Promise<Map<Config, string>> | undefined;

/** Transpiles the corpus once and compiles it for every configuration (two at a time). */
function build(): Promise<Map<Config, string>> {
  built ??= (async () => {
    // A folder of this run's own (another test run may be going on), removed at exit.
    Deno.mkdirSync(TOP + "build/diff", { recursive: true });
    const out = Deno.makeTempDirSync({ dir: TOP + "build/diff", prefix: "corpus_" }) + "/";
    globalThis.addEventListener("unload", () => Deno.removeSync(out, { recursive: true }));
    const cFile = out + "corpus.c";
    Deno.writeTextFileSync(cFile, harness(programs, transpileHosted(programs), "exit"));
    const exes = await pool(ALL_CONFIGS, 2, (c) => compile(cFile, c, out + configName(c)));
    return new Map(ALL_CONFIGS.map((c, i) => [c, exes[i]]));
  })();
  return built;
}

/** The message a case's header promises it panics with, if any. */
function expectedPanic(source: string): string | null {
  return source.match(/^\/\/ @panics (.+)$/m)?.[1] ?? null;
}

/** The first line where two outputs differ, for the failure message. */
function firstDifference(a: string, b: string): string {
  const al = a.split("\n"), bl = b.split("\n");
  const i = al.findIndex((l, j) => l !== bl[j]);
  const at = i < 0 ? al.length : i;
  return `line ${at + 1}: Deno ${JSON.stringify(al[at])}, C ${JSON.stringify(bl[at])}`;
}

Deno.test("diff: the corpus has a case for each part of the subset", () => {
  assert.ok(programs.length >= 15, `only ${programs.length} cases`);
});

for (const p of programs) {
  Deno.test(`diff: ${p.name}`, async () => {
    const exes = await build();
    const want = capture(await loadMain(TOP + p.path));
    const panics = expectedPanic(Deno.readTextFileSync(TOP + p.path));
    assert.ok(want.stdout.split("\n").length > 2, "a case prints at least two lines");
    if (panics === null) assert.equal(want.status, 0, `unexpected end:\n${want.stdout}`);
    else {
      assert.equal(want.status, PANIC_EXIT);
      assert.ok(want.stdout.endsWith(`panic: ${panics}\n`), want.stdout.slice(-200));
    }
    const got = await pool(ALL_CONFIGS, 2, (c) => execute(exes.get(c)!, c.target, [p.name]));
    ALL_CONFIGS.forEach((c, i) => {
      const g = got[i];
      const where = `${p.name} on ${configName(c)}`;
      assert.ok(g.stdout === want.stdout, `${where}: ${firstDifference(want.stdout, g.stdout)}`);
      assert.equal(g.status, want.status, `${where}: exit status`);
    });
  });
}
