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
 * rejects the other arch's calls with TSK3002). A hosted build (TSK_HOSTED: a Linux process,
 * tests/diff/) adds debugPutByte (putchar), makes halt return at once and unreachable panic,
 * as under Deno.
 * Panic messages are the texts of kernel/int.ts's CheckFailure (and of the bigint RangeErrors
 * V8 throws), so both worlds print the same `panic: <msg>` line (tests/diff/).
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

/* A number-domain result that JS computes as NaN (every wrap rejects it) or as ±Infinity. */
#define TSK_MSG_NAN "not a number: x % 0, 0 / 0 or a string index out of range"
#define TSK_MSG_DIV0 "division by zero"
/* x / 0 in the number domain: 0 / 0 is NaN in JS, any other x / 0 is ±Infinity. */
#define TSK_PANIC_DIV0(a) ((a) == 0 ? TSK_PANIC(TSK_MSG_NAN) : TSK_PANIC(TSK_MSG_DIV0))

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

/* A usize parameter is below 2^53: every usize value of the kernel passed a check (or is a
   literal) before it was passed, and callers outside the kernel (the entry glue, a hosted
   harness) must keep to the type as well. Telling the compiler lets it drop the checks that
   follow from it, e.g. usize(i + 1) when i < n for a parameter n. */
#if defined(__clang__)
#define TSK_ASSUME_USIZE(x) __builtin_assume((x) < TSK_USIZE_LIMIT)
#else
#define TSK_ASSUME_USIZE(x) ((x) < TSK_USIZE_LIMIT ? (void)0 : __builtin_unreachable())
#endif

/* A usize product, checked like the usize() that must wrap it. */
static inline uint64_t tsk_mul_usize(uint64_t a, uint64_t b) {
  uint64_t r;
  if (__builtin_mul_overflow(a, b, &r) || r >= TSK_USIZE_LIMIT) TSK_PANIC("usize out of range");
  return r;
}

/* ---- division and remainder: truncating, panic on a zero divisor ---- */
/* ≤ 32-bit kinds and usize are JS numbers: x / 0 is ±Infinity or NaN, x % 0 is NaN. */
static inline uint32_t tsk_div_u32(uint32_t a, uint32_t b) {
  if (b == 0) TSK_PANIC_DIV0(a);
  return a / b;
}
static inline uint32_t tsk_rem_u32(uint32_t a, uint32_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_NAN);
  return a % b;
}
static inline int64_t tsk_div_i32(int32_t a, int32_t b) {
  if (b == 0) TSK_PANIC_DIV0(a);
  return (int64_t)a / b;
}
static inline int64_t tsk_rem_i32(int32_t a, int32_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_NAN);
  return (int64_t)a % b;
}
static inline uint64_t tsk_div_usize(uint64_t a, uint64_t b) {
  if (b == 0) TSK_PANIC_DIV0(a);
  return a / b;
}
static inline uint64_t tsk_rem_usize(uint64_t a, uint64_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_NAN);
  return a % b;
}
/* u64 and i64 are bigints: V8 throws RangeError "Division by zero". */
static inline uint64_t tsk_div_u64(uint64_t a, uint64_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_DIV0);
  return a / b;
}
static inline uint64_t tsk_rem_u64(uint64_t a, uint64_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_DIV0);
  return a % b;
}
/* i64: the quotient modulo 2^64 (INT64_MIN / -1 is 2^63, which i64() wraps to INT64_MIN). */
static inline uint64_t tsk_div_i64(int64_t a, int64_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_DIV0);
  if (b == -1) return 0 - (uint64_t)a;
  return (uint64_t)(a / b);
}
static inline uint64_t tsk_rem_i64(int64_t a, int64_t b) {
  if (b == 0) TSK_PANIC(TSK_MSG_DIV0);
  if (b == -1) return 0;
  return (uint64_t)(a % b);
}

/* ---- 64-bit shifts: a count >= 64 gives 0, or the sign for an arithmetic shift ---- */
/* V8 (Deno) throws a RangeError when the exact result of a bigint `<<` would need more than 2^30
   bits; the C panics in exactly those cases, so a huge count fails in both worlds (tests/diff
   prints V8's "Maximum BigInt size exceeded" as this message). */
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
  if (align == 0) TSK_PANIC(TSK_MSG_NAN);
  uint64_t r = x % align;
  return tsk_usize(r == 0 ? x : x + (align - r));
}
static inline uint64_t tsk_align_down(uint64_t x, uint64_t align) {
  if (align == 0) TSK_PANIC(TSK_MSG_NAN);
  return x - x % align;
}

