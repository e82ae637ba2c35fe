/*
 * harness.c: the speed benchmark's driver: transpiled TypeScript against hand-written C.
 *
 * One hosted binary holds both halves (bench.h): the C that the transpiler made of bench/ modules
 * and the twins in this folder, compiled with the same flags. For each routine the harness
 *   1. verifies: runs both halves on every case of the routine's check list and on the timed
 *      case, from identical inputs in the same buffers, and compares their results (a return
 *      value, or a hash of the bytes a copy wrote); one mismatch stops the run with status 1;
 *   2. times: calibrates how many calls of the timed case make one sample (about --ms
 *      milliseconds of the C half), then takes --reps samples of each half, interleaved and
 *      alternating which goes first (TS C C TS TS C ...), with clock_gettime(CLOCK_MONOTONIC);
 *   3. prints `<name>: ts/c = <ratio>`, the median over the pairs of adjacent samples of
 *      ts time / c time. A pair runs within a few milliseconds, so a shared machine's slow
 *      drifts (other load, frequency changes) cancel in its ratio, and the median drops the
 *      pairs that a burst of noise hit; --verbose adds the fastest samples and the spread.
 * `--results` prints every check case with both results instead, for bench/routines_test.ts,
 * which recomputes them under Deno. Results go to a volatile sink so no call can be dropped.
 * Invariants: inputs are a function of the case only (xorshift32 fills); both halves see the
 * same addresses; nothing here is timed but the calls themselves.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "rng.h"
#include "tsk_rt.h"

/* The transpiled runtime checks call this; the benchmark must never fail one. Weak, in case the
   transpiled modules ever bring the kernel's own panic. */
__attribute__((weak)) _Noreturn void kernel_panic__panic(tsk_str msg) {
  fprintf(stderr, "bench: kernel panic in transpiled code: %.*s\n", (int)msg.len,
          (const char *)msg.ptr);
  exit(2);
}

enum { TS = 0, C = 1 };

/* The parameters of one call; each routine reads the fields it needs. */
typedef struct Case {
  uint32_t seed;
  uint32_t len;    /* bytes of input (checksum, crc32, copies) */
  uint32_t soff;   /* offset of the input in src (alignment) */
  uint32_t doff;   /* offset of the output in dst (copies) */
  uint32_t arg;    /* ring capacity, or pool block size */
  uint32_t count;  /* pool blocks */
  uint32_t rounds; /* ring or pool operations */
} Case;

#define BUF_BYTES (256u * 1024u)
static uint8_t *src, *dst, *work, *live;
static volatile uint64_t sink;

static uint64_t addr(const void *p) { return (uint64_t)(uintptr_t)p; }

/* Fills n bytes with the high bytes of a xorshift32 sequence from seed (bench/routines_test.ts
   generates the same bytes). */
static void fill(uint8_t *p, size_t n, uint32_t seed) {
  uint32_t x = seed;
  for (size_t i = 0; i < n; i++) {
    x = xorshift32(x);
    p[i] = (uint8_t)(x >> 24);
  }
}

