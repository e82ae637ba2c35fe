// The benchmarks' pseudo-random numbers: Marsaglia's xorshift32 (shifts 13, 17, 5).
//
// The workloads of bench/ draw their alloc/free and push/pop decisions from this generator, so
// the transpiled TypeScript, the hand-written C (bench/c/rng.h, the same three lines) and the
// Deno run of the same TypeScript all make the same decisions for the same seed. A seed of 0 is
// a fixed point; callers pass a non-zero seed.

import { u32 } from "../kernel/int.ts";

/** The next state of the xorshift32 generator after x (x !== 0). */
export function xorshift32(x: u32): u32 {
  let y = u32(x ^ (x << 13));
  y = u32(y ^ (y >>> 17));
  return u32(y ^ (y << 5));
}