/* ---- strings ---- */
/* s.charCodeAt(i): out of range is NaN in Deno, which every wrap rejects. */
static inline uint32_t tsk_str_at(tsk_str s, uint64_t i) {
  if (i >= s.len) TSK_PANIC(TSK_MSG_NAN);
  return s.ptr[i];
}

/* ---- raw memory (unsafe): plain accesses the compiler may combine or reorder ---- */
/* Raw memory is one C object, tsk_phys: an absolute symbol at address 0 (a local one, defined in
   each translation unit that includes this header), and the address a is the offset a in it.
   Under Deno raw memory is the simulated machine's RAM, which no kernel global or struct can be
   part of; deriving every raw pointer from tsk_phys tells the C compiler the same, so a raw store
   never forces a kernel global or struct field to be reloaded, and the compiler can reason about
   raw addresses (range checks, vectorisation) as it does about pointers into an array. The
   accesses go through may_alias types: raw accesses of different widths to the same bytes must
   see each other (store16 then load32), as they do under Deno. Invariant this relies on: no
   kernel construct gives the address of a kernel global or struct as an integer. Pointer
   arithmetic on tsk_phys is exempt from UBSan's pointer-overflow check (its base is null). */
typedef uint16_t __attribute__((may_alias, aligned(1))) tsk_raw16;
typedef uint32_t __attribute__((may_alias, aligned(1))) tsk_raw32;
typedef uint64_t __attribute__((may_alias, aligned(1))) tsk_raw64;
extern uint8_t tsk_phys[];
__asm__(".set tsk_phys, 0");
#define TSK_RAW __attribute__((no_sanitize("pointer-overflow"))) static inline
TSK_RAW uint8_t tsk_load8(uint64_t a) { return tsk_phys[a]; }
TSK_RAW uint16_t tsk_load16(uint64_t a) { return *(const tsk_raw16 *)(tsk_phys + a); }
TSK_RAW uint32_t tsk_load32(uint64_t a) { return *(const tsk_raw32 *)(tsk_phys + a); }
TSK_RAW uint64_t tsk_load64(uint64_t a) { return *(const tsk_raw64 *)(tsk_phys + a); }
TSK_RAW void tsk_store8(uint64_t a, uint8_t v) { tsk_phys[a] = v; }
TSK_RAW void tsk_store16(uint64_t a, uint16_t v) { *(tsk_raw16 *)(tsk_phys + a) = v; }
TSK_RAW void tsk_store32(uint64_t a, uint32_t v) { *(tsk_raw32 *)(tsk_phys + a) = v; }
TSK_RAW void tsk_store64(uint64_t a, uint64_t v) { *(tsk_raw64 *)(tsk_phys + a) = v; }

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

/* ---- arrays and slices (docs/SUBSET.md §9): bounds-checked unless TSK_NO_BOUNDS_CHECKS ---- */
/* An index i of an array or slice of length n: 0 <= i < n, else panic (as Deno's
   CheckFailure). -DTSK_NO_BOUNDS_CHECKS compiles the checks out (then an index out of range is
   undefined behaviour); no build of the project defines it. */
static inline uint64_t tsk_index(uint64_t i, uint64_t n) {
#ifndef TSK_NO_BOUNDS_CHECKS
  if (i >= n) TSK_PANIC("index out of range");
#else
  (void)n;
#endif
  return i;
}
/* A sub-range [a, b) of n elements: a <= b <= n, else panic. */
static inline void tsk_range(uint64_t a, uint64_t b, uint64_t n) {
#ifndef TSK_NO_BOUNDS_CHECKS
  if (a > b || b > n) TSK_PANIC("index out of range");
#else
  (void)a, (void)b, (void)n;
#endif
}
/* Sets the n elements of array a to v (v is evaluated once). */
#define TSK_ARRAY_FILL(a, n, v)                                              \
  do {                                                                       \
    __typeof__((a)[0]) tsk_fill_ = (v);                                      \
    for (uint64_t tsk_i_ = 0; tsk_i_ < (uint64_t)(n); tsk_i_++) (a)[tsk_i_] = tsk_fill_; \
  } while (0)
