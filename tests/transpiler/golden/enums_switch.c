/* generated — do not edit: transpiled from enums_switch.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- types ---- */
#line 3 "lib/status.ts"
typedef enum lib_status__Status : uint32_t {
  lib_status__Status__IDLE = 0U,
  lib_status__Status__BUSY = 0x10U,
  lib_status__Status__DONE = 17U,
  lib_status__Status__FAILED = 0xffffffffU,
} lib_status__Status;
#line 8 "enums_switch.ts"
typedef enum enums_switch__Delta : int32_t {
  enums_switch__Delta__DOWN = (-1),
  enums_switch__Delta__SAME = 0,
  enums_switch__Delta__UP = 1,
} enums_switch__Delta;

/* ---- structs ---- */
#line 14 "enums_switch.ts"
struct enums_switch__Job {
  lib_status__Status status;
  enums_switch__Delta delta;
};

/* ---- prototypes ---- */
uint32_t enums_switch__code(lib_status__Status s);
uint32_t enums_switch__deltaCode(enums_switch__Delta d);
uint32_t enums_switch__classify(uint8_t x);
int32_t enums_switch__wide(uint64_t x);
void enums_switch__step(struct enums_switch__Job *j);

/* ---- globals ---- */
#line 11 "lib/status.ts"
const bool lib_status__TRACE = false;
#line 13 "lib/status.ts"
const tsk_str lib_status__TARGET = TSK_STR_INIT("x86_64");
#line 19 "enums_switch.ts"
struct enums_switch__Job enums_switch__job = { .status = lib_status__Status__IDLE, .delta = enums_switch__Delta__UP };
#line 20 "enums_switch.ts"
lib_status__Status enums_switch__last = lib_status__Status__DONE;
#line 21 "enums_switch.ts"
const enums_switch__Delta enums_switch__FIRST = enums_switch__Delta__DOWN;

/* ---- functions ---- */

#line 23 "enums_switch.ts"
uint32_t enums_switch__code(lib_status__Status s) {
#line 24 "enums_switch.ts"
  switch ((uint32_t)s) {
    case lib_status__Status__IDLE: {
#line 26 "enums_switch.ts"
      return 0U;
    }
    case lib_status__Status__BUSY:
    case lib_status__Status__DONE: {
      {
#line 29 "enums_switch.ts"
        const uint32_t c = (uint32_t)s;
#line 30 "enums_switch.ts"
        return TSK_U32(((uint32_t)c + 1U));
      }
    }
    default: {
#line 33 "enums_switch.ts"
      return 99U;
    }
  }
}

#line 37 "enums_switch.ts"
uint32_t enums_switch__deltaCode(enums_switch__Delta d) {
#line 38 "enums_switch.ts"
  switch ((int32_t)d) {
    case enums_switch__Delta__DOWN: {
#line 40 "enums_switch.ts"
      return 1U;
    }
    case enums_switch__Delta__SAME: {
#line 42 "enums_switch.ts"
      return 2U;
    }
    case enums_switch__Delta__UP: {
#line 44 "enums_switch.ts"
      return 3U;
    }
    default: tsk_unreachable();
  }
}

#line 48 "enums_switch.ts"
uint32_t enums_switch__classify(uint8_t x) {
#line 49 "enums_switch.ts"
  uint32_t r = 0U;
#line 50 "enums_switch.ts"
  switch (x) {
    case 0:
    case 0x20: {
#line 53 "enums_switch.ts"
      r = 1U;
#line 54 "enums_switch.ts"
      break;
    }
    case 255: {
#line 56 "enums_switch.ts"
      if (r == 0U) {
#line 57 "enums_switch.ts"
        return 7U;
      } else {
#line 59 "enums_switch.ts"
        return 8U;
      }
    }
    default: {
#line 62 "enums_switch.ts"
      tsk_unreachable();
    }
  }
#line 64 "enums_switch.ts"
  return r;
}

#line 67 "enums_switch.ts"
int32_t enums_switch__wide(uint64_t x) {
#line 68 "enums_switch.ts"
  switch (x) {
    case 1ULL: {
#line 70 "enums_switch.ts"
      return -1;
    }
    case 0xffffffffffffffffULL: {
#line 72 "enums_switch.ts"
      return 2;
    }
  }
#line 74 "enums_switch.ts"
  return (int32_t)enums_switch__Delta__SAME;
}

#line 77 "enums_switch.ts"
void enums_switch__step(struct enums_switch__Job *j) {
#line 78 "enums_switch.ts"
  if ((j->status == lib_status__Status__BUSY) && (j->delta != enums_switch__Delta__DOWN)) {
#line 79 "enums_switch.ts"
    j->status = lib_status__Status__DONE;
  }
#line 81 "enums_switch.ts"
  enums_switch__last = j->status;
#line 82 "enums_switch.ts"
  /* if (TRACE): false at compile time */
#line 85 "enums_switch.ts"
  /* if (TARGET === "aarch64"): false at compile time */
#line 87 "enums_switch.ts"
  /* if (!TRACE && TARGET === "x86_64"): true at compile time */
  {
#line 88 "enums_switch.ts"
    j->delta = enums_switch__Delta__UP;
  }
}
