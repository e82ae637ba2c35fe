// The benchmarks behind `deno task bench [--section NAME]... [--reps N] [--verbose]`.
//
// A benchmark is a Section: a name and a run() that prints its own result lines. They run in the
// order of SECTIONS (later ones, e.g. malloc against a libc, the smallest RAM that boots, boot
// time, are new entries there); the run ends with `bench total: <s> s`. Timings are printed,
// never asserted: they are only meaningful on a quiet machine, and even there only as ratios.
//   speed      transpiled TypeScript against hand-written C (bench/): one hosted binary,
//              `zig cc -O2` with identical flags for both halves; bench/c/harness.c checks that
//              the halves agree and prints `<routine>: ts/c = <ratio>` (lower is better).
//   malloc     the kernel heap (kernel/mem/heap_core.ts, transpiled, via bench/malloc.ts)
//              against glibc's malloc/free on the same alloc/free workload (bench/c/malloc.c):
//              one binary linked against glibc (`zig cc -target <arch>-linux-gnu`, dynamic);
//              it checks that both halves compute the same digest, then prints
//              `malloc: tsuki/glibc = <ratio>` (median of interleaved pairs, lower is better);
//              --verbose adds the fastest ns per alloc+free of each half.
//   min-ram    the smallest `-m` (MiB) with which the default kernel image boots, per arch
//              (tools/bench_min_ram.ts): `min-ram <arch>: <N> MiB`.
//   boot       the default kernel's boot wall time against a floor kernel that only prints and
//              powers off (kernel/floor_main.ts), same QEMU flags, booted alternately, per arch
//              (tools/bench_boot.ts): `boot <arch>: tsuki/floor = <ratio>` (medians).
//   transpile  the wall time of `deno run -A transpiler/main.ts` on the kernel, per arch, as a
//              user runs it (Deno start-up and loading ts-morph included): informational.
// The speed binary is built for the machine it runs on (x86_64 or aarch64 Linux, musl, static)
// into build/bench/. bench/routines_test.ts builds it too, to check the halves agree with each
// other and with Deno; that part needs no quiet machine.

import { basename } from "node:path";
import { type Arch, isArch } from "./qemu.ts";
import { minRamSection } from "./bench_min_ram.ts";
import { bootSection } from "./bench_boot.ts";

export const ROOT: string = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const OUT = `${ROOT}/build/bench`;
const DENO = Deno.execPath();

/** What a section gets from the command line. */
export interface BenchOptions {
  /** Samples per half (speed); undefined: the harness's default. */
  reps?: number;
  verbose: boolean;
}

export interface Section {
  name: string;
  run(opts: BenchOptions): Promise<void>;
}

// ---- speed: transpiled TypeScript against hand-written C ----

/** The hand-written half and the harness (bench/c/). */
const C_SOURCES = ["checksum.c", "crc32.c", "copy.c", "ring.c", "alloc.c", "harness.c"];

/** The flags of both halves. -falign-loops=64 takes code placement out of the comparison: a
 *  tight loop that happens to straddle a fetch or uop-cache boundary can run 1.5x slower in one
 *  half only, which says nothing about the code the transpiler generates. */
export function speedCflags(arch: Arch): string[] {
  return [
    "-target",
    `${arch}-linux-musl`,
    "-std=gnu11",
    "-O2",
    "-falign-loops=64",
    "-Wall",
    "-Wextra",
    "-I",
    `${ROOT}/transpiler/runtime`,
    "-I",
    `${ROOT}/bench/c`,
  ];
}

/** The arch of this machine, which the speed binary is built for. */
export function hostArch(): Arch {
  const a = Deno.build.arch;
  if (!isArch(a) || Deno.build.os !== "linux") {
    throw new Error(`the speed bench runs on x86_64 or aarch64 Linux, not ${a} ${Deno.build.os}`);
  }
  return a;
}