/* tsk_slice_<E>: {ptr, len} over elements of type T, and its checked operations. The element
   type is may_alias: a slice of raw memory (bytesAt, a layout's array field) must see the other
   raw accesses of different widths to the same bytes, as under Deno, with strict aliasing on. */
#define TSK_SLICE(E, T)                                                                       \
  typedef T __attribute__((may_alias)) tsk_elem_##E;                                          \
  typedef struct tsk_slice_##E {                                                              \
    tsk_elem_##E *ptr;                                                                        \
    uint64_t len;                                                                             \
  } tsk_slice_##E;                                                                            \
  static inline T tsk_slice_##E##_get(tsk_slice_##E s, uint64_t i) {                          \
    return s.ptr[tsk_index(i, s.len)];                                                        \
  }                                                                                           \
  static inline void tsk_slice_##E##_set(tsk_slice_##E s, uint64_t i, T v) {                  \
    s.ptr[tsk_index(i, s.len)] = v;                                                           \
  }                                                                                           \
  static inline tsk_slice_##E tsk_slice_##E##_sub(tsk_slice_##E s, uint64_t a, uint64_t b) {  \
    tsk_range(a, b, s.len);                                                                   \
    return (tsk_slice_##E){s.ptr + a, b - a};                                                 \
  }                                                                                           \
  static inline tsk_slice_##E tsk_slice_##E##_of(T *p, uint64_t n, uint64_t a, uint64_t b) {  \
    tsk_range(a, b, n);                                                                       \
    return (tsk_slice_##E){p + a, b - a};                                                     \
  }
TSK_SLICE(u8, uint8_t)
TSK_SLICE(u16, uint16_t)
TSK_SLICE(u32, uint32_t)
TSK_SLICE(u64, uint64_t)
TSK_SLICE(i8, int8_t)
TSK_SLICE(i16, int16_t)
TSK_SLICE(i32, int32_t)
TSK_SLICE(i64, int64_t)
TSK_SLICE(usize, uint64_t)
TSK_SLICE(bool, bool)

/* ---- raw memory views (unsafe): layouts (§5.2), memory slices (§9), atomics (§10) ---- */
/* An address that must be a multiple of align (a power of two), else panic: a misaligned
   struct, slice element or atomic access would be undefined behaviour (and faults on aarch64). */
static inline uint64_t tsk_aligned(uint64_t a, uint64_t align) {
  if (a & (align - 1)) TSK_PANIC("misaligned address");
  return a;
}
#define tsk_layout_at(a, align) ((void *)(uintptr_t)tsk_aligned((a), (align)))
static inline tsk_slice_u8 tsk_bytes_at(uint64_t a, uint64_t n) {
  return (tsk_slice_u8){(tsk_elem_u8 *)(uintptr_t)a, n};
}
static inline tsk_slice_u16 tsk_u16s_at(uint64_t a, uint64_t n) {
  return (tsk_slice_u16){(tsk_elem_u16 *)(uintptr_t)tsk_aligned(a, 2), n};
}
static inline tsk_slice_u32 tsk_u32s_at(uint64_t a, uint64_t n) {
  return (tsk_slice_u32){(tsk_elem_u32 *)(uintptr_t)tsk_aligned(a, 4), n};
}
static inline tsk_slice_u64 tsk_u64s_at(uint64_t a, uint64_t n) {
  return (tsk_slice_u64){(tsk_elem_u64 *)(uintptr_t)tsk_aligned(a, 8), n};
}

/* Bulk memory: memmove semantics (overlap allowed); a zero length touches nothing. Freestanding
   builds get memmove/memset/memcmp from zig's compiler_rt. */
static inline void tsk_mem_copy(uint64_t dst, uint64_t src, uint64_t n) {
  if (n) __builtin_memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
}
static inline void tsk_mem_set(uint64_t dst, uint8_t b, uint64_t n) {
  if (n) __builtin_memset((void *)(uintptr_t)dst, b, n);
}
static inline int32_t tsk_mem_compare(uint64_t a, uint64_t b, uint64_t n) {
  if (!n) return 0;
  int r = __builtin_memcmp((const void *)(uintptr_t)a, (const void *)(uintptr_t)b, n);
  return (r > 0) - (r < 0);
}

