// The benchmarks' pseudo-random numbers: the kernel's xorshift32 (kernel/xorshift.ts).
//
// The workloads of bench/ draw their alloc/free and push/pop decisions from this generator, so
// the transpiled TypeScript, the hand-written C (bench/c/rng.h, the same three lines) and the
// Deno run of the same TypeScript all make the same decisions for the same seed.

export { xorshift32 } from "../kernel/xorshift.ts";
