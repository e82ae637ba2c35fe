/* ring.c: a ring buffer of u32 items with free-running head and tail counters, the twin of
   bench/ring.ts (same workload, same digest). */
#include <stdbool.h>

#include "bench.h"
#include "rng.h"

struct ring {
  uint32_t *slots;
  uint32_t mask;
  uint32_t head;
  uint32_t tail;
};

static struct ring ring;

static void ring_init(struct ring *r, uint32_t *slots, uint32_t capacity) {
  r->slots = slots;
  r->mask = capacity - 1;
  r->head = 0;
  r->tail = 0;
}

static uint32_t ring_count(const struct ring *r) { return r->tail - r->head; }

static bool ring_push(struct ring *r, uint32_t v) {
  if (r->tail - r->head > r->mask) return false;
  r->slots[r->tail & r->mask] = v;
  r->tail++;
  return true;
}

static uint32_t ring_pop(struct ring *r) {
  uint32_t v = r->slots[r->head & r->mask];
  r->head++;
  return v;
}

uint32_t c_ring_bench(uint32_t *slots, uint32_t capacity, uint32_t rounds, uint32_t seed) {
  ring_init(&ring, slots, capacity);
  uint32_t x = seed, next = 1, digest = 0;
  for (uint32_t i = 0; i < rounds; i++) {
    x = xorshift32(x);
    uint32_t pushes = x & 63;
    for (uint32_t k = 0; k < pushes; k++) {
      if (!ring_push(&ring, next)) break;
      next++;
    }
    uint32_t pops = (x >> 8) & 63;
    for (uint32_t k = 0; k < pops; k++) {
      if (ring_count(&ring) == 0) break;
      digest = digest * 31 + ring_pop(&ring);
    }
  }
  return digest + ring_count(&ring);
}
