// Fixed-layout structs: typed views of memory whose byte layout a spec fixes (docs/SUBSET.md §5.2).
//
// TypeScript erases types, so a layout is declared as a value the program can see at run time:
//
//   export const VirtqDesc = layout("VirtqDesc", { addr: "u64", len: "u32", flags: "u16",
//     next: "u16" });
//   export type VirtqDesc = LayoutOf<typeof VirtqDesc>;
//
// Fields are laid out in declaration order, each at the next multiple of its alignment (its size
// for integers, the element's for arrays, the nested layout's for layouts); the size is rounded
// up to the largest alignment. With { packed: true } every alignment is 1 (no padding at all).
// computeLayout below is that algorithm; transpiler/layout_model.ts has the same one (the
// transpiler never imports kernel code) and a test checks that they agree, and the generated C
// `_Static_assert`s every offset, the size and the alignment against the C compiler's own layout.
//
// `X.at(addr)` (unsafe) is a view of the memory at addr: reading `v.len` loads the field,
// `v.len = u32(5)` stores it, little-endian (both target arches are), big-endian for the
// u16be/u32be/u64be kinds; an array field ("u8[16]") reads as a Slice over its bytes, a nested
// layout field as a view. addr must be a multiple of the layout's alignment, else the kernel
// panics (C would have undefined behaviour). With { mmio: true } every field access is an MMIO
// access (volatile, between compiler barriers in C). Under Deno a view reads and writes the
// simulated machine (kernel/intrinsics.ts), so tests map RAM or a device model at addr first.
// Invariant: a view's address is aligned for its layout, so every field access is aligned
// (unless packed, where the C compiler emits unaligned-safe accesses).

import {
  CheckFailure,
  type i16,
  type i32,
  type i64,
  type i8,
  type u16,
  type u32,
  type u64,
  type u8,
  type usize,
} from "./int.ts";
import { machine } from "./intrinsics.ts";
import { MEMORY_KIND_SIZE, type MemoryKind, memorySlice, type Slice } from "./array.ts";

/** A field that holds one integer; the `be` kinds are big-endian in memory. */
export type ScalarKind = MemoryKind | "u16be" | "u32be" | "u64be";
/** A fixed-length array field, e.g. "u8[16]" (N >= 1). */
export type ArrayKind = `${MemoryKind}[${number}]`;
/** What a layout field can be: an integer, an array of integers, or another layout. */
// deno-lint-ignore no-explicit-any
export type FieldKind = ScalarKind | ArrayKind | Layout<string, any>;

interface ScalarTypes {
  u8: u8;
  u16: u16;
  u32: u32;
  u64: u64;
  i8: i8;
  i16: i16;
  i32: i32;
  i64: i64;
  u16be: u16;
  u32be: u32;
  u64be: u64;
}

type FieldType<K> = K extends ScalarKind ? ScalarTypes[K]
  : K extends `${infer E extends MemoryKind}[${number}]` ? Slice<ScalarTypes[E]>
  : K extends Layout<infer N, infer F> ? View<N, F>
  : never;

type ScalarKeys<F> = { [K in keyof F]: F[K] extends ScalarKind ? K : never }[keyof F];

/** A view of layout N with fields F: scalar fields are read and assigned, the others read. */
export type View<N extends string, F> =
  & { -readonly [K in ScalarKeys<F>]: FieldType<F[K]> }
  & { readonly [K in Exclude<keyof F, ScalarKeys<F>>]: FieldType<F[K]> }
  & { readonly __layout: N };

/** The view type of a layout value: `export type X = LayoutOf<typeof X>;`. */
export type LayoutOf<L> = L extends Layout<infer N, infer F> ? View<N, F> : never;

export interface LayoutOptions {
  /** No padding: every field at the next byte (alignment 1). */
  packed?: boolean;
  /** A device register block: every access is an MMIO access. Scalar fields only. */
  mmio?: boolean;
}

/** Size and alignment of one field, for computeLayout. */
export interface FieldShape {
  size: number;
  align: number;
}

/** Field offsets, size and alignment of a layout: the algorithm of the header comment. */
export function computeLayout(
  fields: FieldShape[],
  packed: boolean,
): { offsets: number[]; size: number; align: number } {
  const offsets: number[] = [];
  let off = 0;
  let align = 1;
  for (const f of fields) {
    const a = packed ? 1 : f.align;
    off = Math.ceil(off / a) * a;
    offsets.push(off);
    off += f.size;
    align = Math.max(align, a);
  }
  return { offsets, size: Math.ceil(off / align) * align, align };
}

const SCALAR_SIZE: Record<ScalarKind, 1 | 2 | 4 | 8> = {
  ...MEMORY_KIND_SIZE,
  u16be: 2,
  u32be: 4,
  u64be: 8,
};

const ARRAY_KIND = /^(u8|u16|u32|u64|i8|i16|i32|i64)\[([1-9][0-9]*)\]$/;

