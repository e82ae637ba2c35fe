"use unsafe";
// Fixed layouts (docs/SUBSET.md §5.2): natural alignment, packed, big-endian fields, arrays,
// nested layouts, MMIO register blocks, and the size/align/offsetOf constants.

import { i32, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { layout, type LayoutOf } from "../../../kernel/layout.ts";
import type { Slice } from "../../../kernel/array.ts";

/** A virtio split-queue descriptor (virtio 1.2 §2.7.5). */
export const VirtqDesc = layout("VirtqDesc", {
  addr: "u64",
  len: "u32",
  flags: "u16",
  next: "u16",
});
export type VirtqDesc = LayoutOf<typeof VirtqDesc>;

/** Padding appears before a wider field and at the end. */
export const Padded = layout("Padded", { tag: "u8", value: "u32", small: "i16" });
export type Padded = LayoutOf<typeof Padded>;

/** The flattened devicetree header (Devicetree Specification v0.4 §5.2): big-endian. */
export const FdtHeader = layout("FdtHeader", {
  magic: "u32be",
  totalsize: "u32be",
  offDtStruct: "u32be",
  offDtStrings: "u32be",
  offMemRsvmap: "u32be",
  version: "u32be",
  lastCompVersion: "u32be",
  bootCpuidPhys: "u32be",
  sizeDtStrings: "u32be",
  sizeDtStruct: "u32be",
});
export type FdtHeader = LayoutOf<typeof FdtHeader>;

/** e_ident and a few fields of an ELF64 header. */
export const ElfIdent = layout("ElfIdent", { bytes: "u8[16]" });
export const Elf64Head = layout("Elf64Head", {
  ident: ElfIdent,
  type: "u16",
  machine: "u16",
  version: "u32",
  entry: "u64",
});
export type Elf64Head = LayoutOf<typeof Elf64Head>;

/** A packed record: no padding at all. */
export const Packed = layout("Packed", { kind: "u8", addr: "u64", len: "u16" }, { packed: true });
export type Packed = LayoutOf<typeof Packed>;

/** A device register block. */
export const UartRegs = layout("UartRegs", { data: "u32", status: "u32", ctrl: "i32" }, {
  mmio: true,
});

/** A register block at a fixed address: a module-level view. */
export const UART0 = UartRegs.at(usize(0x9000000));

export const DESC_TABLE_BYTES: usize = usize(VirtqDesc.size * 256);
const LEN_OFFSET: usize = VirtqDesc.offsetOf("len");

export function descFill(d: VirtqDesc, addr: u64, len: u32): void {
  d.addr = addr;
  d.len = len;
  d.flags = u16(1);
  d.next = u16(0);
}

export function descAt(table: usize, i: usize): VirtqDesc {
  return VirtqDesc.at(usize(table + i * VirtqDesc.size));
}

export function fdtMagicOk(addr: usize): boolean {
  const h = FdtHeader.at(addr);
  return h.magic === 0xd00dfeed && h.version >= 17;
}

export function elfClass(addr: usize): u8 {
  const e = Elf64Head.at(addr);
  const ident: Slice<u8> = e.ident.bytes;
  e.ident.bytes.set(usize(0), u8(0x7f));
  return ident.get(usize(4));
}

export function packedAddr(addr: usize): u64 {
  const p = Packed.at(addr);
  p.len = u16(p.len + 1);
  return p.addr;
}

export function uartSend(base: usize, b: u8): i32 {
  const r = UartRegs.at(base);
  while (u32(r.status & 0x20) === 0) {
    r.status = u32(0);
  }
  r.data = u32(b);
  return r.ctrl;
}

export function sizes(): usize {
  return usize(Padded.size + Padded.align + Elf64Head.offsetOf("entry") + LEN_OFFSET);
}

export function uart0Status(): u32 {
  return UART0.status;
}
