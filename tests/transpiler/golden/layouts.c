/* generated — do not edit: transpiled from layouts.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- layouts ---- */
#line 10 "layouts.ts"
struct __attribute__((may_alias)) layouts__VirtqDesc {
  uint64_t addr;
  uint32_t len;
  uint16_t flags;
  uint16_t next;
};
_Static_assert(offsetof(struct layouts__VirtqDesc, addr) == 0, "VirtqDesc.addr is at offset 0");
_Static_assert(offsetof(struct layouts__VirtqDesc, len) == 8, "VirtqDesc.len is at offset 8");
_Static_assert(offsetof(struct layouts__VirtqDesc, flags) == 12, "VirtqDesc.flags is at offset 12");
_Static_assert(offsetof(struct layouts__VirtqDesc, next) == 14, "VirtqDesc.next is at offset 14");
_Static_assert(sizeof(struct layouts__VirtqDesc) == 16, "VirtqDesc is 16 bytes");
_Static_assert(_Alignof(struct layouts__VirtqDesc) == 8, "VirtqDesc is aligned to 8");
#line 19 "layouts.ts"
struct __attribute__((may_alias)) layouts__Padded {
  uint8_t tag;
  uint32_t value;
  int16_t small;
};
_Static_assert(offsetof(struct layouts__Padded, tag) == 0, "Padded.tag is at offset 0");
_Static_assert(offsetof(struct layouts__Padded, value) == 4, "Padded.value is at offset 4");
_Static_assert(offsetof(struct layouts__Padded, small) == 8, "Padded.small is at offset 8");
_Static_assert(sizeof(struct layouts__Padded) == 12, "Padded is 12 bytes");
_Static_assert(_Alignof(struct layouts__Padded) == 4, "Padded is aligned to 4");
#line 23 "layouts.ts"
struct __attribute__((may_alias)) layouts__FdtHeader {
  uint32_t magic;
  uint32_t totalsize;
  uint32_t offDtStruct;
  uint32_t offDtStrings;
  uint32_t offMemRsvmap;
  uint32_t version;
  uint32_t lastCompVersion;
  uint32_t bootCpuidPhys;
  uint32_t sizeDtStrings;
  uint32_t sizeDtStruct;
};
_Static_assert(offsetof(struct layouts__FdtHeader, magic) == 0, "FdtHeader.magic is at offset 0");
_Static_assert(offsetof(struct layouts__FdtHeader, totalsize) == 4, "FdtHeader.totalsize is at offset 4");
_Static_assert(offsetof(struct layouts__FdtHeader, offDtStruct) == 8, "FdtHeader.offDtStruct is at offset 8");
_Static_assert(offsetof(struct layouts__FdtHeader, offDtStrings) == 12, "FdtHeader.offDtStrings is at offset 12");
_Static_assert(offsetof(struct layouts__FdtHeader, offMemRsvmap) == 16, "FdtHeader.offMemRsvmap is at offset 16");
_Static_assert(offsetof(struct layouts__FdtHeader, version) == 20, "FdtHeader.version is at offset 20");
_Static_assert(offsetof(struct layouts__FdtHeader, lastCompVersion) == 24, "FdtHeader.lastCompVersion is at offset 24");
_Static_assert(offsetof(struct layouts__FdtHeader, bootCpuidPhys) == 28, "FdtHeader.bootCpuidPhys is at offset 28");
_Static_assert(offsetof(struct layouts__FdtHeader, sizeDtStrings) == 32, "FdtHeader.sizeDtStrings is at offset 32");
_Static_assert(offsetof(struct layouts__FdtHeader, sizeDtStruct) == 36, "FdtHeader.sizeDtStruct is at offset 36");
_Static_assert(sizeof(struct layouts__FdtHeader) == 40, "FdtHeader is 40 bytes");
_Static_assert(_Alignof(struct layouts__FdtHeader) == 4, "FdtHeader is aligned to 4");
#line 38 "layouts.ts"
struct __attribute__((may_alias)) layouts__ElfIdent {
  uint8_t bytes[16];
};
_Static_assert(offsetof(struct layouts__ElfIdent, bytes) == 0, "ElfIdent.bytes is at offset 0");
_Static_assert(sizeof(struct layouts__ElfIdent) == 16, "ElfIdent is 16 bytes");
_Static_assert(_Alignof(struct layouts__ElfIdent) == 1, "ElfIdent is aligned to 1");
#line 39 "layouts.ts"
struct __attribute__((may_alias)) layouts__Elf64Head {
  struct layouts__ElfIdent ident;
  uint16_t type;
  uint16_t machine;
  uint32_t version;
  uint64_t entry;
};
_Static_assert(offsetof(struct layouts__Elf64Head, ident) == 0, "Elf64Head.ident is at offset 0");
_Static_assert(offsetof(struct layouts__Elf64Head, type) == 16, "Elf64Head.type is at offset 16");
_Static_assert(offsetof(struct layouts__Elf64Head, machine) == 18, "Elf64Head.machine is at offset 18");
_Static_assert(offsetof(struct layouts__Elf64Head, version) == 20, "Elf64Head.version is at offset 20");
_Static_assert(offsetof(struct layouts__Elf64Head, entry) == 24, "Elf64Head.entry is at offset 24");
_Static_assert(sizeof(struct layouts__Elf64Head) == 32, "Elf64Head is 32 bytes");
_Static_assert(_Alignof(struct layouts__Elf64Head) == 8, "Elf64Head is aligned to 8");
#line 49 "layouts.ts"
struct __attribute__((packed, may_alias)) layouts__Packed {
  uint8_t kind;
  uint64_t addr;
  uint16_t len;
};
_Static_assert(offsetof(struct layouts__Packed, kind) == 0, "Packed.kind is at offset 0");
_Static_assert(offsetof(struct layouts__Packed, addr) == 1, "Packed.addr is at offset 1");
_Static_assert(offsetof(struct layouts__Packed, len) == 9, "Packed.len is at offset 9");
_Static_assert(sizeof(struct layouts__Packed) == 11, "Packed is 11 bytes");
_Static_assert(_Alignof(struct layouts__Packed) == 1, "Packed is aligned to 1");
#line 53 "layouts.ts"
struct __attribute__((may_alias)) layouts__UartRegs {
  uint32_t data;
  uint32_t status;
  int32_t ctrl;
};
_Static_assert(offsetof(struct layouts__UartRegs, data) == 0, "UartRegs.data is at offset 0");
_Static_assert(offsetof(struct layouts__UartRegs, status) == 4, "UartRegs.status is at offset 4");
_Static_assert(offsetof(struct layouts__UartRegs, ctrl) == 8, "UartRegs.ctrl is at offset 8");
_Static_assert(sizeof(struct layouts__UartRegs) == 12, "UartRegs is 12 bytes");
_Static_assert(_Alignof(struct layouts__UartRegs) == 4, "UartRegs is aligned to 4");

