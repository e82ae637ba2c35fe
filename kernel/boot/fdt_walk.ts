// A cursor over a flattened devicetree's structure block, shared by the two walks of a blob:
// kernel/boot/fdt.ts (RAM, reservations, command line) and kernel/boot/fdt_devices.ts (the arch's
// devices). Each walk keeps its own ByteWindow over the blob and its own FdtCursor, and drives its
// own token loop; this module holds the steps both take the same way, and the comparisons of
// names and values with string literals.
//
// The structure block (Devicetree Specification v0.4 §5.4) is a sequence of 4-byte-aligned
// big-endian tokens; FDT_BEGIN_NODE is followed by the node's NUL-terminated unit name, padded to
// 4 bytes, and FDT_PROP by {len u32, nameoff u32} and len bytes of value, padded to 4. A property
// name is a NUL-terminated string in the strings block (§5.5) at off_dt_strings + nameoff. A node
// name is "name" or "name@unit-address" (§2.2.1).
//
// Invariants: offsets are relative to the blob (the window's base). c.pos only moves forward, by
// whole padded items, and only after the item was checked to lie inside [pos, structEnd); a name
// or value is read only inside the structure block, a property name only inside the strings
// block. Reads go through the caller's ByteWindow, so a blob whose blocks overrun the window
// faults the window instead of reading outside it.

import { alignUp, u32, u64, usize } from "../int.ts";
import { ByteWindow, readU32be, readU8 } from "./bytes.ts";
import { BOOT_ERR_FDT_LAYOUT, BOOT_ERR_FDT_TRUNCATED, BOOT_OK } from "./boot_error.ts";

const CHAR_NUL: u32 = u32(0);
const CHAR_AT: u32 = u32(0x40);

/** Where a walk is in the structure block, and the item it last stepped over. */
export class FdtCursor {
  pos: usize = usize(0);
  structEnd: usize = usize(0);
  strings: usize = usize(0);
  stringsEnd: usize = usize(0);
  /** Set by fdtNodeName: the node name's offset and length (without its NUL). */
  nameOff: usize = usize(0);
  nameLen: usize = usize(0);
  /** Set by fdtPropHeader: the property name's offset (in the blob), its value's and length. */
  propName: usize = usize(0);
  propValue: usize = usize(0);
  propLen: usize = usize(0);
  /** Set by a failed fdtPropHeader: the offset the error is about. */
  failAt: usize = usize(0);
}

/** Points c at the start of a structure block of structSize bytes at structOff, with the strings
 * block of stringsSize bytes at stringsOff. */
export function fdtCursorStart(
  c: FdtCursor,
  structOff: usize,
  structSize: usize,
  stringsOff: usize,
  stringsSize: usize,
): void {
  c.pos = structOff;
  c.structEnd = usize(structOff + structSize);
  c.strings = stringsOff;
  c.stringsEnd = usize(stringsOff + stringsSize);
}

/** True if the structure block has n more bytes at the cursor. */
export function fdtHasBytes(c: FdtCursor, n: usize): boolean {
  return c.pos <= c.structEnd && n <= usize(c.structEnd - c.pos);
}

/** After FDT_BEGIN_NODE: finds the node's NUL-terminated name at the cursor (c.nameOff,
 * c.nameLen) and steps over it and its padding; false, with c.nameOff set and the cursor not
 * moved, if the name does not end inside the structure block. */
export function fdtNodeName(w: ByteWindow, c: FdtCursor): boolean {
  const nameOff = c.pos;
  c.nameOff = nameOff;
  let nameLen = usize(0);
  while (true) {
    if (!fdtHasBytes(c, usize(nameLen + 1))) {
      return false;
    }
    if (readU8(w, usize(nameOff + nameLen)) === 0) {
      break;
    }
    nameLen = usize(nameLen + 1);
  }
  c.nameLen = nameLen;
  c.pos = alignUp(usize(nameOff + nameLen + 1), usize(4));
  return true;
}

