/* generated — do not edit: transpiled from memory_aarch64.ts for aarch64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */

/* ---- prototypes ---- */
int32_t memory_aarch64__copy(uint64_t dst, uint64_t src, uint64_t n);
uint32_t memory_aarch64__counter(uint64_t addr);
bool memory_aarch64__claim(uint64_t addr, uint64_t owner);
uint64_t memory_aarch64__words(uint64_t addr);

/* ---- globals ---- */

/* ---- functions ---- */

#line 20 "memory_aarch64.ts"
int32_t memory_aarch64__copy(uint64_t dst, uint64_t src, uint64_t n) {
  TSK_ASSUME_USIZE(dst);
  TSK_ASSUME_USIZE(src);
  TSK_ASSUME_USIZE(n);
#line 21 "memory_aarch64.ts"
  tsk_mem_set(dst, 0, n);
#line 22 "memory_aarch64.ts"
  tsk_mem_copy(dst, src, n);
#line 23 "memory_aarch64.ts"
  return tsk_mem_compare(dst, src, n);
}

#line 26 "memory_aarch64.ts"
uint32_t memory_aarch64__counter(uint64_t addr) {
  TSK_ASSUME_USIZE(addr);
#line 27 "memory_aarch64.ts"
  tsk_atomic_store32(addr, 1U);
#line 28 "memory_aarch64.ts"
  tsk_fence_release();
#line 29 "memory_aarch64.ts"
  const uint32_t old = tsk_atomic_add32(addr, 2U);
#line 30 "memory_aarch64.ts"
  tsk_fence_acquire();
#line 31 "memory_aarch64.ts"
  return tsk_atomic_swap32(addr, old);
}

#line 34 "memory_aarch64.ts"
bool memory_aarch64__claim(uint64_t addr, uint64_t owner) {
  TSK_ASSUME_USIZE(addr);
#line 35 "memory_aarch64.ts"
  tsk_fence_full();
#line 36 "memory_aarch64.ts"
  return tsk_atomic_cas64(addr, 0ULL, owner) || (tsk_atomic_load64(addr) == owner);
}

#line 39 "memory_aarch64.ts"
uint64_t memory_aarch64__words(uint64_t addr) {
  TSK_ASSUME_USIZE(addr);
#line 40 "memory_aarch64.ts"
  const tsk_slice_u8 b = tsk_bytes_at(addr, 8ULL);
#line 41 "memory_aarch64.ts"
  const tsk_slice_u16 h = tsk_u16s_at(addr, 4ULL);
#line 42 "memory_aarch64.ts"
  const tsk_slice_u32 w = tsk_u32s_at(addr, 2ULL);
#line 43 "memory_aarch64.ts"
  const tsk_slice_u64 q = tsk_u64s_at(addr, 1ULL);
#line 44 "memory_aarch64.ts"
  tsk_slice_u8_set(b, 0ULL, TSK_U8(tsk_slice_u16_get(h, 1ULL)));
#line 45 "memory_aarch64.ts"
  return TSK_U64(((uint64_t)tsk_slice_u64_get(q, 0ULL) + (uint64_t)TSK_U64(tsk_slice_u32_get(w, 1ULL))));
}
