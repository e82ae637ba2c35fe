"use unsafe";
// Fixed layouts (§5.2) over the hosted program's RAM: natural alignment with padding, packed,
// big-endian fields, array fields as slices, nested layouts as views, size/align/offsetOf
// constants, and the bytes each store leaves in memory (read back with raw loads).
// @rule R-LAYOUT-1
// @rule R-LAYOUT-2
// @rule R-LAYOUT-3
// @rule R-LAYOUT-4
// @rule R-LAYOUT-5
// @rule R-LAYOUT-6
// @rule R-LAYOUT-8
// @rule R-LAYOUT-9
// @rule R-TYPE-12
// @rule R-MEM-4

import { i16, i32, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { layout, type LayoutOf } from "../../../kernel/layout.ts";
import { load32, load64, load8 } from "../../../kernel/intrinsics.ts";
import { println, showI16, showU16, showU32, showU64, showU8, showUsize } from "../lib/out.ts";

export const Desc = layout("Desc", { addr: "u64", len: "u32", flags: "u16", next: "u16" });
export type Desc = LayoutOf<typeof Desc>;

export const Padded = layout("Padded", { tag: "u8", value: "u32", small: "i16" });
export type Padded = LayoutOf<typeof Padded>;

export const Header = layout("Header", { magic: "u32be", version: "u32be", size: "u64be" });
export type Header = LayoutOf<typeof Header>;

export const Ident = layout("Ident", { bytes: "u8[6]" });
export const Record = layout("Record", { ident: Ident, kind: "u16", words: "u32[3]" });
export type Record = LayoutOf<typeof Record>;

export const Packed = layout("Packed", { kind: "u8", addr: "u64", len: "u16" }, { packed: true });
export type Packed = LayoutOf<typeof Packed>;

const BASE: usize = usize(0x40003000);
const DESC_BYTES: usize = usize(Desc.size * 4);

function descAt(i: usize): Desc {
  return Desc.at(usize(BASE + i * Desc.size));
}

function fillDesc(d: Desc, addr: u64, len: u32): void {
  d.addr = addr;
  d.len = len;
  d.flags = u16(1);
  d.next = u16(u32(len & 0xffff));
}

export function main(): void {
  println("constants");
  showUsize("Desc.size", Desc.size);
  showUsize("Padded.size", Padded.size);
  showUsize("Padded.align", Padded.align);
  showUsize("Padded.offsetOf(small)", Padded.offsetOf("small"));
  showUsize("Record.size", Record.size);
  showUsize("Record.offsetOf(words)", Record.offsetOf("words"));
  showUsize("Packed.size", Packed.size);
  showUsize("DESC_BYTES", DESC_BYTES);
  println("descriptors");
  for (let i = usize(0); i < 4; i = usize(i + 1)) {
    fillDesc(descAt(i), u64(u64(i) * 0x1000n + 0xfff0000000000000n), u32(usize(i * 100 + 7)));
  }
  const d2 = descAt(usize(2));
  showU64("d2.addr", d2.addr);
  showU32("d2.len", d2.len);
  showU16("d2.next", d2.next);
  showU64("raw addr of d3", load64(usize(BASE + Desc.size * 3)));
  showU32("raw len of d1", load32(usize(BASE + Desc.size + Desc.offsetOf("len"))));
  println("padding and sign");
  const p = Padded.at(usize(BASE + 0x100));
  p.tag = u8(0xab);
  p.value = u32(0xdeadbeef);
  p.small = i16(-2);
  showI16("p.small", p.small);
  showU8("byte at offset 1 (padding)", load8(usize(BASE + 0x101)));
  showU32("raw value", load32(usize(BASE + 0x104)));
  println("big-endian");
  const h = Header.at(usize(BASE + 0x200));
  h.magic = u32(0xd00dfeed);
  h.version = u32(17);
  h.size = u64(0x0102030405060708n);
  showU8("first byte of magic", load8(usize(BASE + 0x200)));
  showU32("raw magic (little-endian read)", load32(usize(BASE + 0x200)));
  showU32("h.magic", h.magic);
  showU64("h.size", h.size);
  showU64("raw size", load64(usize(BASE + 0x208)));
  println("arrays and nesting");
  const r = Record.at(usize(BASE + 0x300));
  for (let i = usize(0); i < r.ident.bytes.length; i = usize(i + 1)) {
    r.ident.bytes.set(i, u8(usize(0x41 + i)));
  }
  r.kind = u16(0x7f45);
  r.words.set(usize(2), u32(0xcafef00d));
  showU8("ident[5]", r.ident.bytes.get(usize(5)));
  showU32("words[2]", r.words.get(usize(2)));
  showU32("raw word 2", load32(usize(BASE + 0x300 + Record.offsetOf("words") + 8)));
  showU16("kind", r.kind);
  println("packed");
  const k = Packed.at(usize(BASE + 0x401));
  k.kind = u8(9);
  k.addr = u64(0x1122334455667788n);
  k.len = u16(0xffff);
  k.len = u16(k.len + 2);
  showU64("k.addr", k.addr);
  showU16("k.len", k.len);
  showU8("raw byte of addr", load8(usize(BASE + 0x402)));
  showU32("i32 check", u32(i32(-1)));
}
