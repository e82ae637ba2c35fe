// The aarch64 boot information: a flattened devicetree blob (DTB).
//
// The Devicetree Specification v0.4, chapter 5, defines the blob. It starts with a header of ten
// big-endian u32s (§5.2):
//   +0 magic (0xd00dfeed)  +4 totalsize  +8 off_dt_struct  +12 off_dt_strings
//   +16 off_mem_rsvmap     +20 version   +24 last_comp_version  +28 boot_cpuid_phys
//   +32 size_dt_strings    +36 size_dt_struct
// The structure block (§5.4) is a sequence of 4-byte-aligned big-endian tokens:
//   FDT_BEGIN_NODE (1) + NUL-terminated unit name, padded to 4;   FDT_END_NODE (2);
//   FDT_PROP (3) + {len u32, nameoff u32} + len bytes of value, padded to 4;
//   FDT_NOP (4);   FDT_END (9), once, after the root node.
// Property names live in the strings block (§5.5) at off_dt_strings + nameoff.
//
// fdtRead walks the whole structure block once, without recursion: a depth counter is the only
// state of the tree. It takes #address-cells and #size-cells from the root (defaults 2 and 1,
// §2.3.5), sums the `reg` (address, size) pairs of every root child that is a memory node (named
// "memory" or "memory@...", or with device_type "memory", §3.4) into BootInfo.ramBytes, and takes
// the kernel command line from /chosen `bootargs` (§3.6), pointing into the blob.
//
// It also records as reserved what the kernel must not allocate, in this order: the blob itself,
// [addr, addr + totalsize) (the command line points into it); every entry of the memory
// reservation block (§5.3: big-endian (address u64, size u64) pairs at off_mem_rsvmap, ended by
// a (0, 0) pair; it must end inside the blob); and the `reg` of every child of /reserved-memory
// (§3.5), read with /reserved-memory's own #address-cells and #size-cells (defaults: the root's).
// A child with `no-map` or without is reserved alike: the kernel allocates from neither; a child
// with only `size` (a dynamic reservation for the OS to place) reserves nothing.
//
// The steps of the walk that kernel/boot/fdt_devices.ts takes alike (node names, property headers,
// name comparisons, cells) are kernel/boot/fdt_walk.ts's, on this module's FdtCursor.
//
// Invariants: every read goes through one ByteWindow over [addr, addr + totalsize), with
// totalsize at most FDT_MAX_SIZE; the structure and strings blocks are checked to lie inside
// totalsize before the walk, and each token, name and value inside the structure block before it
// is read. Every step advances by at least 4 bytes, so the walk ends. Any inconsistency ends the
// walk with a BOOT_ERR_FDT_* code.

import { u32, u64, usize } from "../int.ts";
import { ByteWindow, readU32be, readU8, windowOk, windowOpen } from "./bytes.ts";
import {
  FdtCursor,
  fdtCursorStart,
  fdtHasBytes,
  fdtNodeName,
  fdtNodeNameIs,
  fdtPropHeader,
  fdtReadCells,
  fdtStringIs,
  fdtValueIs,
} from "./fdt_walk.ts";
import { bootAddRam, bootAddReserved, bootFail, BootInfo, bootInfoClear } from "./boot_info.ts";
import {
  BOOT_ERR_FDT_ADDR,
  BOOT_ERR_FDT_BOOTARGS,
  BOOT_ERR_FDT_CELLS,
  BOOT_ERR_FDT_LAYOUT,
  BOOT_ERR_FDT_MAGIC,
  BOOT_ERR_FDT_NAME,
  BOOT_ERR_FDT_NESTING,
  BOOT_ERR_FDT_REG,
  BOOT_ERR_FDT_RSVMAP,
  BOOT_ERR_FDT_SIZE,
  BOOT_ERR_FDT_TOKEN,
  BOOT_ERR_FDT_TRUNCATED,
  BOOT_ERR_FDT_VERSION,
  BOOT_ERR_NO_RAM,
  BOOT_OK,
} from "./boot_error.ts";

