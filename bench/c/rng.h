/* rng.h: xorshift32 (Marsaglia; shifts 13, 17, 5), the twin of bench/rng.ts. */
#ifndef BENCH_RNG_H
#define BENCH_RNG_H

#include <stdint.h>

static inline uint32_t xorshift32(uint32_t x) {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

#endif /* BENCH_RNG_H */
