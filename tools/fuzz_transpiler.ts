// Differential fuzzing of the transpiler from the command line:
//   deno task fuzz-transpiler --seeds N [--start S] [--batch B] [--all-configs]
// Generates the random programs of seeds S .. S+N-1 (tests/diff/gen/), runs each under Deno and
// as hosted C — by default x86_64 at -O2 and -O0 and aarch64 at -O2 under qemu-aarch64
// (--all-configs adds aarch64 -O0) — and compares the outputs (tests/diff/fuzz.ts). Programs
// and failures go to build/fuzz/; a disagreement prints its seed. Ends with the line
// `N programs, N disagreements`; the exit status is 1 if there was a disagreement or a program
// the transpiler rejected (a generator bug), else 0.

import { fuzz, FUZZ_CONFIGS } from "../tests/diff/fuzz.ts";
import { ALL_CONFIGS, TOP } from "../tests/diff/hosted.ts";

const USAGE = "usage: fuzz_transpiler.ts --seeds N [--start S] [--batch B] [--all-configs]";

function parse(
  args: string[],
): { seeds: number; start: number; batch: number; all: boolean } | null {
  const opts = { seeds: NaN, start: 0, batch: 100, all: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--all-configs") opts.all = true;
    else if (a === "--seeds" || a === "--start" || a === "--batch") {
      const v = Number(args[++i]);
      if (!Number.isSafeInteger(v) || v < 0) return null;
      opts[a.slice(2) as "seeds" | "start" | "batch"] = v;
    } else return null;
  }
  return Number.isNaN(opts.seeds) || opts.batch < 1 ? null : opts;
}

async function main(): Promise<number> {
  const opts = parse(Deno.args);
  if (!opts) {
    console.error(USAGE);
    return 2;
  }
  const t0 = performance.now();
  const r = await fuzz({
    start: opts.start,
    seeds: opts.seeds,
    dir: TOP + "build/fuzz/",
    configs: opts.all ? ALL_CONFIGS : FUZZ_CONFIGS,
    batchSize: opts.batch,
    log: (line) => console.log(line),
  });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${r.panics} programs panicked (alike in every world); ${secs} s`);
  if (r.rejected.length > 0) {
    console.log(
      `${r.rejected.length} programs rejected by the transpiler (generator bugs): ` +
        `seeds ${r.rejected.join(", ")}`,
    );
  }
  if (r.disagreements.length > 0) console.log(`disagreeing seeds: ${r.disagreements.join(", ")}`);
  console.log(`${r.programs} programs, ${r.disagreements.length} disagreements`);
  return r.disagreements.length > 0 || r.rejected.length > 0 ? 1 : 0;
}

Deno.exit(await main());
