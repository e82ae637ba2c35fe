// Fixed-length arrays and bounds-checked slices: the kernel's indexed storage (docs/SUBSET.md §9).
//
// A FixedArray<T> owns `length` elements, all set to one fill value when it is made; its length
// is a constant of the program (the transpiler checks that) and never changes. A StructArray<T>
// is a module-level table of class instances, each made by `new C()`; get(i) is a reference. A Slice<T> is a
// window [start, start + length) onto storage it does not own: a FixedArray's elements, or raw
// memory (bytesAt and the other *At constructors, unsafe; and the array fields of layouts,
// kernel/layout.ts). Every get, set and sub-slice checks its index against the length and fails
// with CheckFailure("index out of range") where the compiled kernel panics. Indices are usize.
//
// The transpiler lowers these classes by their names, never by compiling this file: a FixedArray
// is a C array (static at module level, on the stack in a function), a Slice a `tsk_slice_<elem>`
// {pointer, length} pair (transpiler/runtime/tsk_rt.h). Generic parameters are erased under
// Deno, so the Deno classes hold the values as given (a u64 element is a bigint) and convert
// only at the memory boundary, little-endian like both target arches.
// Invariants: 0 <= start and start + length <= the storage's size, for every Slice.

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

/** The element types of arrays and slices. */
export type Elem = u8 | u16 | u32 | u64 | i8 | i16 | i32 | i64 | usize | boolean;

/** The integer kinds a slice over raw memory can have. */
export type MemoryKind = "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64";

/** Bytes per element of each memory kind. */
export const MEMORY_KIND_SIZE: Record<MemoryKind, 1 | 2 | 4 | 8> = {
  u8: 1,
  u16: 2,
  u32: 4,
  u64: 8,
  i8: 1,
  i16: 2,
  i32: 4,
  i64: 8,
};

/** Where a slice's elements live: indices are relative to the storage, not to the slice. */
interface Store<T> {
  read(i: number): T;
  write(i: number, v: T): void;
}

function checkIndex(i: number, length: number): void {
  if (!(i >= 0 && i < length)) throw new CheckFailure("index out of range");
}

function checkRange(start: number, end: number, length: number): void {
  if (!(start >= 0 && start <= end && end <= length)) throw new CheckFailure("index out of range");
}

/** A checked window onto elements owned by a FixedArray or by memory. */
export class Slice<T extends Elem> {
  /** The number of elements. */
  readonly length: usize;
  readonly #store: Store<T>;
  readonly #start: number;

  /** Not for kernel code: slices come from FixedArray.slice, asSlice and the *At functions. */
  constructor(store: Store<T>, start: number, length: number) {
    this.#store = store;
    this.#start = start;
    this.length = length as usize;
  }

  /** The element at i (0 <= i < length, else the kernel panics). */
  get(i: usize): T {
    checkIndex(i, this.length);
    return this.#store.read(this.#start + i);
  }

  /** Sets the element at i (0 <= i < length, else the kernel panics). */
  set(i: usize, v: T): void {
    checkIndex(i, this.length);
    this.#store.write(this.#start + i, v);
  }

  /** The elements [start, end) of this slice, sharing its storage. */
  subslice(start: usize, end: usize): Slice<T> {
    checkRange(start, end, this.length);
    return new Slice(this.#store, this.#start + start, end - start);
  }
}

/** `length` elements owned by the array, each initially `fill`. */
export class FixedArray<T extends Elem> {
  /** The number of elements (a constant of the program). */
  readonly length: usize;
  readonly #items: T[];

  constructor(length: number, fill: T) {
    if (!Number.isSafeInteger(length) || length < 0) throw new CheckFailure("bad array length");
    this.length = length as usize;
    this.#items = new Array<T>(length).fill(fill);
  }

  /** The element at i (0 <= i < length, else the kernel panics). */
  get(i: usize): T {
    checkIndex(i, this.length);
    return this.#items[i];
  }

  /** Sets the element at i (0 <= i < length, else the kernel panics). */
  set(i: usize, v: T): void {
    checkIndex(i, this.length);
    this.#items[i] = v;
  }

  /** The elements [start, end) as a slice sharing the array's storage. */
  slice(start: usize, end: usize): Slice<T> {
    checkRange(start, end, this.length);
    return new Slice(this.#arrayStore(), start, end - start);
  }

  /** All elements as a slice. */
  asSlice(): Slice<T> {
    return new Slice(this.#arrayStore(), 0, this.length);
  }

  #arrayStore(): Store<T> {
    const items = this.#items;
    return { read: (i) => items[i], write: (i, v) => void (items[i] = v) };
  }
}

/** `length` instances of a class, each made with `new C()` (a module-level table of structs). */
export class StructArray<T extends object> {
  /** The number of elements (a constant of the program). */
  readonly length: usize;
  readonly #items: T[];

  constructor(length: number, cls: new () => T) {
    if (!Number.isSafeInteger(length) || length < 0) throw new CheckFailure("bad array length");
    this.length = length as usize;
    this.#items = Array.from({ length }, () => new cls());
  }

  /** Element i, a reference into the array (0 <= i < length, else the kernel panics). */
  get(i: usize): T {
    checkIndex(i, this.length);
    return this.#items[i];
  }
}

/** The value of a memory element of kind k from its bits (as read little-endian). */
function fromBits(k: MemoryKind, v: bigint): Elem {
  switch (k) {
    case "u64":
      return v as u64;
    case "i64":
      return BigInt.asIntN(64, v) as i64;
    case "i8":
    case "i16":
    case "i32":
      return Number(BigInt.asIntN(MEMORY_KIND_SIZE[k] * 8, v)) as i32;
    default:
      return Number(v) as u32;
  }
}

/** Not for kernel code: a slice of `len` elements of kind k at addr (kernel/layout.ts). */
export function memorySlice<T extends Elem>(k: MemoryKind, addr: number, len: number): Slice<T> {
  const w = MEMORY_KIND_SIZE[k];
  if (addr % w !== 0) throw new CheckFailure("misaligned address");
  const store: Store<T> = {
    read: (i) => fromBits(k, machine.load(addr + i * w, w)) as T,
    write: (i, v) => machine.store(addr + i * w, w, BigInt(v as number | bigint)),
  };
  return new Slice(store, 0, len);
}

/** The len bytes at addr (unsafe). */
export function bytesAt(addr: usize, len: usize): Slice<u8> {
  return memorySlice("u8", addr, len);
}
/** The len u16 values at addr, which must be 2-aligned (unsafe). */
export function u16sAt(addr: usize, len: usize): Slice<u16> {
  return memorySlice("u16", addr, len);
}
/** The len u32 values at addr, which must be 4-aligned (unsafe). */
export function u32sAt(addr: usize, len: usize): Slice<u32> {
  return memorySlice("u32", addr, len);
}
/** The len u64 values at addr, which must be 8-aligned (unsafe). */
export function u64sAt(addr: usize, len: usize): Slice<u64> {
  return memorySlice("u64", addr, len);
}
