// Branded integer types of the kernel subset and their wrap (conversion) functions.
//
// Every kernel integer has a brand, so `deno check` rejects a value that was not passed through
// the wrap function of its type. Arithmetic on branded values yields an unbranded "raw" number
// (or bigint), which must be wrapped again before it is stored, compared or passed on. The wrap
// functions define the result exactly, identically under Deno and in the transpiled C:
//   - u8 u16 u32 i8 i16 i32: value modulo 2^N, read as unsigned or two's complement;
//   - u64 i64: bigint, modulo 2^64 (BigInt.asUintN / asIntN);
//   - usize: a checked size/address type; it must be an integer in [0, 2^53), else panic.
// A raw value that is not finite (a division by zero, or NaN: x % 0, 0 / 0, a string index out of
// range) panics in every wrap function. The CheckFailure messages are the panic messages of the
// C runtime (transpiler/runtime/tsk_rt.h), so both worlds report a failure alike (tests/diff/).
// docs/SUBSET.md is the full specification; the transpiler lowers each wrap to a C cast
// (or, for usize, a range check).

/** An unsigned 8-bit integer. */
export type u8 = number & { readonly __brand: "u8" };
/** An unsigned 16-bit integer. */
export type u16 = number & { readonly __brand: "u16" };
/** An unsigned 32-bit integer. */
export type u32 = number & { readonly __brand: "u32" };
/** A signed 8-bit integer. */
export type i8 = number & { readonly __brand: "i8" };
/** A signed 16-bit integer. */
export type i16 = number & { readonly __brand: "i16" };
/** A signed 32-bit integer. */
export type i32 = number & { readonly __brand: "i32" };
/** A size or address below 2^53 (uint64_t in C, range-checked). */
export type usize = number & { readonly __brand: "usize" };
/** An unsigned 64-bit integer (a bigint under Deno). */
export type u64 = bigint & { readonly __brand: "u64" };
/** A signed 64-bit integer (a bigint under Deno). */
export type i64 = bigint & { readonly __brand: "i64" };

/** 2^53: the exclusive upper bound of usize. */
export const USIZE_LIMIT = 9007199254740992;

/** Thrown under Deno where the compiled kernel would panic in a runtime check. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckFailure";
  }
}

/** The message of a wrap of NaN (C: TSK_MSG_NAN). */
const NAN_MESSAGE = "not a number: x % 0, 0 / 0 or a string index out of range";

/** Panics unless x is finite: ±Infinity comes from x / 0, NaN from x % 0, 0 / 0 or charCodeAt
 *  out of range. */
function checkFinite(x: number): void {
  if (x - x !== 0) throw new CheckFailure(x === x ? "division by zero" : NAN_MESSAGE);
}

function toNumber(x: number | bigint, bits: number): number {
  if (typeof x === "bigint") return Number(BigInt.asUintN(bits, x));
  checkFinite(x);
  return x;
}

/** Wraps to u8 (mod 2^8). */
export function u8(x: number | bigint): u8 {
  return (toNumber(x, 8) & 0xff) as u8;
}
/** Wraps to u16 (mod 2^16). */
export function u16(x: number | bigint): u16 {
  return (toNumber(x, 16) & 0xffff) as u16;
}
/** Wraps to u32 (mod 2^32). */
export function u32(x: number | bigint): u32 {
  return (toNumber(x, 32) >>> 0) as u32;
}
/** Wraps to i8 (two's complement). */
export function i8(x: number | bigint): i8 {
  return ((toNumber(x, 8) << 24) >> 24) as i8;
}
/** Wraps to i16 (two's complement). */
export function i16(x: number | bigint): i16 {
  return ((toNumber(x, 16) << 16) >> 16) as i16;
}
/** Wraps to i32 (two's complement). */
export function i32(x: number | bigint): i32 {
  return (toNumber(x, 32) | 0) as i32;
}
/** Checks a size or address: an integer in [0, 2^53), else the kernel panics. */
export function usize(x: number | bigint): usize {
  if (typeof x === "number") checkFinite(x);
  const n = typeof x === "bigint" ? (x < 0n || x >= 9007199254740992n ? -1 : Number(x)) : x;
  if (!(n >= 0 && n < USIZE_LIMIT)) throw new CheckFailure("usize out of range");
  return Math.trunc(n) as usize;
}
/** Wraps to u64 (mod 2^64). */
export function u64(x: number | bigint): u64 {
  if (typeof x === "number") {
    checkFinite(x);
    return BigInt.asUintN(64, BigInt(Math.trunc(x))) as u64;
  }
  return BigInt.asUintN(64, x) as u64;
}
/** Wraps to i64 (two's complement). */
export function i64(x: number | bigint): i64 {
  if (typeof x === "number") {
    checkFinite(x);
    return BigInt.asIntN(64, BigInt(Math.trunc(x))) as i64;
  }
  return BigInt.asIntN(64, x) as i64;
}

/** 32-bit multiply, modulo 2^32 (Math.imul; a plain JS product above 2^53 loses bits). */
export function mulU32(a: u32, b: u32): u32 {
  return (Math.imul(a, b) >>> 0) as u32;
}
/** 32-bit signed multiply, wrapping. */
export function mulI32(a: i32, b: i32): i32 {
  return Math.imul(a, b) as i32;
}

/** Rounds x up to a multiple of align (align > 0); panics past 2^53. */
export function alignUp(x: usize, align: usize): usize {
  const r = x % align;
  return usize(r === 0 ? x : x + (align - r));
}
/** Rounds x down to a multiple of align (align > 0). */
export function alignDown(x: usize, align: usize): usize {
  return usize(x - (x % align));
}
