/* generated — do not edit: transpiled from unsafe_aarch64.ts for aarch64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */

/* ---- prototypes ---- */
void unsafe_aarch64__writeByte(uint64_t block, uint32_t c);
uint64_t unsafe_aarch64__powerOff(void);

/* ---- globals ---- */
#line 8 "unsafe_aarch64.ts"
const uint32_t unsafe_aarch64__PSCI_SYSTEM_OFF = 0x84000008U;
#line 9 "unsafe_aarch64.ts"
const uint32_t unsafe_aarch64__SYS_WRITEC = 0x3U;

/* ---- functions ---- */

#line 11 "unsafe_aarch64.ts"
void unsafe_aarch64__writeByte(uint64_t block, uint32_t c) {
  TSK_ASSUME_USIZE(block);
#line 12 "unsafe_aarch64.ts"
  tsk_store8(block, TSK_U8(c));
#line 13 "unsafe_aarch64.ts"
  tsk_semihost_call(unsafe_aarch64__SYS_WRITEC, block);
}

#line 16 "unsafe_aarch64.ts"
uint64_t unsafe_aarch64__powerOff(void) {
#line 17 "unsafe_aarch64.ts"
  return tsk_psci_call(unsafe_aarch64__PSCI_SYSTEM_OFF, 0ULL, 0ULL, 0ULL);
}
