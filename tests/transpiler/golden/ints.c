/* generated — do not edit: transpiled from ints.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */

/* ---- prototypes ---- */
uint32_t ints__arith32(uint32_t a, uint32_t b);
int32_t ints__signed(int32_t a, int16_t b, int8_t c);
uint64_t ints__widen(uint32_t a, int32_t b);
int64_t ints__wide(uint64_t a, int64_t b, uint64_t n);
uint64_t ints__sizes(uint64_t p, uint64_t len, uint64_t w);
bool ints__compare(uint8_t a, uint16_t b, int64_t c);

/* ---- globals ---- */
#line 17 "ints.ts"
const int32_t ints__INT_MIN = (-0x7fffffff - 1);
#line 18 "ints.ts"
const int64_t ints__I64_MIN = (-9223372036854775807LL - 1);
#line 19 "ints.ts"
const uint64_t ints__MASK = 0xffffffffffffffffULL;

/* ---- functions ---- */

#line 21 "ints.ts"
uint32_t ints__arith32(uint32_t a, uint32_t b) {
#line 22 "ints.ts"
  const uint32_t sum = TSK_U32((((uint32_t)a + (uint32_t)b) - 1U));
#line 23 "ints.ts"
  const uint32_t bits = TSK_U32(((((uint32_t)a & 0xffU) | ((uint32_t)b ^ (uint32_t)sum)) | (~(uint32_t)a)));
#line 24 "ints.ts"
  const uint32_t shifted = TSK_U32((((uint32_t)a << 3U) + (uint32_t)((uint32_t)b >> 31U)));
#line 25 "ints.ts"
  const uint32_t q = TSK_U32((uint32_t)tsk_div_u32(a, b));
#line 26 "ints.ts"
  const uint32_t r = TSK_U32((uint32_t)tsk_rem_u32(a, 7U));
#line 27 "ints.ts"
  return TSK_U32(((((((uint32_t)sum + (uint32_t)bits) + (uint32_t)shifted) + (uint32_t)q) + (uint32_t)r) + (uint32_t)tsk_mul_u32(a, b)));
}

#line 30 "ints.ts"
int32_t ints__signed(int32_t a, int16_t b, int8_t c) {
#line 31 "ints.ts"
  const int32_t q = TSK_I32((uint32_t)tsk_div_i32(a, (-2)));
#line 32 "ints.ts"
  const int32_t s = TSK_I32((uint32_t)((int32_t)a >> 4U));
#line 33 "ints.ts"
  const int16_t m = TSK_I16(((uint32_t)b + 1U));
#line 34 "ints.ts"
  const int8_t n = TSK_I8((0U - (uint32_t)c));
#line 35 "ints.ts"
  return TSK_I32((((((uint32_t)q + (uint32_t)s) + (uint32_t)TSK_I32(m)) + (uint32_t)TSK_I32(n)) + (uint32_t)ints__INT_MIN));
}

#line 38 "ints.ts"
uint64_t ints__widen(uint32_t a, int32_t b) {
#line 39 "ints.ts"
  const uint64_t x = TSK_U64(TSK_SX32((uint64_t)a | 1ULL));
#line 40 "ints.ts"
  const uint64_t y = TSK_U64(b);
#line 41 "ints.ts"
  const uint64_t z = TSK_U64(((uint64_t)a - 1ULL));
#line 42 "ints.ts"
  return TSK_U64((((uint64_t)x + (uint64_t)y) + (uint64_t)z));
}

#line 45 "ints.ts"
int64_t ints__wide(uint64_t a, int64_t b, uint64_t n) {
#line 46 "ints.ts"
  const uint64_t s = TSK_U64((tsk_shl_u64((uint64_t)a, (uint64_t)n) | tsk_shr_u64((uint64_t)a, 3ULL)));
#line 47 "ints.ts"
  const int64_t t = TSK_I64(tsk_sar_i64(b, (uint64_t)n));
#line 48 "ints.ts"
  const int64_t q = TSK_I64(tsk_div_i64(b, (-1LL)));
#line 49 "ints.ts"
  return TSK_I64(((((uint64_t)TSK_I64(s) + (uint64_t)t) + (uint64_t)q) + (uint64_t)ints__I64_MIN));
}

#line 52 "ints.ts"
uint64_t ints__sizes(uint64_t p, uint64_t len, uint64_t w) {
  TSK_ASSUME_USIZE(p);
  TSK_ASSUME_USIZE(len);
#line 53 "ints.ts"
  const uint64_t end = tsk_usize(((uint64_t)p + tsk_mul_usize((uint64_t)len, 2ULL)));
#line 54 "ints.ts"
  const uint64_t page = tsk_align_up(end, 4096ULL);
#line 55 "ints.ts"
  const uint64_t small = (uint64_t)TSK_U8(w);
#line 56 "ints.ts"
  return tsk_usize(((uint64_t)tsk_usize((((uint64_t)page + (uint64_t)small) + (uint64_t)tsk_usize((uint64_t)w))) - (uint64_t)p));
}

#line 59 "ints.ts"
bool ints__compare(uint8_t a, uint16_t b, int64_t c) {
#line 60 "ints.ts"
  return (((a < 200) && (b != 0x3f8)) && (c >= (-1LL))) && (TSK_U16(a) <= b);
}
