/* generated — do not edit: transpiled from arrays.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */
#line 12 "arrays.ts"
struct arrays__Ring {
  uint32_t items[16];
  uint64_t head;
  uint64_t count;
};

/* ---- prototypes ---- */
bool arrays__ringPush(struct arrays__Ring *r, uint32_t v);
uint32_t arrays__sum(tsk_slice_u32 s);
tsk_slice_u32 arrays__tail(tsk_slice_u32 s, uint64_t n);
uint32_t arrays__fill(uint32_t v);
uint32_t arrays__local(uint8_t x);
uint64_t arrays__big(uint64_t i);
bool arrays__seen(uint64_t i);

/* ---- globals ---- */
#line 7 "arrays.ts"
const uint64_t arrays__N = 8ULL;
#line 8 "arrays.ts"
uint32_t arrays__TABLE[64] = {0};
#line 9 "arrays.ts"
uint64_t arrays__ONES[8] = {[0 ... 7] = 1ULL};
#line 10 "arrays.ts"
bool arrays__SEEN[4] = {0};
#line 18 "arrays.ts"
struct arrays__Ring arrays__ring = { .items = {0}, .head = 0ULL, .count = 0ULL };

/* ---- functions ---- */

#line 20 "arrays.ts"
bool arrays__ringPush(struct arrays__Ring *r, uint32_t v) {
#line 21 "arrays.ts"
  if (r->count == 16ULL) {
#line 22 "arrays.ts"
    return false;
  }
#line 24 "arrays.ts"
  r->items[tsk_index(tsk_usize((uint64_t)tsk_rem_usize(tsk_usize(((uint64_t)r->head + (uint64_t)r->count)), 16ULL)), 16ULL)] = v;
#line 25 "arrays.ts"
  r->count = tsk_usize(((uint64_t)r->count + 1ULL));
#line 26 "arrays.ts"
  return true;
}

#line 29 "arrays.ts"
uint32_t arrays__sum(tsk_slice_u32 s) {
#line 30 "arrays.ts"
  uint32_t total = 0U;
#line 31 "arrays.ts"
  {
    uint64_t i = 0ULL;
    for (; i < (s.len); i = tsk_usize(((uint64_t)i + 1ULL))) {
#line 32 "arrays.ts"
      total = TSK_U32(((uint32_t)total + (uint32_t)tsk_slice_u32_get(s, i)));
    }
  }
#line 34 "arrays.ts"
  return total;
}

#line 37 "arrays.ts"
tsk_slice_u32 arrays__tail(tsk_slice_u32 s, uint64_t n) {
  TSK_ASSUME_USIZE(n);
#line 38 "arrays.ts"
  return tsk_slice_u32_sub(s, tsk_usize(((uint64_t)(s.len) - (uint64_t)n)), (s.len));
}

#line 41 "arrays.ts"
uint32_t arrays__fill(uint32_t v) {
#line 42 "arrays.ts"
  {
    uint64_t i = 0ULL;
    for (; i < 64ULL; i = tsk_usize(((uint64_t)i + 1ULL))) {
#line 43 "arrays.ts"
      arrays__TABLE[tsk_index(i, 64ULL)] = v;
    }
  }
#line 45 "arrays.ts"
  arrays__SEEN[tsk_index(1ULL, 4ULL)] = true;
#line 46 "arrays.ts"
  return arrays__sum(arrays__tail(tsk_slice_u32_of(arrays__TABLE, 64ULL, 8ULL, 16ULL), 2ULL));
}

#line 49 "arrays.ts"
uint32_t arrays__local(uint8_t x) {
#line 50 "arrays.ts"
  uint8_t buf[32];
  TSK_ARRAY_FILL(buf, 32, x);
#line 51 "arrays.ts"
  uint32_t zero[4] = {0};
#line 52 "arrays.ts"
  buf[tsk_index(31ULL, 32ULL)] = TSK_U8(((uint32_t)(buf[tsk_index(0ULL, 32ULL)]) + 1U));
#line 53 "arrays.ts"
  zero[tsk_index(0ULL, 4ULL)] = TSK_U32((buf[tsk_index(31ULL, 32ULL)]));
#line 54 "arrays.ts"
  return arrays__sum(((tsk_slice_u32){zero, 4ULL}));
}

#line 57 "arrays.ts"
uint64_t arrays__big(uint64_t i) {
  TSK_ASSUME_USIZE(i);
#line 58 "arrays.ts"
  return arrays__ONES[tsk_index(i, 8ULL)];
}

#line 61 "arrays.ts"
bool arrays__seen(uint64_t i) {
  TSK_ASSUME_USIZE(i);
#line 62 "arrays.ts"
  return arrays__SEEN[tsk_index(i, 4ULL)];
}
