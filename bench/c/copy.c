/* copy.c: byte and word copy loops, the twins of bench/copy.ts (forward copies; the ranges
   never overlap in the benchmark), and memmove, the twin of bench/copy_mem.ts's memCopy. */
#include <string.h>

#include "bench.h"

void c_copy_bytes(void *dst, const void *src, size_t len) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  for (size_t i = 0; i < len; i++) d[i] = s[i];
}

void c_copy_words(void *dst, const void *src, size_t len) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  size_t words = len - len % 8;
  size_t i = 0;
  for (; i < words; i += 8) *(uint64_t *)(d + i) = *(const uint64_t *)(s + i);
  for (; i < len; i++) d[i] = s[i];
}

void c_copy_mem(void *dst, const void *src, size_t len) { memmove(dst, src, len); }
