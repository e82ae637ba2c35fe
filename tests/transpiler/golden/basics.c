/* generated — do not edit: transpiled from basics.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */
#line 12 "basics.ts"
struct basics__Counter {
  uint32_t count;
  bool enabled;
};

/* ---- prototypes ---- */
uint32_t basics__Counter__bump(struct basics__Counter *self, uint32_t by);
uint32_t basics__sum(tsk_str s);
void basics__loop(struct basics__Counter *c, uint32_t n);
uint8_t basics__lowByte(uint64_t x);
void basics__entry(void);

/* ---- globals ---- */
#line 6 "basics.ts"
const uint16_t basics__BASE = 0x3f8;
#line 7 "basics.ts"
const uint16_t basics__LSR = 1021;
#line 8 "basics.ts"
const uint64_t basics__LIMIT = 1099511627776ULL;
#line 9 "basics.ts"
const tsk_str basics__GREETING = TSK_STR_INIT("hi\n");
#line 10 "basics.ts"
uint32_t basics__ticks = 0U;
#line 22 "basics.ts"
struct basics__Counter basics__counter = { .count = 0U, .enabled = true };

/* ---- functions ---- */

#line 16 "basics.ts"
uint32_t basics__Counter__bump(struct basics__Counter *self, uint32_t by) {
#line 17 "basics.ts"
  self->count = TSK_U32(((uint32_t)self->count + (uint32_t)by));
#line 18 "basics.ts"
  return self->count;
}

#line 24 "basics.ts"
uint32_t basics__sum(tsk_str s) {
#line 25 "basics.ts"
  uint32_t total = 0U;
#line 26 "basics.ts"
  {
    uint64_t i = 0ULL;
    for (; i < tsk_usize((uint64_t)s.len); i = tsk_usize(((uint64_t)i + 1ULL))) {
#line 27 "basics.ts"
      total = TSK_U32(((uint32_t)total + (uint32_t)tsk_str_at(s, (uint64_t)i)));
    }
  }
#line 29 "basics.ts"
  return total;
}

#line 32 "basics.ts"
void basics__loop(struct basics__Counter *c, uint32_t n) {
#line 33 "basics.ts"
  uint32_t i = 0U;
#line 34 "basics.ts"
  while (i < n) {
#line 35 "basics.ts"
    if (c->enabled && (!(i == 3U))) {
#line 36 "basics.ts"
      basics__Counter__bump(c, 1U);
    } else {
#line 37 "basics.ts"
      if (i > 10U) {
#line 38 "basics.ts"
        break;
      } else {
#line 40 "basics.ts"
        tsk_halt();
      }
    }
#line 42 "basics.ts"
    i = TSK_U32(((uint32_t)i + 1U));
  }
#line 44 "basics.ts"
  do {
#line 45 "basics.ts"
    basics__ticks = TSK_U32(((uint32_t)basics__ticks + 1U));
  } while (basics__ticks < 5U);
}

#line 49 "basics.ts"
uint8_t basics__lowByte(uint64_t x) {
#line 50 "basics.ts"
  return TSK_U8(x);
}

#line 53 "basics.ts"
void basics__entry(void) {
#line 54 "basics.ts"
  basics__loop((&basics__counter), 4U);
#line 55 "basics.ts"
  basics__Counter__bump((&basics__counter), basics__sum(basics__GREETING));
}