/* Atomics: sequentially consistent __atomic builtins on an address aligned to the width. */
#define TSK_ATOMICS(bits)                                                                      \
  static inline uint##bits##_t *tsk_atomic_ptr##bits(uint64_t a) {                              \
    return (uint##bits##_t *)(uintptr_t)tsk_aligned(a, bits / 8);                               \
  }                                                                                            \
  static inline uint##bits##_t tsk_atomic_load##bits(uint64_t a) {                              \
    return __atomic_load_n(tsk_atomic_ptr##bits(a), __ATOMIC_SEQ_CST);                          \
  }                                                                                            \
  static inline void tsk_atomic_store##bits(uint64_t a, uint##bits##_t v) {                     \
    __atomic_store_n(tsk_atomic_ptr##bits(a), v, __ATOMIC_SEQ_CST);                             \
  }                                                                                            \
  static inline uint##bits##_t tsk_atomic_add##bits(uint64_t a, uint##bits##_t v) {             \
    return __atomic_fetch_add(tsk_atomic_ptr##bits(a), v, __ATOMIC_SEQ_CST);                    \
  }                                                                                            \
  static inline uint##bits##_t tsk_atomic_swap##bits(uint64_t a, uint##bits##_t v) {            \
    return __atomic_exchange_n(tsk_atomic_ptr##bits(a), v, __ATOMIC_SEQ_CST);                   \
  }                                                                                            \
  static inline bool tsk_atomic_cas##bits(uint64_t a, uint##bits##_t expected,                 \
                                          uint##bits##_t desired) {                            \
    return __atomic_compare_exchange_n(tsk_atomic_ptr##bits(a), &expected, desired, false,      \
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                     \
  }
TSK_ATOMICS(32)
TSK_ATOMICS(64)
/* Fences order this CPU's memory accesses (dmb ish on aarch64, mfence or nothing on x86_64);
   they do not order device accesses against DMA (that needs dsb/dmb sy, not provided yet). */
static inline void tsk_fence_full(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void tsk_fence_acquire(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
static inline void tsk_fence_release(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }

/* ---- hosted builds: a Linux process writing to stdout (tests/diff/) ---- */
#ifdef TSK_HOSTED
/* Declared, not included: <stdio.h>'s macros (EOF, BUFSIZ, ...) would clash with kernel names. */
int putchar(int c);
static inline void tsk_debug_put_byte(uint8_t b) { putchar(b); }
#define tsk_unreachable() TSK_PANIC("unreachable code reached")
#else
#define tsk_unreachable() __builtin_trap()
#endif

/* ---- CPU (safe) and firmware (unsafe) ---- */

#if defined(__x86_64__)
#ifdef TSK_HOSTED
static inline void tsk_halt(void) {}
#else
static inline void tsk_halt(void) { __asm__ volatile("hlt" ::: "memory"); }
#endif
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

/* Control registers, MSRs and the TLB (Intel SDM vol.3 §2.5, §4.10.4). Every access is a
   compiler barrier: page-table stores before a CR3 load or invlpg stay before it. */
#define TSK_X86_READ_CR(n)                                      \
  static inline uint64_t tsk_x86_read_cr##n(void) {             \
    uint64_t v;                                                 \
    __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v) : : "memory"); \
    return v;                                                   \
  }
#define TSK_X86_WRITE_CR(n)                                     \
  static inline void tsk_x86_write_cr##n(uint64_t v) {          \
    __asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");  \
  }
TSK_X86_READ_CR(0)
TSK_X86_WRITE_CR(0)
TSK_X86_READ_CR(2)
TSK_X86_READ_CR(3)
TSK_X86_WRITE_CR(3)
TSK_X86_READ_CR(4)
TSK_X86_WRITE_CR(4)
static inline void tsk_x86_invlpg(uint64_t va) {
  __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}
static inline uint64_t tsk_x86_rdmsr(uint32_t msr) {
  uint32_t lo, hi;
  __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
  return ((uint64_t)hi << 32) | lo;
}
static inline void tsk_x86_wrmsr(uint32_t msr, uint64_t v) {
  __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}
