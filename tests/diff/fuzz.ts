// Differential fuzzing: random programs (gen/program.ts) run under Deno and as hosted C, and
// every execution must print the same text.
//
// Seeds are cut into batches; each batch is written to <dir>/batch_<first seed>/p<seed>.ts,
// transpiled into one hosted C file (hosted.ts, mode "batch": each program's main runs in turn
// and a panic ends only that program) and compiled once per configuration. A program the
// transpiler rejects is a generator bug: it is counted apart and the batch is transpiled again
// without it. The C output is split at the `== p<seed>` lines and each program's part compared
// with its Deno run; a crash (UBSan's SIGILL, say) loses the rest of the run, which resumes
// after the crashed program. A disagreement is reported by seed and saved, with every output,
// under <dir>/fail/<seed>/; a batch's folder is removed once compared (unless the generator
// failed: its programs stay for a look).

import { relative } from "node:path";
import { generateProgram } from "./gen/program.ts";
import {
  compile,
  type Config,
  configName,
  execute,
  harness,
  pool,
  type Program,
  TOP,
  transpileHosted,
} from "./hosted.ts";
import { capture, loadMain } from "./run_deno.ts";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";

/** The configurations the fuzzer runs by default (the corpus runs all four). */
export const FUZZ_CONFIGS: Config[] = [
  { target: "x86_64", opt: "-O2" },
  { target: "x86_64", opt: "-O0" },
  { target: "aarch64", opt: "-O2" },
];

export interface FuzzOptions {
  start: number;
  seeds: number;
  /** Where programs and failures go (absolute, ending in `/`). */
  dir: string;
  configs?: Config[];
  batchSize?: number;
  log?: (line: string) => void;
}

export interface FuzzResult {
  programs: number;
  disagreements: number[];
  /** Seeds whose program the transpiler rejected (generator bugs). */
  rejected: number[];
  /** Programs that ended in a panic (the same in every world). */
  panics: number;
}

/** Writes the programs of a batch; returns them. */
function writeBatch(dir: string, seeds: number[]): Program[] {
  Deno.mkdirSync(dir, { recursive: true });
  const paths = {
    int: relative(dir, TOP + "kernel/int.ts"),
    array: relative(dir, TOP + "kernel/array.ts"),
    intrinsics: relative(dir, TOP + "kernel/intrinsics.ts"),
    out: relative(dir, TOP + "tests/diff/lib/out.ts"),
  };
  return seeds.map((seed) => {
    const file = `${dir}p${seed}.ts`;
    Deno.writeTextFileSync(file, generateProgram(seed, paths));
    return { name: `p${seed}`, path: file.slice(TOP.length) };
  });
}

/** Transpiles a batch, dropping (and returning) the programs with diagnostics. */
function transpileBatch(programs: Program[], log: (s: string) => void): {
  c: string;
  kept: Program[];
  rejected: Program[];
} {
  let kept = programs;
  const rejected: Program[] = [];
  while (kept.length > 0) {
    try {
      return { c: transpileHosted(kept), kept, rejected };
    } catch {
      const [first, ...rest] = kept.map((p) => p.path);
      const { diagnostics } = transpile({
        root: TOP,
        entry: first,
        extraEntries: rest,
        arch: "x86_64",
        hosted: true,
      });
      const bad = new Set(diagnostics.map((d) => d.path));
      for (const d of diagnostics.slice(0, 5)) log(`generator bug: ${formatDiagnostic(d)}`);
      const now = kept.filter((p) => bad.has(p.path));
      if (now.length === 0) throw new Error("diagnostics outside the generated programs");
      rejected.push(...now);
      kept = kept.filter((p) => !bad.has(p.path));
    }
  }
  return { c: "", kept, rejected };
}

/** Splits a batch run's stdout into each program's part (the text after its `== name` line). */
function sections(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  const lines = stdout.split("\n");
  lines.forEach((line, i) => {
    if (line.startsWith("== ")) {
      current = line.slice(3);
      out.set(current, "");
    } else if (current !== null) {
      const end = i < lines.length - 1 ? "\n" : ""; // the last piece has no newline
      out.set(current, out.get(current) + line + end);
    }
  });
  return out;
}

/** Runs a batch executable to the end, resuming after any crash. */
async function runBatch(exe: string, config: Config, programs: Program[]) {
  const got = new Map<string, string>();
  let from = 0;
  while (from < programs.length) {
    const r = await execute(exe, config.target, [String(from)]);
    const parts = sections(r.stdout);
    for (const [name, text] of parts) got.set(name, text);
    if (r.status === 0) break;
    const last = [...parts.keys()].pop();
    const index = programs.findIndex((p) => p.name === last);
    got.set(last ?? programs[from].name, (parts.get(last ?? "") ?? "") + `[exit ${r.status}]\n`);
    from = Math.max(index, from) + 1;
  }
  return got;
}

/** Runs the differential fuzzer over seeds [start, start + seeds). */
export async function fuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const configs = opts.configs ?? FUZZ_CONFIGS;
  const log = opts.log ?? (() => {});
  const size = opts.batchSize ?? 100;
  const result: FuzzResult = { programs: 0, disagreements: [], rejected: [], panics: 0 };
  for (let b = opts.start; b < opts.start + opts.seeds; b += size) {
    const seeds = Array.from(
      { length: Math.min(size, opts.start + opts.seeds - b) },
      (_, i) => b + i,
    );
    const dir = `${opts.dir}batch_${b}/`;
    const written = writeBatch(dir, seeds);
    let t = performance.now();
    const lap = () => {
      const ms = performance.now() - t;
      t = performance.now();
      return `${(ms / 1000).toFixed(1)} s`;
    };
    const { c, kept, rejected } = transpileBatch(written, log);
    const times = [`transpile ${lap()}`];
    result.rejected.push(...rejected.map((p) => Number(p.name.slice(1))));
    if (kept.length === 0) continue;
    Deno.writeTextFileSync(`${dir}batch.c`, harness(kept, c, "batch"));
    const exes = await pool(
      configs,
      2,
      (cf) => compile(`${dir}batch.c`, cf, `${dir}${configName(cf)}`, false),
    );
    times.push(`compile ${lap()}`);
    const runs = await pool(configs, 2, (cf) => runBatch(exes[configs.indexOf(cf)], cf, kept));
    times.push(`run ${lap()}`);
    for (const p of kept) {
      const want = capture(await loadMain(TOP + p.path));
      if (want.status !== 0) result.panics++;
      const bad = configs.filter((_, i) => runs[i].get(p.name) !== want.stdout);
      result.programs++;
      if (bad.length === 0) continue;
      const seed = Number(p.name.slice(1));
      result.disagreements.push(seed);
      const fail = `${opts.dir}fail/${seed}/`;
      Deno.mkdirSync(fail, { recursive: true });
      Deno.copyFileSync(TOP + p.path, `${fail}program.ts`);
      Deno.writeTextFileSync(`${fail}deno.txt`, want.stdout);
      configs.forEach((cf, i) => {
        Deno.writeTextFileSync(
          `${fail}${configName(cf)}.txt`,
          runs[i].get(p.name) ?? "[no output]\n",
        );
      });
      log(`disagreement: seed ${seed} (${bad.map(configName).join(", ")}), saved in ${fail}`);
    }
    times.push(`deno ${lap()}`);
    log(`seeds ${b}..${seeds[seeds.length - 1]}: ${times.join(", ")}`);
    if (result.rejected.length === 0) Deno.removeSync(dir, { recursive: true });
  }
  return result;
}
