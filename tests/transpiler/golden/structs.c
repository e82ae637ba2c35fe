/* generated — do not edit: transpiled from structs.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */
#line 7 "structs.ts"
struct structs__Point {
  uint32_t x;
  uint32_t y;
};
#line 12 "structs.ts"
struct structs__Token {
  uint64_t start;
  uint64_t len;
  bool ok;
  struct structs__Point where;
};
#line 19 "structs.ts"
struct structs__Empty {
  uint8_t unused_;
};

/* ---- prototypes ---- */
void structs__scan(struct structs__Token *t, uint64_t at);
uint64_t structs__measure(uint64_t at);
struct structs__Empty *structs__touch(struct structs__Empty *e);
struct structs__Point *structs__where(void);
uint16_t structs__depth(void);
struct structs__Point *structs__movePoint(uint64_t i, uint32_t dx);

/* ---- globals ---- */
#line 21 "structs.ts"
struct structs__Token structs__current = { .start = 0ULL, .len = 0ULL, .ok = false, .where = { .x = 0U, .y = 0U } };
#line 58 "structs.ts"
struct structs__Point structs__POINTS[8] = {[0 ... 7] = { .x = 0U, .y = 0U }};
#line 59 "structs.ts"
struct structs__Token structs__TOKENS[2] = {[0 ... 1] = { .start = 0ULL, .len = 0ULL, .ok = false, .where = { .x = 0U, .y = 0U } }};

/* ---- functions ---- */

#line 23 "structs.ts"
void structs__scan(struct structs__Token *t, uint64_t at) {
  TSK_ASSUME_USIZE(at);
#line 24 "structs.ts"
  t->start = at;
#line 25 "structs.ts"
  t->len = 3ULL;
#line 26 "structs.ts"
  t->ok = true;
#line 27 "structs.ts"
  (&t->where)->x = TSK_U32(at);
}

#line 30 "structs.ts"
uint64_t structs__measure(uint64_t at) {
  TSK_ASSUME_USIZE(at);
#line 31 "structs.ts"
  struct structs__Token tsk_obj_t = { .start = 0ULL, .len = 0ULL, .ok = false, .where = { .x = 0U, .y = 0U } };
  struct structs__Token *const t = &tsk_obj_t;
#line 32 "structs.ts"
  structs__scan(t, at);
#line 33 "structs.ts"
  struct structs__Point *const p = &t->where;
#line 34 "structs.ts"
  p->y = 7U;
#line 35 "structs.ts"
  uint64_t n = 0ULL;
#line 36 "structs.ts"
  {
    uint64_t i = 0ULL;
    for (; i < 2ULL; i = tsk_usize(((uint64_t)i + 1ULL))) {
#line 37 "structs.ts"
      struct structs__Empty tsk_obj_e = {0};
      struct structs__Empty *const e = &tsk_obj_e;
#line 38 "structs.ts"
      struct structs__Point tsk_obj_inner = { .x = 0U, .y = 0U };
      struct structs__Point *const inner = &tsk_obj_inner;
#line 39 "structs.ts"
      inner->x = TSK_U32(i);
#line 40 "structs.ts"
      n = tsk_usize(((uint64_t)n + (uint64_t)((uint64_t)inner->x)));
#line 41 "structs.ts"
      structs__touch(e);
    }
  }
#line 43 "structs.ts"
  return t->ok ? tsk_usize((((uint64_t)t->len + (uint64_t)n) + (uint64_t)((uint64_t)p->y))) : 0ULL;
}

#line 46 "structs.ts"
struct structs__Empty *structs__touch(struct structs__Empty *e) {
#line 47 "structs.ts"
  return e;
}

#line 50 "structs.ts"
struct structs__Point *structs__where(void) {
#line 51 "structs.ts"
  return &(&structs__current)->where;
}

#line 54 "structs.ts"
uint16_t structs__depth(void) {
#line 55 "structs.ts"
  return TSK_U16(structs__where()->x);
}

#line 61 "structs.ts"
struct structs__Point *structs__movePoint(uint64_t i, uint32_t dx) {
  TSK_ASSUME_USIZE(i);
#line 62 "structs.ts"
  struct structs__Point *const p = &structs__POINTS[tsk_index(i, 8ULL)];
#line 63 "structs.ts"
  p->x = TSK_U32(((uint32_t)p->x + (uint32_t)dx));
#line 64 "structs.ts"
  struct structs__Token *const t = &structs__TOKENS[tsk_index(1ULL, 2ULL)];
#line 65 "structs.ts"
  (&t->where)->y = TSK_U32(8ULL);
#line 66 "structs.ts"
  return p;
}
