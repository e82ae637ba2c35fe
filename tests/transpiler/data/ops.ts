// deno-lint-ignore-file no-unused-vars
"use unsafe";
// Hosted differential program for the data features (docs/SUBSET.md §5, §9, §10): layouts,
// arrays, slices, stack structs, bulk memory and atomics. data_test.ts calls every exported
// function with `mem`, the address of a zeroed 4096-byte buffer (simulated RAM under Deno, a
// static array in C), and the same argument vectors in both worlds, then compares the results,
// the panics and a checksum of the buffer. Addresses stay inside the buffer (offsets are
// reduced with %), so only the checks under test can fail.
// @rule R-LAYOUT-1
// @rule R-LAYOUT-2
// @rule R-LAYOUT-3
// @rule R-LAYOUT-4
// @rule R-LAYOUT-5
// @rule R-LAYOUT-6
// @rule R-LAYOUT-7
// @rule R-LAYOUT-8
// @rule R-LAYOUT-9
// @rule R-TYPE-12
// @rule R-ARRAY-3
// @rule R-ARRAY-4
// @rule R-ARRAY-5
// @rule R-ARRAY-6
// @rule R-ARRAY-7
// @rule R-STRUCT-4
// @rule R-STRUCT-6
// @rule R-STRUCT-7
// @rule R-MEM-1
// @rule R-MEM-2
// @rule R-MEM-3
// @rule R-MEM-4

