/* generated — do not edit: transpiled from generics.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- types ---- */
#line 3 "lib/status.ts"
typedef enum lib_status__Status : uint32_t {
  lib_status__Status__IDLE = 0U,
  lib_status__Status__BUSY = 0x10U,
  lib_status__Status__DONE = 17U,
  lib_status__Status__FAILED = 0xffffffffU,
} lib_status__Status;

/* ---- structs ---- */
#line 25 "generics.ts"
struct generics__Point {
  uint32_t x;
};
#line 28 "generics.ts"
struct generics__Size {
  uint32_t w;
  uint32_t x;
};

/* ---- prototypes ---- */
uint32_t generics__max__u32(uint32_t a, uint32_t b);
uint64_t generics__max__u64(uint64_t a, uint64_t b);
uint16_t generics__pick__u16(bool c, uint16_t a, uint16_t b);
bool generics__pick__bool(bool c, bool a, bool b);
lib_status__Status generics__pick__lib_status__Status(bool c, lib_status__Status a, lib_status__Status b);
uint32_t generics__max3__u32(uint32_t a, uint32_t b, uint32_t c);
uint64_t generics__max3__u64(uint64_t a, uint64_t b, uint64_t c);
bool generics__same__u32(uint32_t a, uint32_t b);
bool generics__same__lib_status__Status(lib_status__Status a, lib_status__Status b);
uint32_t generics__xOf__generics__Point(struct generics__Point *p);
uint32_t generics__xOf__generics__Size(struct generics__Size *p);
uint64_t generics__entry(uint32_t a, uint64_t b);

/* ---- globals ---- */
#line 11 "lib/status.ts"
const bool lib_status__TRACE = false;
#line 13 "lib/status.ts"
const tsk_str lib_status__TARGET = TSK_STR_INIT("x86_64");
#line 32 "generics.ts"
struct generics__Point generics__point = { .x = 1U };
#line 33 "generics.ts"
struct generics__Size generics__size = { .w = 2U, .x = 3U };

/* ---- functions ---- */

#line 8 "generics.ts"
uint32_t generics__max__u32(uint32_t a, uint32_t b) {
#line 9 "generics.ts"
  return (a > b) ? a : b;
}

#line 8 "generics.ts"
uint64_t generics__max__u64(uint64_t a, uint64_t b) {
#line 9 "generics.ts"
  return (a > b) ? a : b;
}

#line 12 "generics.ts"
uint16_t generics__pick__u16(bool c, uint16_t a, uint16_t b) {
#line 13 "generics.ts"
  const uint16_t r = c ? a : b;
#line 14 "generics.ts"
  return r;
}

#line 12 "generics.ts"
bool generics__pick__bool(bool c, bool a, bool b) {
#line 13 "generics.ts"
  const bool r = c ? a : b;
#line 14 "generics.ts"
  return r;
}

#line 12 "generics.ts"
lib_status__Status generics__pick__lib_status__Status(bool c, lib_status__Status a, lib_status__Status b) {
#line 13 "generics.ts"
  const lib_status__Status r = c ? a : b;
#line 14 "generics.ts"
  return r;
}

#line 17 "generics.ts"
uint32_t generics__max3__u32(uint32_t a, uint32_t b, uint32_t c) {
#line 18 "generics.ts"
  return generics__max__u32(generics__max__u32(a, b), c);
}

#line 17 "generics.ts"
uint64_t generics__max3__u64(uint64_t a, uint64_t b, uint64_t c) {
#line 18 "generics.ts"
  return generics__max__u64(generics__max__u64(a, b), c);
}

#line 21 "generics.ts"
bool generics__same__u32(uint32_t a, uint32_t b) {
#line 22 "generics.ts"
  return a == b;
}

#line 21 "generics.ts"
bool generics__same__lib_status__Status(lib_status__Status a, lib_status__Status b) {
#line 22 "generics.ts"
  return a == b;
}

#line 36 "generics.ts"
uint32_t generics__xOf__generics__Point(struct generics__Point *p) {
#line 37 "generics.ts"
  return p->x;
}

#line 36 "generics.ts"
uint32_t generics__xOf__generics__Size(struct generics__Size *p) {
#line 37 "generics.ts"
  return p->x;
}

#line 40 "generics.ts"
uint64_t generics__entry(uint32_t a, uint64_t b) {
#line 41 "generics.ts"
  const uint32_t m = generics__max3__u32(a, 3U, 9U);
#line 42 "generics.ts"
  const lib_status__Status s = generics__pick__lib_status__Status(true, lib_status__Status__BUSY, lib_status__Status__IDLE);
#line 43 "generics.ts"
  const bool f = generics__pick__bool(false, true, false);
#line 44 "generics.ts"
  const bool members = generics__same__lib_status__Status(lib_status__Status__DONE, lib_status__Status__IDLE);
#line 45 "generics.ts"
  const uint32_t px = generics__xOf__generics__Point((&generics__point));
#line 46 "generics.ts"
  if (px == generics__xOf__generics__Size((&generics__size))) {
#line 47 "generics.ts"
    return 0ULL;
  }
#line 49 "generics.ts"
  if (((generics__same__lib_status__Status(s, lib_status__Status__BUSY) && (!f)) && (!members)) && generics__same__u32(m, 9U)) {
#line 50 "generics.ts"
    return generics__max__u64(b, TSK_U64(m));
  }
#line 52 "generics.ts"
  return TSK_U64(generics__pick__u16(true, 1, 2));
}
