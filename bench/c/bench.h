/*
 * bench.h: the two halves of the speed benchmark, side by side.
 *
 * The bench_* functions are the TypeScript routines of the bench/ modules as the transpiler lowers them
 * (mangled names, usize and u64 as uint64_t); tools/bench.ts compiles the generated C with
 * `-include bench.h`, so a prototype here that disagrees with the generated one is a compile
 * error, not a silent mismatch. The c_* functions are their hand-written C twins in this folder,
 * which take pointers as a C programmer would. Each pair computes the same result from the same
 * inputs; harness.c checks that before it times them.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

/* ---- the transpiled TypeScript (bench/) ---- */
uint16_t bench_checksum__inetChecksum(uint64_t addr, uint64_t len);
uint32_t bench_crc32__crc32(uint64_t addr, uint64_t len);
void bench_copy__copyBytes(uint64_t dst, uint64_t src, uint64_t len);
void bench_copy__copyWords(uint64_t dst, uint64_t src, uint64_t len);
void bench_copy_mem__copyMem(uint64_t dst, uint64_t src, uint64_t len);
uint32_t bench_ring__ringBench(uint64_t base, uint32_t capacity, uint32_t rounds, uint32_t seed);
uint64_t bench_alloc__allocBench(uint64_t base, uint64_t blockSize, uint64_t count,
                                 uint64_t live, uint32_t rounds, uint32_t seed);

/* ---- the hand-written C ---- */
uint16_t c_inet_checksum(const void *buf, size_t len);
uint32_t c_crc32(const uint8_t *buf, size_t len);
void c_copy_bytes(void *dst, const void *src, size_t len);
void c_copy_words(void *dst, const void *src, size_t len);
void c_copy_mem(void *dst, const void *src, size_t len);
uint32_t c_ring_bench(uint32_t *slots, uint32_t capacity, uint32_t rounds, uint32_t seed);
uint64_t c_alloc_bench(void *base, size_t block_size, size_t count, void **live, uint32_t rounds,
                       uint32_t seed);

#endif /* BENCH_H */