/** The header magic, big-endian. */
export const FDT_MAGIC: u32 = u32(0xd00dfeed);
/** Size of the version 17 header. */
export const FDT_HEADER_SIZE: usize = usize(40);
/** The largest blob accepted (QEMU's are 1 MiB). */
export const FDT_MAX_SIZE: u32 = u32(0x1000000);
/** The version this parser reads; it accepts blobs that stay compatible with it. */
export const FDT_VERSION: u32 = u32(17);

export const FDT_BEGIN_NODE: u32 = u32(1);
export const FDT_END_NODE: u32 = u32(2);
export const FDT_PROP: u32 = u32(3);
export const FDT_NOP: u32 = u32(4);
export const FDT_END: u32 = u32(9);

/** Header fields (§5.2), as offsets into the blob. */
const FDT_OFF_TOTALSIZE: usize = usize(4);
export const FDT_OFF_STRUCT: usize = usize(8);
export const FDT_OFF_STRINGS: usize = usize(12);
const FDT_OFF_MEM_RSVMAP: usize = usize(16);
/** Size of one memory reservation entry (address u64, size u64). */
const FDT_RSV_ENTRY_SIZE: usize = usize(16);
const FDT_OFF_VERSION: usize = usize(20);
const FDT_OFF_LAST_COMP: usize = usize(24);
export const FDT_OFF_SIZE_STRINGS: usize = usize(32);
export const FDT_OFF_SIZE_STRUCT: usize = usize(36);

/** Kinds of root child the walk cares about. */
const NODE_OTHER: u32 = u32(0);
const NODE_MEMORY: u32 = u32(1);
const NODE_CHOSEN: u32 = u32(2);
const NODE_RESERVED: u32 = u32(3);

/** The state of one walk over the structure block (where it is: `cur`); offsets are relative to
 * the blob. Flags are u32 0/1 because struct fields take wrap-call initialisers
 * (docs/SUBSET.md §5). */
class FdtWalk {
  depth: u32 = u32(0);
  roots: u32 = u32(0);
  addressCells: u32 = u32(2);
  sizeCells: u32 = u32(1);
  nodeKind: u32 = u32(0);
  nodeIsMemoryType: u32 = u32(0);
  regOff: usize = usize(0);
  regLen: usize = usize(0);
  hasReg: u32 = u32(0);
  /** /reserved-memory's cells, for its children's reg. */
  rsvAddressCells: u32 = u32(2);
  rsvSizeCells: u32 = u32(1);
  /** The reg of the current depth-3 node (a child of /reserved-memory). */
  childRegOff: usize = usize(0);
  childRegLen: usize = usize(0);
  childHasReg: u32 = u32(0);
}

const blob: ByteWindow = new ByteWindow();
const walk: FdtWalk = new FdtWalk();
const cur: FdtCursor = new FdtCursor();

/** True if the 4 bytes at addr are the devicetree magic (so addr is a blob's first byte). */
export function fdtHasMagic(addr: usize): boolean {
  if (!windowOpen(blob, addr, FDT_HEADER_SIZE)) {
    return false;
  }
  return readU32be(blob, usize(0)) === FDT_MAGIC;
}

/** Reads the devicetree blob at physical address addr into info; returns BOOT_OK or a BOOT_ERR_*
 * code (also left in info.error, with the offending value in info.errorDetail). */
