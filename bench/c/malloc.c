/*
 * malloc.c: the malloc benchmark: the kernel heap, transpiled, against glibc's malloc/free.
 *
 * One process holds both halves: bench/malloc.ts and the kernel heap it drives, as the
 * transpiler lowers them (tools/bench.ts builds it with -include of the prototypes below), and
 * c_malloc_bench, the same workload on malloc/free. The binary is linked against glibc
 * (x86_64-linux-gnu / aarch64-linux-gnu), so malloc here is glibc's ptmalloc with its tcache;
 * main() refuses to run if gnu_get_libc_version() is missing (a musl link). The Tsuki heap gets
 * its pages from a 64 MiB anonymous mapping: raw addresses in the transpiled code are process
 * addresses (tsk_phys is at 0, transpiler/runtime/tsk_rt.h), so the region's address is passed
 * as is. Method (as bench/c/harness.c): verify that both halves give the same digest on a few
 * seeds and on the timed case (else exit 1), calibrate the calls per sample (about --ms ms of
 * glibc), then take --reps interleaved pairs, alternating which half goes first, and print
 * `malloc: tsuki/glibc = <median of the pair ratios>` (time ratio, lower is better); --verbose
 * adds the fastest ns per operation (an allocation and its free) of each half.
 */
#define _GNU_SOURCE
#include <gnu/libc-version.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "rng.h"
#include "tsk_rt.h"

/* ---- the transpiled TypeScript (bench/malloc.ts) ---- */
bool bench_malloc__mallocSetup(uint64_t base, uint64_t size);
uint64_t bench_malloc__mallocOps(void);
uint64_t bench_malloc__mallocBench(uint64_t live, uint64_t slots, uint32_t rounds, uint32_t seed);

_Noreturn void kernel_panic__panic(tsk_str msg) {
  fprintf(stderr, "malloc bench: kernel panic in transpiled code: %.*s\n", (int)msg.len,
          (const char *)msg.ptr);
  exit(2);
}

/* ---- the same workload on glibc ---- */

static uint64_t c_ops;

static uint64_t c_malloc_bench(uint32_t **live, size_t slots, uint32_t rounds, uint32_t seed) {
  memset(live, 0, slots * sizeof live[0]);
  uint32_t x = seed;
  uint64_t digest = 0, allocs = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    x = xorshift32(x);
    uint32_t **slot = &live[x % slots];
    if (*slot) {
      digest = digest * 31 + **slot;
      free(*slot);
    }
    size_t size = 16 + (x >> 8) % 497;
    uint32_t *b = malloc(size);
    allocs++;
    if (!b) {
      *slot = NULL;
      digest += 1;
    } else {
      *b = x;
      *slot = b;
      digest = digest * 31 + size;
    }
  }
  uint32_t **stack = live + slots;
  uint32_t bursts = rounds >> 6;
  for (uint32_t k = 0; k < bursts; k++) {
    x = xorshift32(x);
    size_t n = 8 + x % 57;
    for (size_t i = 0; i < n; i++) {
      x = xorshift32(x);
      size_t size = 16 + (x >> 8) % 497;
      uint32_t *b = malloc(size);
      allocs++;
      if (b) *b = x;
      stack[i] = b;
      digest = digest * 31 + size;
    }
    for (size_t i = n; i > 0; i--) {
      uint32_t *b = stack[i - 1];
      if (b) {
        digest = digest * 31 + *b;
        free(b);
      }
    }
  }
  for (size_t i = 0; i < slots; i++) {
    if (live[i]) {
      digest = digest * 31 + *live[i];
      free(live[i]);
    }
  }
  c_ops = allocs;
  return digest;
}

/* ---- the harness ---- */

enum { TS = 0, C = 1 };
#define REGION (64u << 20)
#define MAX_SLOTS 4096u

typedef struct Case {
  uint32_t slots, rounds, seed;
} Case;

static const Case CHECKS[] = {
    {1, 10, 1}, {16, 200, 2}, {100, 3000, 3}, {1000, 20000, 0xdeadbeefu}, {4000, 50000, 7},
};
static const Case TIMED = {2000, 20000, 42};

static uint32_t **live;
static volatile uint64_t sink;