import { i16, i32, i64, mulI32, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { layout, type LayoutOf } from "../../../kernel/layout.ts";
import { bytesAt, FixedArray, type Slice, u16sAt, u32sAt, u64sAt } from "../../../kernel/array.ts";
import {
  atomicAdd32,
  atomicAdd64,
  atomicCas32,
  atomicCas64,
  atomicLoad32,
  atomicLoad64,
  atomicStore32,
  atomicSwap32,
  atomicSwap64,
  fenceFull,
  load32,
  memCompare,
  memCopy,
  memSet,
  store8,
} from "../../../kernel/intrinsics.ts";

export const VirtqDesc = layout("VirtqDesc", {
  addr: "u64",
  len: "u32",
  flags: "u16",
  next: "u16",
});
export type VirtqDesc = LayoutOf<typeof VirtqDesc>;
export const Mixed = layout("Mixed", {
  tag: "u8",
  value: "i32",
  small: "i16",
  wide: "i64",
  magic: "u32be",
  port: "u16be",
  seq: "u64be",
});
export type Mixed = LayoutOf<typeof Mixed>;
export const Ident = layout("Ident", { bytes: "u8[16]" });
export const Head = layout("Head", { ident: Ident, kind: "u16", words: "u32[3]", entry: "u64" });
export type Head = LayoutOf<typeof Head>;
export const Packed = layout("Packed", { kind: "u8", addr: "u64", len: "u16" }, { packed: true });
export const Regs = layout("Regs", { data: "u32", status: "u32", ctrl: "i16" }, { mmio: true });

const TABLE = new FixedArray<u32>(16, u32(3));
const FLAGS = new FixedArray<boolean>(8, false);
const WIDE = new FixedArray<i64>(4, i64(-1));

export class Point {
  x: u32 = u32(0);
  y: u32 = u32(0);
}

export class Shape {
  origin: Point = new Point();
  corner: Point = new Point();
  hits: FixedArray<u16> = new FixedArray<u16>(4, u16(0));
  closed: boolean = false;
}

export const shape = new Shape();

function slot(i: usize, n: usize): usize {
  return usize(i % n);
}

// ---- layouts ----

export function descRoundTrip(mem: usize, i: usize, len: u32): u64 {
  const d = VirtqDesc.at(usize(mem + slot(i, usize(64)) * VirtqDesc.size));
  d.addr = u64(u64(len) << 32n | 0xabcn);
  d.len = len;
  d.flags = u16(len);
  d.next = u16(u32(len >>> 16) + 1);
  return u64(d.addr + u64(d.len) + u64(d.flags) + u64(d.next));
}

export function descAtOffset(mem: usize, off: usize): u32 {
  const d = VirtqDesc.at(usize(mem + slot(off, usize(4000))));
  d.len = u32(off);
  return d.len;
}

export function mixedKinds(mem: usize, v: i32): i64 {
  const m: Mixed = Mixed.at(usize(mem + 64));
  m.tag = u8(v);
  m.value = v;
  m.small = i16(v);
  m.wide = i64(v);
  m.magic = u32(v);
  m.port = u16(v);
  m.seq = u64(i64(v));
  const lo = u32(read32(usize(mem + 64 + Mixed.offsetOf("magic"))));
  return i64(
    i64(m.tag) + i64(m.value) + i64(m.small) + m.wide + i64(m.magic) + i64(m.port) +
      i64(m.seq) + i64(lo),
  );
}

function read32(addr: usize): u32 {
  return u32sAt(addr, usize(1)).get(usize(0));
}

export function nested(mem: usize, i: usize, b: u8): u32 {
  const h: Head = Head.at(usize(mem + 128));
  h.ident.bytes.set(slot(i, usize(20)), b);
  h.words.set(slot(i, usize(3)), u32(b));
  h.kind = u16(Head.size);
  h.entry = u64(h.ident.bytes.get(usize(0)));
  return u32(u32(h.kind) + h.words.get(usize(2)) + u32(h.ident.bytes.length) + u32(h.entry));
}

export function packed(mem: usize, off: usize, v: u64): u64 {
  const p = Packed.at(usize(mem + 256 + slot(off, usize(64))));
  p.kind = u8(off);
  p.addr = v;
  p.len = u16(p.kind + 1);
  return u64(p.addr ^ u64(p.len));
}

export function regs(mem: usize, v: u32): i32 {
  const r = Regs.at(usize(mem + 512));
  r.data = v;
  r.status = u32(r.data + 1);
  r.ctrl = i16(v);
  const ctrl = r.ctrl;
  return i32(i32(ctrl) + i32(r.status));
}

/** Overlapping accesses of different widths through views, slices and the raw intrinsics see
 *  each other (strict aliasing is on in the C). */
export function overlap(mem: usize, v: u32): u32 {
  const a = usize(mem + 3072);
  const d = VirtqDesc.at(a);
  d.len = v;
  const h = u16sAt(usize(a + 8), usize(2));
  h.set(usize(1), u16(0xbeef));
  const first = d.len;
  store8(usize(a + 8), u8(0x11));
  const second = u32(bytesAt(usize(a + 8), usize(4)).get(usize(0)));
  d.flags = u16(v);
  const third = load32(usize(a + 12));
  const w = u32sAt(usize(a + 8), usize(2));
  w.set(usize(1), u32(0x01020304));
  const fourth = u32(d.next);
  return u32(first ^ second ^ third ^ fourth ^ d.len);
}

// ---- arrays and slices ----

export function tableSet(mem: usize, i: usize, v: u32): u32 {
  TABLE.set(i, v);
  FLAGS.set(slot(i, usize(8)), true);
  return u32(
    TABLE.get(usize(0)) + TABLE.get(usize(15)) + (FLAGS.get(usize(3)) ? u32(100) : u32(0)),
  );
}

function sum(s: Slice<u32>): u32 {
  let t = u32(0);
  for (let i = usize(0); i < s.length; i = usize(i + 1)) {
    t = u32(t + s.get(i));
  }
  return t;
}

export function tableSlice(mem: usize, a: usize, b: usize): u32 {
  return sum(TABLE.slice(a, b));
}

export function localArray(mem: usize, i: usize, v: u8): u32 {
  const buf = new FixedArray<u8>(40, v);
  const words = new FixedArray<u32>(8, u32(0));
  buf.set(i, u8(v + 1));
  for (let k = usize(0); k < words.length; k = usize(k + 1)) {
    words.set(k, u32(buf.get(k) + buf.get(usize(k + 8))));
  }
  const tail = words.asSlice().subslice(usize(4), usize(8));
  const head = sum(words.slice(usize(0), usize(2)));
  return u32(sum(tail) + head);
}

export function subslices(mem: usize, a: usize, b: usize): u32 {
  const s = TABLE.asSlice().subslice(usize(2), usize(12));
  const t = s.subslice(a, b);
  t.set(usize(0), u32(t.length));
  return sum(t);
}

export function wide(mem: usize, i: usize, v: i64): i64 {
  WIDE.set(slot(i, usize(4)), v);
  return i64(WIDE.get(usize(0)) + WIDE.get(usize(3)));
}

export function memorySlices(mem: usize, i: usize, v: u32): u64 {
  const b = bytesAt(usize(mem + 600), usize(64));
  const w = u32sAt(usize(mem + 600), usize(16));
  const h = u16sAt(usize(mem + 600), usize(32));
  const q = u64sAt(usize(mem + 600), usize(8));
  w.set(slot(i, usize(16)), v);
  b.set(usize(63), u8(v));
  h.set(usize(1), u16(v >>> 8));
  const k = slot(i, usize(16));
  return u64(q.get(k < usize(2) ? usize(0) : usize(1)) + u64(b.get(i)));
}

export function misalignedSlice(mem: usize, off: usize): u32 {
  const w = u32sAt(usize(mem + slot(off, usize(64))), usize(4));
  return w.get(usize(0));
}

// ---- stack structs ----

function grow(p: Point, by: u32): void {
  p.x = u32(p.x + by);
  p.y = u32(p.y + by + by);
}

function pick(a: Point, b: Point, first: boolean): Point {
  return first ? a : b;
}

export function stackStructs(mem: usize, n: u32): u32 {
  let total = u32(0);
  for (let i = u32(0); i < u32(n % 5); i = u32(i + 1)) {
    const p = new Point();
    grow(p, i);
    const q = new Point();
    grow(pick(p, q, u32(i % 2) === 0), u32(1));
    total = u32(total + p.x + p.y + q.x + q.y);
  }
  const s = new Shape();
  grow(s.corner, n);
  s.hits.set(usize(n % 4), u16(n));
  s.closed = n > 7;
  grow(shape.origin, u32(1));
  shape.hits.set(usize(1), u16(shape.hits.get(usize(1)) + 1));
  return u32(
    total + s.corner.y + u32(s.hits.get(usize(n % 4))) + (s.closed ? u32(1) : u32(0)) +
      shape.origin.x + u32(shape.hits.get(usize(1))),
  );
}

// ---- bulk memory and atomics ----

export function copies(mem: usize, off: usize, n: usize): i32 {
  const len = slot(n, usize(64));
  for (let k = usize(0); k < usize(128); k = usize(k + 1)) {
    bytesAt(usize(mem + 1024), usize(128)).set(k, u8(usize(k * 3)));
  }
  memCopy(usize(mem + 1024 + slot(off, usize(32))), usize(mem + 1024), len);
  memSet(usize(mem + 1200), u8(off), len);
  const first = memCompare(usize(mem + 1024), usize(mem + 1032), len);
  const second = memCompare(usize(mem + 1200), usize(mem + 1024), len);
  return i32(mulI32(first, i32(1000)) + second);
}

export function atomics32(mem: usize, off: usize, v: u32): u32 {
  const a = usize(mem + 2048 + slot(off, usize(16)));
  atomicStore32(a, v);
  const old = atomicAdd32(a, u32(0xfffffff0));
  const swapped = atomicSwap32(a, u32(old ^ 0xff));
  const won = atomicCas32(a, u32(old ^ 0xff), u32(7));
  const lost = atomicCas32(a, u32(old ^ 0xff), u32(9));
  fenceFull();
  return u32(atomicLoad32(a) + swapped + (won ? u32(10) : u32(0)) + (lost ? u32(100) : u32(0)));
}

export function atomics64(mem: usize, off: usize, v: u64): u64 {
  const a = usize(mem + 2560 + slot(off, usize(32)));
  atomicStore32(a, u32(0));
  const old = atomicAdd64(a, v);
  const swapped = atomicSwap64(a, u64(v + 1n));
  const won = atomicCas64(a, u64(v + 1n), u64(old + 5n));
  return u64(atomicLoad64(a) + swapped + (won ? u64(1) : u64(0)));
}