export function fdtRead(addr: usize, info: BootInfo): u32 {
  bootInfoClear(info);
  if (!windowOpen(blob, addr, FDT_HEADER_SIZE)) {
    return bootFail(info, BOOT_ERR_FDT_ADDR, u64(addr));
  }
  const magic = readU32be(blob, usize(0));
  if (magic !== FDT_MAGIC) {
    return bootFail(info, BOOT_ERR_FDT_MAGIC, u64(magic));
  }
  const version = readU32be(blob, FDT_OFF_VERSION);
  const lastComp = readU32be(blob, FDT_OFF_LAST_COMP);
  if (version < FDT_VERSION || lastComp > FDT_VERSION) {
    return bootFail(info, BOOT_ERR_FDT_VERSION, u64(version));
  }
  const totalSize = readU32be(blob, FDT_OFF_TOTALSIZE);
  if (usize(totalSize) < FDT_HEADER_SIZE || totalSize > FDT_MAX_SIZE) {
    return bootFail(info, BOOT_ERR_FDT_SIZE, u64(totalSize));
  }
  const structOff = usize(readU32be(blob, FDT_OFF_STRUCT));
  const structSize = usize(readU32be(blob, FDT_OFF_SIZE_STRUCT));
  const stringsOff = usize(readU32be(blob, FDT_OFF_STRINGS));
  const stringsSize = usize(readU32be(blob, FDT_OFF_SIZE_STRINGS));
  const size = usize(totalSize);
  if (!fdtBlockInside(structOff, structSize, size) || usize(structOff % 4) !== 0) {
    return bootFail(info, BOOT_ERR_FDT_LAYOUT, u64(structOff));
  }
  if (!fdtBlockInside(stringsOff, stringsSize, size)) {
    return bootFail(info, BOOT_ERR_FDT_LAYOUT, u64(stringsOff));
  }
  if (!windowOpen(blob, addr, size)) {
    return bootFail(info, BOOT_ERR_FDT_ADDR, u64(addr));
  }
  info.dtbAddr = addr;
  info.dtbSize = size;
  const blobCode = bootAddReserved(info, u64(addr), u64(size));
  if (blobCode !== BOOT_OK) {
    return bootFail(info, blobCode, u64(addr));
  }
  const rsvCode = fdtReadRsvmap(info, usize(readU32be(blob, FDT_OFF_MEM_RSVMAP)), size);
  if (rsvCode !== BOOT_OK) {
    return rsvCode;
  }

  fdtCursorStart(cur, structOff, structSize, stringsOff, stringsSize);
  walk.depth = u32(0);
  walk.roots = u32(0);
  walk.addressCells = u32(2);
  walk.sizeCells = u32(1);
  const code = fdtWalk(info);
  if (code !== BOOT_OK) {
    return code;
  }
  if (!windowOk(blob)) {
    return bootFail(info, BOOT_ERR_FDT_TRUNCATED, u64(cur.pos));
  }
  if (info.ramRegions === 0) {
    return bootFail(info, BOOT_ERR_NO_RAM, u64(0n));
  }
  return BOOT_OK;
}

/** Records the memory reservation block's entries at off (§5.3) as reserved ranges; the walk
 * stops at the (0, 0) entry, which must lie inside the blob. A failed entry's detail is its
 * offset in the blob. */
function fdtReadRsvmap(info: BootInfo, off: usize, size: usize): u32 {
  if (off < FDT_HEADER_SIZE || off > size) {
    return bootFail(info, BOOT_ERR_FDT_RSVMAP, u64(off));
  }
  for (let p = off; FDT_RSV_ENTRY_SIZE <= usize(size - p); p = usize(p + FDT_RSV_ENTRY_SIZE)) {
    const base = fdtReadCells(blob, p, u32(2));
    const len = fdtReadCells(blob, usize(p + 8), u32(2));
    if (base === 0n && len === 0n) {
      return BOOT_OK;
    }
    const code = bootAddReserved(info, base, len);
    if (code !== BOOT_OK) {
      return bootFail(info, code, u64(p));
    }
  }
  return bootFail(info, BOOT_ERR_FDT_RSVMAP, u64(off));
}

/** True if the block [off, off + len) lies after the header and inside a blob of size bytes. */
function fdtBlockInside(off: usize, len: usize, size: usize): boolean {
  return off >= FDT_HEADER_SIZE && off <= size && len <= usize(size - off);
}

