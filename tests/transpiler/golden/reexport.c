/* generated — do not edit: transpiled from reexport.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */
#line 11 "lib/impl.ts"
struct lib_impl__Pair {
  uint32_t a;
  uint32_t b;
};

/* ---- prototypes ---- */
uint32_t lib_impl__scale(uint32_t x);
uint32_t reexport__run(struct lib_impl__Pair *p);
uint32_t reexport__main(void);

/* ---- globals ---- */
#line 5 "lib/impl.ts"
const uint32_t lib_impl__SCALE = 3U;
#line 6 "reexport.ts"
struct lib_impl__Pair reexport__pair = { .a = 4U, .b = 0U };

/* ---- functions ---- */

#line 7 "lib/impl.ts"
uint32_t lib_impl__scale(uint32_t x) {
#line 8 "lib/impl.ts"
  return TSK_U32((((uint32_t)x + (uint32_t)x) + (uint32_t)x));
}

#line 8 "reexport.ts"
uint32_t reexport__run(struct lib_impl__Pair *p) {
#line 9 "reexport.ts"
  p->b = lib_impl__scale(lib_impl__SCALE);
#line 10 "reexport.ts"
  return TSK_U32(((uint32_t)p->a + (uint32_t)p->b));
}

#line 13 "reexport.ts"
uint32_t reexport__main(void) {
#line 14 "reexport.ts"
  return reexport__run((&reexport__pair));
}