/** Where a view's address is kept (a symbol, so no field name can collide with it). */
const ADDR: unique symbol = Symbol("layout view address");

type Accessor = { get(addr: number): unknown; set?(addr: number, v: unknown): void };

/** A layout: its name, size, field offsets, and views of memory. */
export class Layout<N extends string, F> {
  /** Type-level only: the field kinds. */
  declare readonly __fields: F;
  /** The layout's size in bytes (a multiple of its alignment). */
  readonly size: usize;
  /** The layout's alignment in bytes (1 when packed). */
  readonly align: usize;
  readonly #offsets: Map<string, number>;
  readonly #proto: object;

  /** Not for kernel code: call layout(). */
  constructor(readonly name: N, fields: Record<string, FieldKind>, options: LayoutOptions) {
    const entries = Object.entries(fields);
    if (entries.length === 0) throw new Error(`layout ${name} has no fields`);
    if (options.packed && options.mmio) throw new Error(`layout ${name}: packed and mmio`);
    const shapes = entries.map(([f, k]) => fieldShape(name, f, k, options));
    const { offsets, size, align } = computeLayout(shapes, options.packed === true);
    this.size = size as usize;
    this.align = align as usize;
    this.#offsets = new Map(entries.map(([f], i) => [f, offsets[i]]));
    const proto = {};
    entries.forEach(([f, k], i) => {
      const acc = accessor(k, options.mmio === true);
      const off = offsets[i];
      Object.defineProperty(proto, f, {
        get(this: { [ADDR]: number }) {
          return acc.get(this[ADDR] + off);
        },
        set: acc.set && function (this: { [ADDR]: number }, v: unknown) {
          acc.set!(this[ADDR] + off, v);
        },
      });
    });
    this.#proto = proto;
  }

  /** A view of the memory at addr, which must be a multiple of the alignment (unsafe). */
  at(addr: usize): View<N, F> {
    if (addr % this.align !== 0) throw new CheckFailure("misaligned address");
    const v = Object.create(this.#proto);
    Object.defineProperty(v, ADDR, { value: addr });
    return v as View<N, F>;
  }

  /** The byte offset of a field. */
  offsetOf(field: keyof F & string): usize {
    const off = this.#offsets.get(field);
    if (off === undefined) throw new Error(`layout ${this.name} has no field ${field}`);
    return off as usize;
  }
}

function fieldShape(name: string, f: string, k: FieldKind, o: LayoutOptions): FieldShape {
  if (typeof k !== "string") {
    if (o.mmio) throw new Error(`layout ${name}.${f}: mmio layouts have scalar fields only`);
    if (o.packed && k.align !== 1) throw new Error(`layout ${name}.${f}: nest packed layouts`);
    return { size: k.size, align: k.align };
  }
  if (Object.hasOwn(SCALAR_SIZE, k)) {
    const size = SCALAR_SIZE[k as ScalarKind];
    return { size, align: size };
  }
  const m = k.match(ARRAY_KIND);
  if (!m) throw new Error(`layout ${name}.${f}: unknown field kind ${k}`);
  if (o.mmio) throw new Error(`layout ${name}.${f}: mmio layouts have scalar fields only`);
  const w = MEMORY_KIND_SIZE[m[1] as MemoryKind];
  if (o.packed && w !== 1) throw new Error(`layout ${name}.${f}: packed arrays are of bytes`);
  return { size: w * Number(m[2]), align: w };
}

/** Reverses the low `bytes` bytes of v. */
function byteSwap(v: bigint, bytes: number): bigint {
  let r = 0n;
  for (let i = 0; i < bytes; i++) r = (r << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return r;
}

function accessor(k: FieldKind, mmio: boolean): Accessor {
  void mmio; // under Deno an MMIO access is a machine access like any other
  if (typeof k !== "string") return { get: (a) => k.at(a as usize) };
  const m = k.match(ARRAY_KIND);
  if (m) {
    const e = m[1] as MemoryKind;
    const n = Number(m[2]);
    return { get: (a) => memorySlice(e, a, n) };
  }
  const w = SCALAR_SIZE[k as ScalarKind];
  const be = k.endsWith("be");
  const bits = w * 8;
  const signed = k.startsWith("i");
  return {
    get(a) {
      let v = machine.load(a, w);
      if (be) v = byteSwap(v, w);
      if (signed) v = BigInt.asIntN(bits, v);
      return bits === 64 ? v : Number(v);
    },
    set(a, value) {
      let v = BigInt.asUintN(bits, BigInt(value as number | bigint));
      if (be) v = byteSwap(v, w);
      machine.store(a, w, v);
    },
  };
}

/** Declares a layout: `export const X = layout("X", { field: kind, ... }, options?)` at module
 *  level, where the name is the const's own name. */
export function layout<const N extends string, const F extends Record<string, FieldKind>>(
  name: N,
  fields: F,
  options: LayoutOptions = {},
): Layout<N, F> {
  return new Layout(name, fields, options);
}