/** Walks the structure block from cur.pos to FDT_END. */
function fdtWalk(info: BootInfo): u32 {
  while (true) {
    if (!fdtHasBytes(cur, usize(4))) {
      return bootFail(info, BOOT_ERR_FDT_TRUNCATED, u64(cur.pos));
    }
    const token = readU32be(blob, cur.pos);
    cur.pos = usize(cur.pos + 4);
    let code = BOOT_OK;
    if (token === FDT_BEGIN_NODE) {
      code = fdtBeginNode(info);
    } else if (token === FDT_END_NODE) {
      code = fdtEndNode(info);
    } else if (token === FDT_PROP) {
      code = fdtProp(info);
    } else if (token === FDT_NOP) {
      code = BOOT_OK;
    } else if (token === FDT_END) {
      if (walk.depth !== 0 || walk.roots !== 1) {
        return bootFail(info, BOOT_ERR_FDT_NESTING, u64(walk.depth));
      }
      return BOOT_OK;
    } else {
      return bootFail(info, BOOT_ERR_FDT_TOKEN, u64(token));
    }
    if (code !== BOOT_OK) {
      return code;
    }
  }
}

/** FDT_BEGIN_NODE: steps over the name; classifies the root's children. */
function fdtBeginNode(info: BootInfo): u32 {
  if (!fdtNodeName(blob, cur)) {
    return bootFail(info, BOOT_ERR_FDT_NAME, u64(cur.nameOff));
  }
  const nameOff = cur.nameOff;
  const nameLen = cur.nameLen;
  if (walk.depth === 0) {
    if (walk.roots !== 0) {
      return bootFail(info, BOOT_ERR_FDT_NESTING, u64(nameOff));
    }
    walk.roots = u32(1);
  }
  walk.depth = u32(walk.depth + 1);
  if (walk.depth === 2) {
    walk.nodeKind = NODE_OTHER;
    if (fdtNodeNameIs(blob, nameOff, nameLen, "memory")) {
      walk.nodeKind = NODE_MEMORY;
    } else if (fdtNodeNameIs(blob, nameOff, nameLen, "chosen")) {
      walk.nodeKind = NODE_CHOSEN;
    } else if (fdtNodeNameIs(blob, nameOff, nameLen, "reserved-memory")) {
      walk.nodeKind = NODE_RESERVED;
      walk.rsvAddressCells = walk.addressCells;
      walk.rsvSizeCells = walk.sizeCells;
    }
    walk.nodeIsMemoryType = u32(0);
    walk.hasReg = u32(0);
  } else if (walk.depth === 3) {
    walk.childHasReg = u32(0);
  }
  return BOOT_OK;
}

/** FDT_END_NODE: closes a node; a closed memory node contributes its reg ranges. */
function fdtEndNode(info: BootInfo): u32 {
  if (walk.depth === 0) {
    return bootFail(info, BOOT_ERR_FDT_NESTING, u64(cur.pos));
  }
  if (walk.depth === 2 && walk.hasReg === 1) {
    if (walk.nodeKind === NODE_MEMORY || walk.nodeIsMemoryType === 1) {
      const code = fdtAddReg(
        info,
        walk.regOff,
        walk.regLen,
        walk.addressCells,
        walk.sizeCells,
        false,
      );
      if (code !== BOOT_OK) {
        return code;
      }
    }
  }
  if (walk.depth === 3 && walk.nodeKind === NODE_RESERVED && walk.childHasReg === 1) {
    const ac = walk.rsvAddressCells;
    const code = fdtAddReg(info, walk.childRegOff, walk.childRegLen, ac, walk.rsvSizeCells, true);
    if (code !== BOOT_OK) {
      return code;
    }
  }
  walk.depth = u32(walk.depth - 1);
  return BOOT_OK;
}

