/* alloc.c: a fixed-size block allocator (a LIFO free list threaded through the free blocks),
   the twin of bench/alloc.ts (same workload, same digest). */
#include "bench.h"
#include "rng.h"

struct pool {
  void *head;
};

static struct pool pool;

static void pool_init(struct pool *p, void *base, size_t block_size, size_t count) {
  p->head = NULL;
  for (size_t i = count; i > 0; i--) {
    void **b = (void **)((uint8_t *)base + (i - 1) * block_size);
    *b = p->head;
    p->head = b;
  }
}

static void *pool_alloc(struct pool *p) {
  void **b = p->head;
  if (b == NULL) return NULL;
  p->head = *b;
  return b;
}

static void pool_free(struct pool *p, void *b) {
  *(void **)b = p->head;
  p->head = b;
}

uint64_t c_alloc_bench(void *base, size_t block_size, size_t count, void **live, uint32_t rounds,
                       uint32_t seed) {
  pool_init(&pool, base, block_size, count);
  size_t n = 0;
  uint32_t x = seed;
  uint64_t digest = 0;
  for (uint32_t i = 0; i < rounds; i++) {
    x = xorshift32(x);
    uint8_t *b = NULL;
    if ((x & 1) == 0 || n == 0) b = pool_alloc(&pool);
    if (b != NULL) {
      *(uint32_t *)(b + 8) = x;
      live[n++] = b;
      digest = digest * 31 + (uint64_t)(b - (uint8_t *)base);
    } else if (n > 0) {
      size_t j = (x >> 1) % n;
      uint8_t *victim = live[j];
      digest = digest * 31 + *(uint32_t *)(victim + 8);
      live[j] = live[--n];
      pool_free(&pool, victim);
    } else {
      digest += 1;
    }
  }
  return digest + n;
}