/* CPUID leaf/subleaf; reg 0..3 selects eax, ebx, ecx, edx (SDM vol.2A CPUID). */
static inline uint32_t tsk_x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t reg) {
  uint32_t r[4];
  __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
  return r[reg & 3];
}
/* Interrupt flag (RFLAGS.IF, bit 9): state 1 = enabled. */
static inline uint64_t tsk_irq_save(void) {
  uint64_t f;
  __asm__ volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
  return (f >> 9) & 1;
}
static inline void tsk_irq_restore(uint64_t state) {
  if (state & 1) __asm__ volatile("sti" ::: "memory");
  else __asm__ volatile("cli" ::: "memory");
}
static inline void tsk_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void tsk_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
/* sti takes effect after the next instruction, so no interrupt is lost between them. */
static inline void tsk_irq_enable_and_wait(void) { __asm__ volatile("sti; hlt" ::: "memory"); }
static inline uint64_t tsk_cycle_counter(void) {
  uint32_t lo, hi;
  __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
  return ((uint64_t)hi << 32) | lo;
}
/* FPU/SSE state: fxsave64 / fxrstor64 of 512 bytes at a 16-aligned raw address. */
static inline void tsk_fpu_save(uint64_t a) {
  __asm__ volatile("fxsave64 (%0)" : : "r"(tsk_phys + a) : "memory");
}
static inline void tsk_fpu_restore(uint64_t a) {
  __asm__ volatile("fxrstor64 (%0)" : : "r"(tsk_phys + a) : "memory");
}

#elif defined(__aarch64__)
#ifdef TSK_HOSTED
static inline void tsk_halt(void) {}
#else
static inline void tsk_halt(void) { __asm__ volatile("wfi" ::: "memory"); }
#endif
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

/* System registers of the MMU and of exceptions (Arm ARM DDI 0487, D8 "The AArch64 Virtual
   Memory System Architecture", D17 registers). A write is followed by an ISB so that it takes
   effect before the next instruction; all are compiler barriers. */
#define TSK_ARM_READ(name, reg)                                  \
  static inline uint64_t tsk_arm_read_##name(void) {             \
    uint64_t v;                                                  \
    __asm__ volatile("mrs %0, " #reg : "=r"(v) : : "memory");    \
    return v;                                                    \
  }
#define TSK_ARM_WRITE(name, reg)                                 \
  static inline void tsk_arm_write_##name(uint64_t v) {          \
    __asm__ volatile("msr " #reg ", %0\n\tisb" : : "r"(v) : "memory"); \
  }
TSK_ARM_READ(sctlr, sctlr_el1)
TSK_ARM_WRITE(sctlr, sctlr_el1)
TSK_ARM_WRITE(mair, mair_el1)
TSK_ARM_WRITE(tcr, tcr_el1)
TSK_ARM_READ(ttbr0, ttbr0_el1)
TSK_ARM_WRITE(ttbr0, ttbr0_el1)
TSK_ARM_READ(mmfr0, id_aa64mmfr0_el1)
TSK_ARM_READ(esr, esr_el1)
TSK_ARM_READ(far, far_el1)
/* TLB maintenance (D8.13): make the table stores visible to the walker (dsb ishst), invalidate
   for all ASIDs, wait for completion (dsb ish), resynchronise the pipeline (isb). */