/** FDT_PROP: steps over the value; records the properties the kernel uses. */
function fdtProp(info: BootInfo): u32 {
  const header = fdtPropHeader(blob, cur);
  if (header !== BOOT_OK) {
    return bootFail(info, header, u64(cur.failAt));
  }
  const name = cur.propName;
  const value = cur.propValue;
  const len = cur.propLen;

  if (walk.depth === 0) {
    return bootFail(info, BOOT_ERR_FDT_NESTING, u64(value));
  }
  if (walk.depth === 1) {
    if (fdtStringIs(blob, cur, name, "#address-cells")) {
      if (len !== 4) {
        return bootFail(info, BOOT_ERR_FDT_CELLS, u64(len));
      }
      walk.addressCells = readU32be(blob, value);
    } else if (fdtStringIs(blob, cur, name, "#size-cells")) {
      if (len !== 4) {
        return bootFail(info, BOOT_ERR_FDT_CELLS, u64(len));
      }
      walk.sizeCells = readU32be(blob, value);
    }
    return BOOT_OK;
  }
  if (walk.depth === 3) {
    if (walk.nodeKind === NODE_RESERVED && fdtStringIs(blob, cur, name, "reg")) {
      walk.childRegOff = value;
      walk.childRegLen = len;
      walk.childHasReg = u32(1);
    }
    return BOOT_OK;
  }
  if (walk.depth !== 2) {
    return BOOT_OK;
  }
  if (walk.nodeKind === NODE_RESERVED) {
    return fdtReservedCells(info, name, value, len);
  }
  if (fdtStringIs(blob, cur, name, "reg")) {
    walk.regOff = value;
    walk.regLen = len;
    walk.hasReg = u32(1);
  } else if (fdtStringIs(blob, cur, name, "device_type")) {
    if (fdtValueIs(blob, value, len, "memory")) {
      walk.nodeIsMemoryType = u32(1);
    }
  } else if (walk.nodeKind === NODE_CHOSEN && fdtStringIs(blob, cur, name, "bootargs")) {
    return fdtBootargs(info, value, len);
  }
  return BOOT_OK;
}

/** /reserved-memory's #address-cells and #size-cells, for its children. */
function fdtReservedCells(info: BootInfo, name: usize, value: usize, len: usize): u32 {
  const isAddress = fdtStringIs(blob, cur, name, "#address-cells");
  if (!isAddress && !fdtStringIs(blob, cur, name, "#size-cells")) {
    return BOOT_OK;
  }
  if (len !== 4) {
    return bootFail(info, BOOT_ERR_FDT_CELLS, u64(len));
  }
  if (isAddress) {
    walk.rsvAddressCells = readU32be(blob, value);
  } else {
    walk.rsvSizeCells = readU32be(blob, value);
  }
  return BOOT_OK;
}

/** Adds the (address, size) pairs of a reg (len bytes at off, ac and sc cells per address and
 * size) to info: as RAM, or as reserved ranges. A failed pair's detail is its offset. */
function fdtAddReg(
  info: BootInfo,
  regOff: usize,
  regLen: usize,
  ac: u32,
  sc: u32,
  reserved: boolean,
): u32 {
  if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
    return bootFail(info, BOOT_ERR_FDT_CELLS, u64(u64(ac) * u64(0x100000000n) + u64(sc)));
  }
  const addressBytes = usize(usize(ac) * 4);
  const pairBytes = usize(usize(ac + sc) * 4);
  if (usize(regLen % pairBytes) !== 0) {
    return bootFail(info, BOOT_ERR_FDT_REG, u64(regLen));
  }
  for (let off = usize(0); off < regLen; off = usize(off + pairBytes)) {
    const p = usize(regOff + off);
    const base = fdtReadCells(blob, p, ac);
    const size = fdtReadCells(blob, usize(p + addressBytes), sc);
    if (size !== 0n) {
      const code = reserved ? bootAddReserved(info, base, size) : bootAddRam(info, base, size);
      if (code !== BOOT_OK) {
        return bootFail(info, code, u64(p));
      }
    }
  }
  return BOOT_OK;
}

/** /chosen bootargs: a NUL-terminated string in the blob becomes the command line. */
function fdtBootargs(info: BootInfo, value: usize, len: usize): u32 {
  for (let n = usize(0); n < len; n = usize(n + 1)) {
    if (readU8(blob, usize(value + n)) === 0) {
      info.cmdlineAddr = usize(blob.base + value);
      info.cmdlineLen = n;
      return BOOT_OK;
    }
  }
  if (len === 0) {
    return BOOT_OK;
  }
  return bootFail(info, BOOT_ERR_FDT_BOOTARGS, u64(value));
}
