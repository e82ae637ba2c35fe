/* generated — do not edit: transpiled from const_if_aarch64.ts for aarch64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */

/* ---- prototypes ---- */
uint64_t const_if_aarch64__powerOff(void);
uint32_t const_if_aarch64__trace(uint32_t x);

/* ---- globals ---- */
#line 8 "const_if_aarch64.ts"
const tsk_str const_if_aarch64__TARGET = TSK_STR_INIT("aarch64");
#line 9 "const_if_aarch64.ts"
const bool const_if_aarch64__VERBOSE = false;
#line 10 "const_if_aarch64.ts"
const uint32_t const_if_aarch64__LEVEL = 2U;

/* ---- functions ---- */

#line 12 "const_if_aarch64.ts"
uint64_t const_if_aarch64__powerOff(void) {
#line 13 "const_if_aarch64.ts"
  /* if (TARGET === "x86_64"): false at compile time */
  {
#line 17 "const_if_aarch64.ts"
    return tsk_psci_call(0x84000008U, 0ULL, 0ULL, 0ULL);
  }
}

#line 21 "const_if_aarch64.ts"
uint32_t const_if_aarch64__trace(uint32_t x) {
#line 22 "const_if_aarch64.ts"
  uint32_t r = x;
#line 23 "const_if_aarch64.ts"
  /* if (VERBOSE || LEVEL > 3): false at compile time */
#line 26 "const_if_aarch64.ts"
  /* if (!VERBOSE && TARGET !== "x86_64" && LEVEL === 2): true at compile time */
  {
#line 27 "const_if_aarch64.ts"
    r = TSK_U32(((uint32_t)r + 2U));
  }
#line 29 "const_if_aarch64.ts"
  /* if (VERBOSE): false at compile time */
#line 32 "const_if_aarch64.ts"
  return r;
}
