// The differential fuzzer in CI: 300 random programs (seeds 0..299, tests/diff/gen/), each run
// under Deno and as hosted C on x86_64 (-O2, -O0) and aarch64 (-O2, qemu-aarch64), three batches
// of 100 programs compiled as one C file per configuration (tests/diff/fuzz.ts). Every program
// must pass the transpiler with no diagnostic (else the generator has a bug) and print the same
// text in every world. `deno task fuzz-transpiler --seeds N --start S` runs more.

import assert from "node:assert/strict";
import { fuzz } from "./fuzz.ts";
import { TOP } from "./hosted.ts";

const SEEDS = 300;

Deno.test(`fuzz: ${SEEDS} random programs agree in Deno and C`, async () => {
  // A folder of this run's own (another test run may be going on), kept only on failure.
  Deno.mkdirSync(TOP + "build/fuzz", { recursive: true });
  const dir = Deno.makeTempDirSync({ dir: TOP + "build/fuzz", prefix: "ci_" }) + "/";
  const r = await fuzz({ start: 0, seeds: SEEDS, dir });
  assert.deepEqual(r.rejected, [], `programs the transpiler rejected (generator bugs), in ${dir}`);
  assert.deepEqual(r.disagreements, [], `disagreeing seeds (programs in ${dir}fail/)`);
  assert.equal(r.programs, SEEDS);
  assert.ok(r.panics < SEEDS / 5, `${r.panics} programs panicked: the generator is too risky`);
  Deno.removeSync(dir, { recursive: true });
});