async function run(cmd: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  const p = await new Deno.Command(cmd, { args, stdin: "null", stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { ok: p.success, out: dec.decode(p.stdout) + dec.decode(p.stderr) };
}

function zig(): string {
  const local = `${ROOT}/.toolchain/bin/zig`;
  try {
    Deno.statSync(local);
    return local;
  } catch {
    return "zig";
  }
}

/** Transpiles bench/mod.ts and builds the speed binary; returns its path. The generated C is
 *  compiled with `-include bench.h`, so its prototypes must match the harness's declarations. */
export async function buildSpeedBench(): Promise<string> {
  const arch = hostArch();
  await Deno.mkdir(OUT, { recursive: true });
  const { formatDiagnostics, transpile } = await import("../transpiler/mod.ts");
  const t = transpile({ root: ROOT, entry: "bench/mod.ts", arch });
  if (t.diagnostics.length > 0) {
    throw new Error(`transpiling bench/mod.ts failed:\n${formatDiagnostics(t.diagnostics)}`);
  }
  const generated = `${OUT}/bench_ts.c`;
  await Deno.writeTextFile(generated, t.c);
  const flags = speedCflags(arch);
  const units: [string, string[]][] = [
    [generated, ["-include", `${ROOT}/bench/c/bench.h`]],
    ...C_SOURCES.map((f): [string, string[]] => [`${ROOT}/bench/c/${f}`, []]),
  ];
  const objects = await Promise.all(units.map(async ([src, extra]) => {
    const obj = `${OUT}/${basename(src, ".c")}.o`;
    const r = await run(zig(), ["cc", ...flags, ...extra, "-c", src, "-o", obj]);
    if (!r.ok) throw new Error(`zig cc ${src} failed:\n${r.out}`);
    if (r.out.trim() !== "") console.error(r.out.trimEnd()); // warnings
    return obj;
  }));
  const exe = `${OUT}/speed`;
  const r = await run(zig(), ["cc", "-target", `${arch}-linux-musl`, "-o", exe, ...objects]);
  if (!r.ok) throw new Error(`linking ${exe} failed:\n${r.out}`);
  return exe;
}

const speed: Section = {
  name: "speed",
  async run(opts) {
    const exe = await buildSpeedBench();
    const args = [...(opts.reps ? ["--reps", String(opts.reps)] : [])];
    if (opts.verbose) args.push("--verbose");
    // The harness prints as it goes; a mismatch of the halves is its exit status 1.
    const status = await new Deno.Command(exe, { args, stdin: "null" }).spawn().status;
    if (!status.success) throw new Error(`${exe} failed (exit ${status.code})`);
  },
};

// ---- malloc: the kernel heap against glibc malloc/free ----

/** The flags of the malloc bench: the speed flags, but for glibc. The generated C's default page
 *  source functions ignore their parameters, hence -Wno-unused-parameter. */
export function mallocCflags(arch: Arch): string[] {
  return [
    ...speedCflags(arch).map((f) => f === `${arch}-linux-musl` ? `${arch}-linux-gnu` : f),
    "-Wno-unused-parameter",
  ];
}

/** Transpiles bench/malloc.ts (with the kernel heap) and links it with bench/c/malloc.c against
 *  glibc; returns the binary's path. */
export async function buildMallocBench(): Promise<string> {
  const arch = hostArch();
  await Deno.mkdir(OUT, { recursive: true });
  const { formatDiagnostics, transpile } = await import("../transpiler/mod.ts");
  const t = transpile({ root: ROOT, entry: "bench/malloc.ts", arch });
  if (t.diagnostics.length > 0) {
    throw new Error(`transpiling bench/malloc.ts failed:\n${formatDiagnostics(t.diagnostics)}`);
  }
  const generated = `${OUT}/malloc_ts.c`;
  await Deno.writeTextFile(generated, t.c);
  const flags = mallocCflags(arch);
  const objects = await Promise.all([generated, `${ROOT}/bench/c/malloc.c`].map(async (src) => {
    const obj = `${OUT}/${basename(src, ".c")}_${src === generated ? "ts" : "c"}.o`;
    const r = await run(zig(), ["cc", ...flags, "-c", src, "-o", obj]);
    if (!r.ok) throw new Error(`zig cc ${src} failed:\n${r.out}`);
    if (r.out.trim() !== "") console.error(r.out.trimEnd()); // warnings
    return obj;
  }));
  const exe = `${OUT}/malloc`;
  const r = await run(zig(), ["cc", "-target", `${arch}-linux-gnu`, "-o", exe, ...objects]);
  if (!r.ok) throw new Error(`linking ${exe} failed:\n${r.out}`);
  return exe;
}

const malloc: Section = {
  name: "malloc",
  async run(opts) {
    const exe = await buildMallocBench();
    const args = [...(opts.reps ? ["--reps", String(opts.reps)] : [])];
    if (opts.verbose) args.push("--verbose");
    // A digest mismatch of the halves is the binary's exit status 1.
    const status = await new Deno.Command(exe, { args, stdin: "null" }).spawn().status;
    if (!status.success) throw new Error(`${exe} failed (exit ${status.code})`);
  },
};

// ---- transpile: how long the transpiler takes on the kernel ----

const transpileTime: Section = {
  name: "transpile",
  async run() {
    await Deno.mkdir(OUT, { recursive: true });
    for (const arch of ["x86_64", "aarch64"] as Arch[]) {
      const t0 = performance.now();
      const r = await run(DENO, [
        "run",
        "-A",
        `${ROOT}/transpiler/main.ts`,
        "--arch",
        arch,
        "--root",
        ROOT,
        "--entry",
        "kernel/main.ts",
        "--out",
        `${OUT}/kernel_${arch}.c`,
      ]);
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(`transpiling the kernel for ${arch} failed:\n${r.out}`);
      console.log(`transpile kernel (${arch}): ${ms.toFixed(0)} ms`);
    }
  },
};

export const SECTIONS: Section[] = [speed, malloc, minRamSection, bootSection, transpileTime];

// ---- command line ----

const USAGE = `usage: deno task bench [--section NAME]... [--reps N] [--verbose]
sections: ${SECTIONS.map((s) => s.name).join(", ")} (default: all)`;

export function parseArgs(argv: string[]): { sections: Section[]; opts: BenchOptions } {
  const names: string[] = [];
  const opts: BenchOptions = { verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--verbose") opts.verbose = true;
    else if (a === "--section" && i + 1 < argv.length) names.push(argv[++i]);
    else if (a === "--reps" && i + 1 < argv.length) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 1001) throw new Error("--reps takes 1..1001");
      opts.reps = n;
    } else throw new Error(`unknown argument ${a}`);
  }
  const sections = names.length === 0 ? SECTIONS : names.map((n) => {
    const s = SECTIONS.find((x) => x.name === n);
    if (!s) throw new Error(`unknown section ${n}`);
    return s;
  });
  return { sections, opts };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(Deno.args);
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  let ok = true;
  for (const s of parsed.sections) {
    try {
      await s.run(parsed.opts);
    } catch (e) {
      ok = false;
      console.error(`bench: ${s.name}: ${(e as Error).message}`);
    }
  }
  console.log(`bench total: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
