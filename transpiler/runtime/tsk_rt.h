/*
 * tsk_rt.h: the runtime glue included by the C that the Tsuki transpiler generates.
 *
 * Thin glue only, no kernel logic: the C types of the subset, the lowerings of the prelude
 * (kernel/int.ts wraps and helpers, kernel/intrinsics.ts hardware doors), and the runtime
 * checks of docs/SUBSET.md §3 and §7. Every function here gives the same result as the
 * TypeScript prelude under Deno, or panics where Deno throws. Invariants the generated code
 * relies on:
 *   - raw integer arithmetic is done by the generated code in uint32_t/uint64_t; the helpers
 *     here never have C undefined behaviour (no signed overflow, no division by zero, no shift
 *     count >= the width);
 *   - division helpers return the exact JS quotient (i32: as int64_t, so INT_MIN / -1 is 2^31);
 *   - a failed check calls kernel_panic__panic, which the kernel defines in kernel/panic.ts
 *     (`export function panic(msg: string): never`).
 * Port I/O exists on x86_64 only, PSCI and semihosting calls on aarch64 only (the transpiler
 * rejects the other arch's calls with TSK3002).
 */
#ifndef TSK_RT_H
#define TSK_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- strings: ASCII, never built at run time ---- */
typedef struct tsk_str {
  const uint8_t *ptr;
  uint64_t len;
} tsk_str;

#define TSK_STR_INIT(lit) { (const uint8_t *)(lit), sizeof(lit) - 1 }
#define TSK_STR(lit) ((tsk_str)TSK_STR_INIT(lit))

/* kernel/panic.ts: prints the message and powers off with a failure status. */
_Noreturn void kernel_panic__panic(tsk_str msg);
#define TSK_PANIC(lit) kernel_panic__panic(TSK_STR(lit))

/* ---- wraps (kernel/int.ts); the argument is computed in uint32_t or uint64_t ---- */
#define TSK_U8(x) ((uint8_t)(x))
#define TSK_U16(x) ((uint16_t)(x))
#define TSK_U32(x) ((uint32_t)(x))
#define TSK_I8(x) ((int8_t)(x))
#define TSK_I16(x) ((int16_t)(x))
#define TSK_I32(x) ((int32_t)(x))
#define TSK_U64(x) ((uint64_t)(x))
#define TSK_I64(x) ((int64_t)(x))

/* A 32-bit JS bitwise result (an int32) as the low bits of x, sign-extended to 64 bits. */
#define TSK_SX32(x) ((uint64_t)(int64_t)(int32_t)(uint32_t)(x))

#define TSK_USIZE_LIMIT 0x20000000000000ULL /* 2^53 */

/* usize(x): x in [0, 2^53), else panic (a negative value arrives as a huge uint64_t). */
static inline uint64_t tsk_usize(uint64_t x) {
  if (x >= TSK_USIZE_LIMIT) TSK_PANIC("usize out of range");
  return x;
}

/* A usize product, checked like the usize() that must wrap it. */
static inline uint64_t tsk_mul_usize(uint64_t a, uint64_t b) {
  uint64_t r;
  if (__builtin_mul_overflow(a, b, &r) || r >= TSK_USIZE_LIMIT) TSK_PANIC("usize out of range");
  return r;
}

/* ---- division and remainder: truncating, panic on a zero divisor ---- */
static inline uint32_t tsk_div_u32(uint32_t a, uint32_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  return a / b;
}
static inline uint32_t tsk_rem_u32(uint32_t a, uint32_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  return a % b;
}
static inline int64_t tsk_div_i32(int32_t a, int32_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  return (int64_t)a / b;
}
static inline int64_t tsk_rem_i32(int32_t a, int32_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  return (int64_t)a % b;
}
static inline uint64_t tsk_div_u64(uint64_t a, uint64_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  return a / b;
}
static inline uint64_t tsk_rem_u64(uint64_t a, uint64_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  return a % b;
}
/* i64: the quotient modulo 2^64 (INT64_MIN / -1 is 2^63, which i64() wraps to INT64_MIN). */
static inline uint64_t tsk_div_i64(int64_t a, int64_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  if (b == -1) return 0 - (uint64_t)a;
  return (uint64_t)(a / b);
}
static inline uint64_t tsk_rem_i64(int64_t a, int64_t b) {
  if (b == 0) TSK_PANIC("division by zero");
  if (b == -1) return 0;
  return (uint64_t)(a % b);
}