/** After FDT_PROP: reads the property's header at the cursor (c.propName, c.propValue, c.propLen)
 * and steps over it, its value and the padding. Returns BOOT_OK, or, with the cursor not past the
 * value and c.failAt set: BOOT_ERR_FDT_TRUNCATED (header or value past the structure block;
 * failAt = the header's or the value's offset) or BOOT_ERR_FDT_LAYOUT (name offset past the
 * strings block; failAt = that name offset). */
export function fdtPropHeader(w: ByteWindow, c: FdtCursor): u32 {
  if (!fdtHasBytes(c, usize(8))) {
    c.failAt = c.pos;
    return BOOT_ERR_FDT_TRUNCATED;
  }
  const len = usize(readU32be(w, c.pos));
  const nameOff = usize(readU32be(w, usize(c.pos + 4)));
  c.pos = usize(c.pos + 8);
  const value = c.pos;
  if (!fdtHasBytes(c, len)) {
    c.failAt = value;
    return BOOT_ERR_FDT_TRUNCATED;
  }
  if (nameOff >= usize(c.stringsEnd - c.strings)) {
    c.failAt = nameOff;
    return BOOT_ERR_FDT_LAYOUT;
  }
  c.propName = usize(c.strings + nameOff);
  c.propValue = value;
  c.propLen = len;
  c.pos = alignUp(usize(value + len), usize(4));
  return BOOT_OK;
}

/** True if the node name at off (nameLen bytes) is lit, with or without a unit address. */
export function fdtNodeNameIs(w: ByteWindow, off: usize, nameLen: usize, lit: string): boolean {
  const n = usize(lit.length);
  if (nameLen < n) {
    return false;
  }
  if (!fdtBytesAre(w, off, lit)) {
    return false;
  }
  const next = u32(readU8(w, usize(off + n)));
  return next === CHAR_NUL || next === CHAR_AT;
}

/** True if the NUL-terminated string at off in c's strings block is lit. */
export function fdtStringIs(w: ByteWindow, c: FdtCursor, off: usize, lit: string): boolean {
  const n = usize(lit.length);
  if (n >= usize(c.stringsEnd - off)) {
    return false;
  }
  return fdtBytesAre(w, off, lit) && readU8(w, usize(off + n)) === 0;
}

/** True if a property value (len bytes at off) is the string lit with its NUL. */
export function fdtValueIs(w: ByteWindow, off: usize, len: usize, lit: string): boolean {
  const n = usize(lit.length);
  if (len !== usize(n + 1)) {
    return false;
  }
  return fdtBytesAre(w, off, lit) && readU8(w, usize(off + n)) === 0;
}

/** True if a string-list value (len bytes at off, NUL-terminated strings, §2.3.1) contains lit. */
export function fdtListHas(w: ByteWindow, off: usize, len: usize, lit: string): boolean {
  const n = usize(lit.length);
  let start = usize(0);
  while (start < len) {
    let end = start;
    while (end < len && readU8(w, usize(off + end)) !== 0) {
      end = usize(end + 1);
    }
    if (usize(end - start) === n && fdtBytesAre(w, usize(off + start), lit)) {
      return true;
    }
    start = usize(end + 1);
  }
  return false;
}

/** True if the lit.length bytes at off are lit's characters (no terminator is checked). */
function fdtBytesAre(w: ByteWindow, off: usize, lit: string): boolean {
  const n = usize(lit.length);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    if (u32(readU8(w, usize(off + i))) !== u32(lit.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

/** Reads a number of `cells` big-endian u32 cells (1 or 2) at off. */
export function fdtReadCells(w: ByteWindow, off: usize, cells: u32): u64 {
  let v = u64(0n);
  for (let i = u32(0); i < cells; i = u32(i + 1)) {
    const cellOff = usize(usize(i) * 4);
    const cell = u64(readU32be(w, usize(off + cellOff)));
    v = u64((v << 32n) | cell);
  }
  return v;
}
