// Marsaglia's xorshift32 (shifts 13, 17, 5): the deterministic pseudo-random numbers of the
// kernel's self-tests (kernel/mem/page_stress.ts, heap_stress.ts, kernel/selftest_heap_smp.ts)
// and of the benchmarks (bench/rng.ts re-exports it; bench/c/rng.h is its C twin), so that Deno,
// the transpiled C and the hand-written C make the same decisions for the same seed. A seed of 0
// is a fixed point; callers pass a non-zero seed.

import { u32 } from "./int.ts";

/** The next state of the xorshift32 generator after x (x !== 0). */
export function xorshift32(x: u32): u32 {
  let y = u32(x ^ (x << 13));
  y = u32(y ^ (y >>> 17));
  return u32(y ^ (y << 5));
}