/* ---- structs ---- */

/* ---- prototypes ---- */
void layouts__descFill(struct layouts__VirtqDesc *d, uint64_t addr, uint32_t len);
struct layouts__VirtqDesc *layouts__descAt(uint64_t table, uint64_t i);
bool layouts__fdtMagicOk(uint64_t addr);
uint8_t layouts__elfClass(uint64_t addr);
uint64_t layouts__packedAddr(uint64_t addr);
int32_t layouts__uartSend(uint64_t base, uint8_t b);
uint64_t layouts__sizes(void);
uint32_t layouts__uart0Status(void);

/* ---- globals ---- */
#line 58 "layouts.ts"
struct layouts__UartRegs *const layouts__UART0 = (struct layouts__UartRegs *)(uintptr_t)0x9000000ULL;
#line 60 "layouts.ts"
const uint64_t layouts__DESC_TABLE_BYTES = 4096ULL;
#line 61 "layouts.ts"
const uint64_t layouts__LEN_OFFSET = 8ULL;

/* ---- functions ---- */

#line 63 "layouts.ts"
void layouts__descFill(struct layouts__VirtqDesc *d, uint64_t addr, uint32_t len) {
#line 64 "layouts.ts"
  d->addr = addr;
#line 65 "layouts.ts"
  d->len = len;
#line 66 "layouts.ts"
  d->flags = 1;
#line 67 "layouts.ts"
  d->next = 0;
}

