/* generated — do not edit: transpiled from unsafe_x86_64.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- structs ---- */

/* ---- prototypes ---- */
void unsafe_x86_64__putc(uint8_t c);
uint64_t unsafe_x86_64__poke(uint64_t addr, uint32_t v);
_Noreturn void unsafe_x86_64__stop(void);

/* ---- globals ---- */
#line 19 "unsafe_x86_64.ts"
const uint16_t unsafe_x86_64__COM1 = 0x3f8;

/* ---- functions ---- */

#line 21 "unsafe_x86_64.ts"
void unsafe_x86_64__putc(uint8_t c) {
#line 22 "unsafe_x86_64.ts"
  while (TSK_U8(((uint32_t)tsk_inb(TSK_U16(((uint32_t)unsafe_x86_64__COM1 + 5U))) & 0x20U)) == 0) {
#line 23 "unsafe_x86_64.ts"
    tsk_cpu_relax();
  }
#line 25 "unsafe_x86_64.ts"
  tsk_outb(unsafe_x86_64__COM1, c);
}

#line 28 "unsafe_x86_64.ts"
uint64_t unsafe_x86_64__poke(uint64_t addr, uint32_t v) {
  TSK_ASSUME_USIZE(addr);
#line 29 "unsafe_x86_64.ts"
  tsk_store32(addr, v);
#line 30 "unsafe_x86_64.ts"
  tsk_mmio_write8(tsk_usize(((uint64_t)addr + 4ULL)), TSK_U8(v));
#line 31 "unsafe_x86_64.ts"
  tsk_outw(0x604, 0x2000);
#line 32 "unsafe_x86_64.ts"
  const uint64_t device = TSK_U64(tsk_mmio_read32(addr));
#line 33 "unsafe_x86_64.ts"
  const uint64_t memory = tsk_load64(addr);
#line 34 "unsafe_x86_64.ts"
  return TSK_U64((((uint64_t)device + (uint64_t)memory) + (uint64_t)TSK_U64(tsk_inl(unsafe_x86_64__COM1))));
}

#line 37 "unsafe_x86_64.ts"
_Noreturn void unsafe_x86_64__stop(void) {
#line 38 "unsafe_x86_64.ts"
  tsk_halt();
#line 39 "unsafe_x86_64.ts"
  tsk_unreachable();
}