/* ---- 64-bit shifts: a count >= 64 gives 0, or the sign for an arithmetic shift ---- */
/* V8 (Deno) throws a RangeError when the exact result of a bigint `<<` would need more than 2^30
   bits; the C panics in exactly those cases, so a huge count fails in both worlds. */
#define TSK_BIGINT_MAX_BITS (1ULL << 30)
static inline uint64_t tsk_shl_big(uint64_t x, uint64_t magnitude, uint64_t n) {
  if (n < 64) return x << n;
  if (magnitude != 0 && n > TSK_BIGINT_MAX_BITS - (uint64_t)(64 - __builtin_clzll(magnitude)))
    TSK_PANIC("bigint too large");
  return 0;
}
static inline uint64_t tsk_shl_u64(uint64_t x, uint64_t n) {
  return tsk_shl_big(x, x, n);
}
static inline uint64_t tsk_shl_i64(int64_t x, uint64_t n) {
  return tsk_shl_big((uint64_t)x, x < 0 ? 0 - (uint64_t)x : (uint64_t)x, n);
}
static inline uint64_t tsk_shr_u64(uint64_t x, uint64_t n) {
  return n >= 64 ? 0 : x >> n;
}
static inline uint64_t tsk_sar_i64(int64_t x, uint64_t n) {
  if (n > 63) n = 63;
  return (uint64_t)(x < 0 ? ~(~x >> n) : x >> n);
}

/* ---- kernel/int.ts helpers ---- */
static inline uint32_t tsk_mul_u32(uint32_t a, uint32_t b) {
  return a * b;
}
static inline int32_t tsk_mul_i32(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a * (uint32_t)b);
}
/* align == 0 panics as in Deno (x % 0 is NaN, which usize() rejects). */
static inline uint64_t tsk_align_up(uint64_t x, uint64_t align) {
  if (align == 0) TSK_PANIC("usize out of range");
  uint64_t r = x % align;
  return tsk_usize(r == 0 ? x : x + (align - r));
}
static inline uint64_t tsk_align_down(uint64_t x, uint64_t align) {
  if (align == 0) TSK_PANIC("usize out of range");
  return x - x % align;
}

/* ---- strings ---- */
/* s.charCodeAt(i): out of range is NaN in Deno, which every wrap rejects. */
static inline uint32_t tsk_str_at(tsk_str s, uint64_t i) {
  if (i >= s.len) TSK_PANIC("string index out of range");
  return s.ptr[i];
}

/* ---- raw memory (unsafe): plain accesses the compiler may combine or reorder ---- */
static inline uint8_t tsk_load8(uint64_t a) { return *(const uint8_t *)(uintptr_t)a; }
static inline uint16_t tsk_load16(uint64_t a) { return *(const uint16_t *)(uintptr_t)a; }
static inline uint32_t tsk_load32(uint64_t a) { return *(const uint32_t *)(uintptr_t)a; }
static inline uint64_t tsk_load64(uint64_t a) { return *(const uint64_t *)(uintptr_t)a; }
static inline void tsk_store8(uint64_t a, uint8_t v) { *(uint8_t *)(uintptr_t)a = v; }
static inline void tsk_store16(uint64_t a, uint16_t v) { *(uint16_t *)(uintptr_t)a = v; }
static inline void tsk_store32(uint64_t a, uint32_t v) { *(uint32_t *)(uintptr_t)a = v; }
static inline void tsk_store64(uint64_t a, uint64_t v) { *(uint64_t *)(uintptr_t)a = v; }