#line 70 "layouts.ts"
struct layouts__VirtqDesc *layouts__descAt(uint64_t table, uint64_t i) {
  TSK_ASSUME_USIZE(table);
  TSK_ASSUME_USIZE(i);
#line 71 "layouts.ts"
  return (struct layouts__VirtqDesc *)tsk_layout_at(tsk_usize(((uint64_t)table + tsk_mul_usize((uint64_t)i, (uint64_t)((uint64_t)sizeof(struct layouts__VirtqDesc))))), 8);
}

#line 74 "layouts.ts"
bool layouts__fdtMagicOk(uint64_t addr) {
  TSK_ASSUME_USIZE(addr);
#line 75 "layouts.ts"
  struct layouts__FdtHeader *const h = (struct layouts__FdtHeader *)tsk_layout_at(addr, 4);
#line 76 "layouts.ts"
  return (__builtin_bswap32(h->magic) == 0xd00dfeedU) && (__builtin_bswap32(h->version) >= 17U);
}

#line 79 "layouts.ts"
uint8_t layouts__elfClass(uint64_t addr) {
  TSK_ASSUME_USIZE(addr);
#line 80 "layouts.ts"
  struct layouts__Elf64Head *const e = (struct layouts__Elf64Head *)tsk_layout_at(addr, 8);
#line 81 "layouts.ts"
  const tsk_slice_u8 ident = (tsk_slice_u8){(&e->ident)->bytes, 16};
#line 82 "layouts.ts"
  tsk_slice_u8_set(((tsk_slice_u8){(&e->ident)->bytes, 16}), 0ULL, 0x7f);
#line 83 "layouts.ts"
  return tsk_slice_u8_get(ident, 4ULL);
}

#line 86 "layouts.ts"
uint64_t layouts__packedAddr(uint64_t addr) {
  TSK_ASSUME_USIZE(addr);
#line 87 "layouts.ts"
  struct layouts__Packed *const p = (struct layouts__Packed *)(uintptr_t)addr;
#line 88 "layouts.ts"
  p->len = TSK_U16(((uint32_t)(p->len) + 1U));
#line 89 "layouts.ts"
  return p->addr;
}

#line 92 "layouts.ts"
int32_t layouts__uartSend(uint64_t base, uint8_t b) {
  TSK_ASSUME_USIZE(base);
#line 93 "layouts.ts"
  struct layouts__UartRegs *const r = (struct layouts__UartRegs *)tsk_layout_at(base, 4);
#line 94 "layouts.ts"
  while (TSK_U32(((uint32_t)(tsk_mmio_read32((uint64_t)(uintptr_t)&r->status)) & 0x20U)) == 0U) {
#line 95 "layouts.ts"
    tsk_mmio_write32((uint64_t)(uintptr_t)&r->status, 0U);
  }
#line 97 "layouts.ts"
  tsk_mmio_write32((uint64_t)(uintptr_t)&r->data, TSK_U32(b));
#line 98 "layouts.ts"
  return (int32_t)tsk_mmio_read32((uint64_t)(uintptr_t)&r->ctrl);
}

#line 101 "layouts.ts"
uint64_t layouts__sizes(void) {
#line 102 "layouts.ts"
  return tsk_usize(((((uint64_t)((uint64_t)sizeof(struct layouts__Padded)) + (uint64_t)((uint64_t)_Alignof(struct layouts__Padded))) + (uint64_t)((uint64_t)offsetof(struct layouts__Elf64Head, entry))) + (uint64_t)layouts__LEN_OFFSET));
}

#line 105 "layouts.ts"
uint32_t layouts__uart0Status(void) {
#line 106 "layouts.ts"
  return tsk_mmio_read32((uint64_t)(uintptr_t)&layouts__UART0->status);
}