/* FNV-1a, 32 bits: the result of a copy is the hash of the bytes around its destination. */
static uint32_t fnv1a(const uint8_t *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

/* ---- the routines: prepare (untimed), run (timed), result (untimed) ---- */

static void prep_input(const Case *k) { fill(src, (size_t)k->soff + k->len, k->seed); }

static uint64_t run_checksum(int side, const Case *k) {
  if (side == TS) return bench_checksum__inetChecksum(addr(src + k->soff), k->len);
  return c_inet_checksum(src + k->soff, k->len);
}

static uint64_t run_crc32(int side, const Case *k) {
  if (side == TS) return bench_crc32__crc32(addr(src + k->soff), k->len);
  return c_crc32(src + k->soff, k->len);
}

/* The copies write len bytes at dst + doff; the 32 bytes after them must stay 0xa5. */
static void prep_copy(const Case *k) {
  prep_input(k);
  memset(dst, 0xa5, (size_t)k->doff + k->len + 32);
}

static uint64_t run_copy_bytes(int side, const Case *k) {
  if (side == TS) bench_copy__copyBytes(addr(dst + k->doff), addr(src + k->soff), k->len);
  else c_copy_bytes(dst + k->doff, src + k->soff, k->len);
  return 0;
}

static uint64_t run_copy_words(int side, const Case *k) {
  if (side == TS) bench_copy__copyWords(addr(dst + k->doff), addr(src + k->soff), k->len);
  else c_copy_words(dst + k->doff, src + k->soff, k->len);
  return 0;
}

static uint64_t run_copy_mem(int side, const Case *k) {
  if (side == TS) bench_copy_mem__copyMem(addr(dst + k->doff), addr(src + k->soff), k->len);
  else c_copy_mem(dst + k->doff, src + k->soff, k->len);
  return 0;
}

static uint64_t result_copy(const Case *k, uint64_t ret) {
  (void)ret;
  return fnv1a(dst, (size_t)k->doff + k->len + 32);
}

static uint64_t run_ring(int side, const Case *k) {
  if (side == TS) return bench_ring__ringBench(addr(work), k->arg, k->rounds, k->seed);
  return c_ring_bench((uint32_t *)work, k->arg, k->rounds, k->seed);
}

static uint64_t run_alloc(int side, const Case *k) {
  if (side == TS) {
    return bench_alloc__allocBench(addr(work), k->arg, k->count, addr(live), k->rounds, k->seed);
  }
  return c_alloc_bench(work, k->arg, k->count, (void **)live, k->rounds, k->seed);
}

typedef struct Routine {
  const char *name;
  void (*prepare)(const Case *k);
  uint64_t (*run)(int side, const Case *k);
  uint64_t (*result)(const Case *k, uint64_t ret); /* NULL: the return value */
  Case timed;
  const Case *checks;
  size_t nchecks;
} Routine;

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Check cases stay small: bench/routines_test.ts recomputes each one under Deno. */
static const Case BYTES_CHECKS[] = {
    {.seed = 1, .len = 0},           {.seed = 2, .len = 1},
    {.seed = 3, .len = 2},           {.seed = 4, .len = 3, .soff = 1},
    {.seed = 5, .len = 7, .soff = 3}, {.seed = 6, .len = 64},
    {.seed = 7, .len = 1001, .soff = 1}, {.seed = 0x9e3779b9u, .len = 1500, .soff = 2},
};
static const Case COPY_CHECKS[] = {
    {.seed = 1, .len = 0},
    {.seed = 2, .len = 1, .doff = 3},
    {.seed = 3, .len = 7, .soff = 1, .doff = 2},
    {.seed = 4, .len = 8},
    {.seed = 5, .len = 9, .soff = 5},
    {.seed = 6, .len = 100, .soff = 3, .doff = 7},
    {.seed = 7, .len = 1027, .doff = 1},
};
static const Case RING_CHECKS[] = {
    {.seed = 1, .arg = 1, .rounds = 10},     {.seed = 2, .arg = 16, .rounds = 100},
    {.seed = 3, .arg = 64, .rounds = 300},   {.seed = 0xdeadbeefu, .arg = 256, .rounds = 500},
};
static const Case ALLOC_CHECKS[] = {
    {.seed = 1, .arg = 16, .count = 1, .rounds = 10},
    {.seed = 2, .arg = 16, .count = 4, .rounds = 100},
    {.seed = 3, .arg = 64, .count = 32, .rounds = 300},
    {.seed = 0xdeadbeefu, .arg = 48, .count = 100, .rounds = 600},
};

static const Routine ROUTINES[] = {
    {"checksum", prep_input, run_checksum, NULL, {.seed = 11, .len = 16384},
     BYTES_CHECKS, N(BYTES_CHECKS)},
    {"crc32", prep_input, run_crc32, NULL, {.seed = 12, .len = 4096},
     BYTES_CHECKS, N(BYTES_CHECKS)},
    {"copy_bytes", prep_copy, run_copy_bytes, result_copy, {.seed = 13, .len = 4099},
     COPY_CHECKS, N(COPY_CHECKS)},
    {"copy_words", prep_copy, run_copy_words, result_copy, {.seed = 14, .len = 4099},
     COPY_CHECKS, N(COPY_CHECKS)},
    {"copy_mem", prep_copy, run_copy_mem, result_copy, {.seed = 17, .len = 4099},
     COPY_CHECKS, N(COPY_CHECKS)},
    {"ring", NULL, run_ring, NULL, {.seed = 15, .arg = 256, .rounds = 2000},
     RING_CHECKS, N(RING_CHECKS)},
    {"alloc", NULL, run_alloc, NULL, {.seed = 16, .arg = 64, .count = 256, .rounds = 2000},
     ALLOC_CHECKS, N(ALLOC_CHECKS)},
};

/* One side's result for a case, from freshly prepared inputs. */
static uint64_t outcome(const Routine *r, int side, const Case *k) {
  if (r->prepare) r->prepare(k);
  uint64_t ret = r->run(side, k);
  return r->result ? r->result(k, ret) : ret;
}

static void describe(char *out, size_t size, const Case *k) {
  snprintf(out, size, "seed=%u len=%u soff=%u doff=%u arg=%u count=%u rounds=%u", k->seed, k->len,
           k->soff, k->doff, k->arg, k->count, k->rounds);
}

/* Prints `<name> <case>: ts=X c=Y` per case; true if every pair agrees. */
static int print_results(void) {
  int ok = 1;
  char text[160];
  for (size_t i = 0; i < N(ROUTINES); i++) {
    const Routine *r = &ROUTINES[i];
    for (size_t j = 0; j < r->nchecks; j++) {
      uint64_t a = outcome(r, TS, &r->checks[j]), b = outcome(r, C, &r->checks[j]);
      describe(text, sizeof text, &r->checks[j]);
      printf("%s %s: ts=%llu c=%llu\n", r->name, text, (unsigned long long)a,
             (unsigned long long)b);
      ok &= a == b;
    }
  }
  return ok;
}

/* Compares both halves on the check cases and the timed case; reports the first mismatch. */
static int verify(const Routine *r) {
  char text[160];
  for (size_t j = 0; j <= r->nchecks; j++) {
    const Case *k = j < r->nchecks ? &r->checks[j] : &r->timed;
    uint64_t a = outcome(r, TS, k), b = outcome(r, C, k);
    if (a != b) {
      describe(text, sizeof text, k);
      fprintf(stderr, "%s: MISMATCH on %s: ts=%llu c=%llu\n", r->name, text,
              (unsigned long long)a, (unsigned long long)b);
      return 0;
    }
  }
  return 1;
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Nanoseconds for calls calls of one side on the timed case. */
static uint64_t sample(const Routine *r, int side, uint64_t calls) {
  uint64_t t0 = now_ns();
  for (uint64_t i = 0; i < calls; i++) sink += r->run(side, &r->timed);
  return now_ns() - t0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, size_t n) {
  qsort(v, n, sizeof v[0], cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t minimum(const uint64_t *v, size_t n) {
  uint64_t m = v[0];
  for (size_t i = 1; i < n; i++) m = v[i] < m ? v[i] : m;
  return m;
}

#define MAX_REPS 1001

static void time_routine(const Routine *r, unsigned reps, unsigned ms, int verbose) {
  static uint64_t t[2][MAX_REPS];
  static double ratio[MAX_REPS];
  if (r->prepare) r->prepare(&r->timed);
  uint64_t calls = 1;
  while (sample(r, C, calls) < (uint64_t)ms * 1000000u / 4) calls *= 2; /* also warms up */
  calls *= 4;
  sample(r, TS, calls);
  for (unsigned i = 0; i < reps; i++) {
    int first = (i % 2 == 0) ? TS : C;
    t[first][i] = sample(r, first, calls);
    t[!first][i] = sample(r, !first, calls);
    ratio[i] = (double)t[TS][i] / (double)t[C][i];
  }
  printf("%s: ts/c = %.2f\n", r->name, median(ratio, reps));
  if (verbose) {
    uint64_t min_ts = minimum(t[TS], reps), min_c = minimum(t[C], reps);
    printf("  fastest ts %.2f us, c %.2f us per call (ratio %.2f); pair ratios %.2f..%.2f; "
           "%u pairs x %llu calls\n",
           (double)min_ts / (double)calls / 1e3, (double)min_c / (double)calls / 1e3,
           (double)min_ts / (double)min_c, ratio[0], ratio[reps - 1], reps,
           (unsigned long long)calls);
  }
  fflush(stdout);
}

static void usage(void) {
  fprintf(stderr, "usage: bench [--results | --verify] [--reps N] [--ms N] [--only NAME] "
                  "[--verbose]\n");
  exit(2);
}

int main(int argc, char **argv) {
  int results = 0, verify_only = 0, verbose = 0;
  unsigned reps = 41, ms = 2;
  const char *only = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--results") == 0) results = 1;
    else if (strcmp(argv[i], "--verify") == 0) verify_only = 1;
    else if (strcmp(argv[i], "--verbose") == 0) verbose = 1;
    else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) reps = (unsigned)atoi(argv[++i]);
    else if (strcmp(argv[i], "--ms") == 0 && i + 1 < argc) ms = (unsigned)atoi(argv[++i]);
    else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
    else usage();
  }
  if (reps < 1 || reps > MAX_REPS || ms < 1) usage();
  src = aligned_alloc(4096, BUF_BYTES);
  dst = aligned_alloc(4096, BUF_BYTES);
  work = aligned_alloc(4096, BUF_BYTES);
  live = aligned_alloc(4096, BUF_BYTES);
  if (!src || !dst || !work || !live) return 2;
  if (results) return print_results() ? 0 : 1;

  int ran = 0;
  for (size_t i = 0; i < N(ROUTINES); i++) {
    const Routine *r = &ROUTINES[i];
    if (only && strcmp(only, r->name) != 0) continue;
    ran = 1;
    if (!verify(r)) return 1;
    if (verify_only) printf("%s: ts and c agree on %zu cases\n", r->name, r->nchecks + 1);
    else time_routine(r, reps, ms, verbose);
  }
  if (!ran) usage();
  return 0;
}