/* ---- MMIO (unsafe): volatile, and a compiler barrier so memory accesses stay in order ---- */
#define TSK_BARRIER() __asm__ volatile("" ::: "memory")
#define TSK_MMIO_READ(bits)                                              \
  static inline uint##bits##_t tsk_mmio_read##bits(uint64_t a) {         \
    TSK_BARRIER();                                                       \
    uint##bits##_t v = *(volatile const uint##bits##_t *)(uintptr_t)a;   \
    TSK_BARRIER();                                                       \
    return v;                                                            \
  }
#define TSK_MMIO_WRITE(bits)                                             \
  static inline void tsk_mmio_write##bits(uint64_t a, uint##bits##_t v) { \
    TSK_BARRIER();                                                       \
    *(volatile uint##bits##_t *)(uintptr_t)a = v;                        \
    TSK_BARRIER();                                                       \
  }
TSK_MMIO_READ(8)
TSK_MMIO_READ(16)
TSK_MMIO_READ(32)
TSK_MMIO_READ(64)
TSK_MMIO_WRITE(8)
TSK_MMIO_WRITE(16)
TSK_MMIO_WRITE(32)
TSK_MMIO_WRITE(64)

/* ---- CPU (safe) and firmware (unsafe) ---- */
#define tsk_unreachable() __builtin_trap()

#if defined(__x86_64__)
static inline void tsk_halt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void tsk_cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }

static inline void tsk_outb(uint16_t port, uint8_t v) {
  __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}
static inline void tsk_outw(uint16_t port, uint16_t v) {
  __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port) : "memory");
}
static inline void tsk_outl(uint16_t port, uint32_t v) {
  __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}
static inline uint8_t tsk_inb(uint16_t port) {
  uint8_t v;
  __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
  return v;
}
static inline uint16_t tsk_inw(uint16_t port) {
  uint16_t v;
  __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
  return v;
}
static inline uint32_t tsk_inl(uint16_t port) {
  uint32_t v;
  __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
  return v;
}

#elif defined(__aarch64__)
static inline void tsk_halt(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void tsk_cpu_relax(void) { __asm__ volatile("yield" ::: "memory"); }

/* PSCI through the SMC Calling Convention: function id in w0, arguments in x1..x3, result in
   x0; x4..x17 may be clobbered by the firmware (SMCCC v1.0). */
static inline uint64_t tsk_psci_call(uint32_t fn, uint64_t a, uint64_t b, uint64_t c) {
  register uint64_t x0 __asm__("x0") = fn;
  register uint64_t x1 __asm__("x1") = a;
  register uint64_t x2 __asm__("x2") = b;
  register uint64_t x3 __asm__("x3") = c;
  __asm__ volatile("hvc #0"
                   : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                   :
                   : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
                     "x15", "x16", "x17", "memory");
  return x0;
}

/* Semihosting (Arm semihosting spec, A64): operation in w0, parameter block in x1, result in
   x0. */
static inline uint64_t tsk_semihost_call(uint32_t op, uint64_t arg) {
  register uint64_t x0 __asm__("x0") = op;
  register uint64_t x1 __asm__("x1") = arg;
  __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
  return x0;
}

/* Semihosting SYS_EXIT (0x18): in A64 its argument is the address of a two-doubleword block
   {reason = ADP_Stopped_ApplicationExit (0x20026), subcode = exit status}. */
static inline void tsk_semihost_exit(uint32_t status) {
  static uint64_t block[2];
  block[0] = 0x20026;
  block[1] = status;
  tsk_semihost_call(0x18, (uint64_t)(uintptr_t)block);
}

#else
#error "tsk_rt.h: unsupported architecture (x86_64 and aarch64 only)"
#endif

#endif /* TSK_RT_H */