static uint64_t run(int side, const Case *k) {
  if (side == TS) {
    return bench_malloc__mallocBench((uint64_t)(uintptr_t)live, k->slots, k->rounds, k->seed);
  }
  return c_malloc_bench(live, k->slots, k->rounds, k->seed);
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t sample(int side, uint64_t calls) {
  uint64_t t0 = now_ns();
  for (uint64_t i = 0; i < calls; i++) sink += run(side, &TIMED);
  return now_ns() - t0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

#define MAX_REPS 1001

int main(int argc, char **argv) {
  int verbose = 0, verify_only = 0;
  unsigned reps = 41, ms = 20;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--verbose") == 0) verbose = 1;
    else if (strcmp(argv[i], "--verify") == 0) verify_only = 1;
    else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) reps = (unsigned)atoi(argv[++i]);
    else if (strcmp(argv[i], "--ms") == 0 && i + 1 < argc) ms = (unsigned)atoi(argv[++i]);
    else {
      fprintf(stderr, "usage: malloc [--verify] [--reps N] [--ms N] [--verbose]\n");
      return 2;
    }
  }
  if (reps < 1 || reps > MAX_REPS || ms < 1) return 2;
  const char *libc = gnu_get_libc_version();
  void *region = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  live = malloc((MAX_SLOTS + 64) * sizeof live[0]);
  if (region == MAP_FAILED || !live) return 2;
  /* The page allocator wants 4 KiB alignment; mmap gives it. */
  if (!bench_malloc__mallocSetup((uint64_t)(uintptr_t)region, REGION)) {
    fprintf(stderr, "malloc bench: the page allocator found no page in the region\n");
    return 2;
  }

  for (size_t j = 0; j <= sizeof CHECKS / sizeof CHECKS[0]; j++) {
    const Case *k = j < sizeof CHECKS / sizeof CHECKS[0] ? &CHECKS[j] : &TIMED;
    uint64_t a = run(TS, k), b = run(C, k);
    if (a != b || a == 0 || bench_malloc__mallocOps() != c_ops) {
      fprintf(stderr, "malloc: MISMATCH on slots=%u rounds=%u seed=%u: tsuki=%llu glibc=%llu\n",
              k->slots, k->rounds, k->seed, (unsigned long long)a, (unsigned long long)b);
      return 1;
    }
  }
  if (verify_only) {
    printf("malloc: tsuki and glibc %s agree on %zu cases\n", libc,
           sizeof CHECKS / sizeof CHECKS[0] + 1);
    return 0;
  }

  static uint64_t t[2][MAX_REPS];
  static double ratio[MAX_REPS];
  uint64_t calls = 1;
  while (sample(C, calls) < (uint64_t)ms * 1000000u / 4) calls *= 2; /* also warms up */
  calls *= 4;
  sample(TS, calls);
  for (unsigned i = 0; i < reps; i++) {
    int first = (i % 2 == 0) ? TS : C;
    t[first][i] = sample(first, calls);
    t[!first][i] = sample(!first, calls);
    ratio[i] = (double)t[TS][i] / (double)t[C][i];
  }
  qsort(ratio, reps, sizeof ratio[0], cmp_double);
  double med = reps % 2 ? ratio[reps / 2] : (ratio[reps / 2 - 1] + ratio[reps / 2]) / 2;
  printf("malloc: tsuki/glibc = %.2f\n", med);
  if (verbose) {
    uint64_t min_ts = t[TS][0], min_c = t[C][0];
    for (unsigned i = 1; i < reps; i++) {
      if (t[TS][i] < min_ts) min_ts = t[TS][i];
      if (t[C][i] < min_c) min_c = t[C][i];
    }
    double per = (double)calls * (double)c_ops; /* operations (alloc + free) per sample */
    printf("  fastest per alloc+free: tsuki %.1f ns, glibc %s %.1f ns; pair ratios %.2f..%.2f; "
           "%u pairs x %llu calls x %llu ops\n",
           (double)min_ts / per, libc, (double)min_c / per, ratio[0], ratio[reps - 1], reps,
           (unsigned long long)calls, (unsigned long long)c_ops);
  }
  return 0;
}
