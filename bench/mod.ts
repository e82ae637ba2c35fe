// The benchmark routines in the kernel subset: the entry that tools/bench.ts transpiles.
//
// Each routine here has a hand-written C twin in bench/c/ that computes the same result;
// bench/c/harness.c checks that they agree and then times them against each other (docs in
// tools/bench.ts). The routines take the addresses of buffers that the C harness allocates.

export { allocBench } from "./alloc.ts";
export { inetChecksum } from "./checksum.ts";
export { copyBytes, copyWords } from "./copy.ts";
export { copyMem } from "./copy_mem.ts";
export { crc32 } from "./crc32.ts";
export { ringBench } from "./ring.ts";