static inline void tsk_arm_tlbi_va(uint64_t va) {
  __asm__ volatile("dsb ishst\n\ttlbi vaae1is, %0\n\tdsb ish\n\tisb"
                   : : "r"(va >> 12) : "memory");
}
static inline void tsk_arm_tlbi_all(void) {
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::: "memory");
}
TSK_ARM_READ(mpidr, mpidr_el1)
TSK_ARM_READ(tpidr, tpidr_el1)
TSK_ARM_WRITE(tpidr, tpidr_el1)
TSK_ARM_READ(cntfrq, cntfrq_el0)
TSK_ARM_WRITE(cntv_cval, cntv_cval_el0)
TSK_ARM_READ(cntv_ctl, cntv_ctl_el0)
TSK_ARM_WRITE(cntv_ctl, cntv_ctl_el0)
/* GICv3 CPU interface system registers (GICv3 architecture spec IHI 0069, ch. 12). */
TSK_ARM_READ(icc_iar1, S3_0_C12_C12_0)
TSK_ARM_WRITE(icc_eoir1, S3_0_C12_C12_1)
TSK_ARM_WRITE(icc_pmr, S3_0_C4_C6_0)
TSK_ARM_WRITE(icc_bpr1, S3_0_C12_C12_3)
TSK_ARM_WRITE(icc_igrpen1, S3_0_C12_C12_7)
TSK_ARM_READ(icc_sre, S3_0_C12_C12_5)
TSK_ARM_WRITE(icc_sre, S3_0_C12_C12_5)
TSK_ARM_WRITE(icc_sgi1r, S3_0_C12_C11_5)
static inline void tsk_arm_sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void tsk_arm_wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
/* PSTATE.I (DAIF bit 7): state 1 = IRQs enabled. */
static inline uint64_t tsk_irq_save(void) {
  uint64_t d;
  __asm__ volatile("mrs %0, daif\n\tmsr daifset, #2" : "=r"(d) : : "memory");
  return ((d >> 7) & 1) ^ 1;
}
static inline void tsk_irq_restore(uint64_t state) {
  if (state & 1) __asm__ volatile("msr daifclr, #2" ::: "memory");
  else __asm__ volatile("msr daifset, #2" ::: "memory");
}
static inline void tsk_irq_enable(void) { __asm__ volatile("msr daifclr, #2" ::: "memory"); }
static inline void tsk_irq_disable(void) { __asm__ volatile("msr daifset, #2" ::: "memory"); }
/* wfi wakes on a pending IRQ even while masked; unmasking after it takes that IRQ. */
static inline void tsk_irq_enable_and_wait(void) {
  __asm__ volatile("wfi\n\tmsr daifclr, #2" ::: "memory");
}
static inline uint64_t tsk_cycle_counter(void) {
  uint64_t v;
  __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
  return v;
}
/* FP/SIMD state: q0..q31 then FPSR and FPCR, 528 bytes at a 16-aligned raw address. */
static inline void tsk_fpu_save(uint64_t a) {
  uint8_t *p = tsk_phys + a;
  __asm__ volatile(
      "stp q0, q1, [%0, #0]\n\tstp q2, q3, [%0, #32]\n\tstp q4, q5, [%0, #64]\n\t"
      "stp q6, q7, [%0, #96]\n\tstp q8, q9, [%0, #128]\n\tstp q10, q11, [%0, #160]\n\t"
      "stp q12, q13, [%0, #192]\n\tstp q14, q15, [%0, #224]\n\tstp q16, q17, [%0, #256]\n\t"
      "stp q18, q19, [%0, #288]\n\tstp q20, q21, [%0, #320]\n\tstp q22, q23, [%0, #352]\n\t"
      "stp q24, q25, [%0, #384]\n\tstp q26, q27, [%0, #416]\n\tstp q28, q29, [%0, #448]\n\t"
      "stp q30, q31, [%0, #480]\n\tmrs x9, fpsr\n\tmrs x10, fpcr\n\t"
      "str x9, [%0, #512]\n\tstr x10, [%0, #520]"
      : : "r"(p) : "x9", "x10", "memory");
}
static inline void tsk_fpu_restore(uint64_t a) {
  uint8_t *p = tsk_phys + a;
  __asm__ volatile(
      "ldp q0, q1, [%0, #0]\n\tldp q2, q3, [%0, #32]\n\tldp q4, q5, [%0, #64]\n\t"
      "ldp q6, q7, [%0, #96]\n\tldp q8, q9, [%0, #128]\n\tldp q10, q11, [%0, #160]\n\t"
      "ldp q12, q13, [%0, #192]\n\tldp q14, q15, [%0, #224]\n\tldp q16, q17, [%0, #256]\n\t"
      "ldp q18, q19, [%0, #288]\n\tldp q20, q21, [%0, #320]\n\tldp q22, q23, [%0, #352]\n\t"
      "ldp q24, q25, [%0, #384]\n\tldp q26, q27, [%0, #416]\n\tldp q28, q29, [%0, #448]\n\t"
      "ldp q30, q31, [%0, #480]\n\tldr x9, [%0, #512]\n\tldr x10, [%0, #520]\n\t"
      "msr fpsr, x9\n\tmsr fpcr, x10"
      : : "r"(p) : "x9", "x10", "memory");
}

#else
#error "tsk_rt.h: unsupported architecture (x86_64 and aarch64 only)"
#endif

/* Context switch (arch/<ARCH>/switch.S): saves the callee-saved registers on the current stack,
   stores the stack pointer at raw address save_sp_at, loads new_sp and restores the registers
   saved there, then returns on the new stack. tsk_context_init prepares a fresh stack whose
   first switch-in returns into the thread trampoline, which calls
   kernel_sched_thread__threadEntry() (kernel/sched/thread.ts) and never returns. */
void tsk_context_switch(uint64_t save_sp_at, uint64_t new_sp);
uint64_t tsk_context_init(uint64_t stack_top);

#endif /* TSK_RT_H */
