// The x86_64 boot information: Xen's PVH start of day structure, hvm_start_info.
//
// A PVH loader (QEMU's -kernel with an ELF PVH note, Firecracker) enters the kernel with the
// physical address of an hvm_start_info in ebx (Xen public header
// xen/include/public/arch-x86/hvm/start_info.h). All fields are little-endian:
//
//   +0 magic u32 (0x336ec578)    +4 version u32    +8 flags u32    +12 nr_modules u32
//   +16 modlist_paddr u64        +24 cmdline_paddr u64 (NUL-terminated, 0 if none)
//   +32 rsdp_paddr u64           +40 memmap_paddr u64 (version >= 1)
//   +48 memmap_entries u32       +52 reserved u32
//
// and each memory map entry (struct hvm_memmap_table_entry) is 24 bytes:
//   +0 addr u64   +8 size u64   +16 type u32 (1 = RAM, E820 numbering)   +20 reserved u32.
//
// pvhRead checks the magic and version, records the type-1 entries as BootInfo's RAM ranges
// (summed into ramBytes) and locates the command line. It records as reserved, in this order,
// what the kernel must not allocate: all of [0, 1 MiB) (the real-mode and BIOS area: IVT, BDA,
// EBDA, VGA, option ROMs; it also keeps page 0 out of every allocation, so a null pointer never
// points at live data), the hvm_start_info itself, the memory map table and the command line
// bytes with their NUL (the kernel reads the last three in place after boot). Other E820 types
// are not RAM and need no reservation. Every read goes through a ByteWindow sized from the protocol
// (56 bytes of start_info, memmap_entries * 24 bytes of map, at most PVH_CMDLINE_MAX bytes of
// command line), so a bad address, count or unterminated string yields a BOOT_ERR_PVH_* code and
// never a read elsewhere. Invariant: on BOOT_OK, BootInfo satisfies kernel/boot/boot_info.ts.

import { u32, u64, usize } from "../int.ts";
import {
  ByteWindow,
  fitsUsize,
  readU32le,
  readU64le,
  readU8,
  windowOk,
  windowOpen,
} from "./bytes.ts";
import { bootAddRam, bootAddReserved, bootFail, BootInfo, bootInfoClear } from "./boot_info.ts";
import {
  BOOT_ERR_NO_RAM,
  BOOT_ERR_PVH_ADDR,
  BOOT_ERR_PVH_CMDLINE,
  BOOT_ERR_PVH_MAGIC,
  BOOT_ERR_PVH_NO_MEMMAP,
  BOOT_ERR_PVH_RANGE,
  BOOT_ERR_PVH_TOO_MANY,
  BOOT_ERR_PVH_VERSION,
  BOOT_OK,
} from "./boot_error.ts";

/** hvm_start_info.magic: "xEn3" with the 0x80 bit of the "E" set. */
export const PVH_MAGIC: u32 = u32(0x336ec578);
/** Size of hvm_start_info version 1. */
export const PVH_START_INFO_SIZE: usize = usize(56);
/** Size of one hvm_memmap_table_entry. */
export const PVH_MEMMAP_ENTRY_SIZE: usize = usize(24);
/** Memory map type of usable RAM (E820_RAM). */
export const PVH_TYPE_RAM: u32 = u32(1);
/** The most memory map entries accepted (Linux's E820_MAX_ENTRIES_ZEROPAGE). */
export const PVH_MAX_ENTRIES: u32 = u32(128);
/** The longest command line accepted, including its NUL. */
export const PVH_CMDLINE_MAX: usize = usize(4096);
/** The end of the real-mode / BIOS area [0, 1 MiB), reserved on PVH. */
export const PVH_LOW_RESERVED: u64 = u64(0x100000n);

const PVH_OFF_MAGIC: usize = usize(0);
const PVH_OFF_VERSION: usize = usize(4);
const PVH_OFF_CMDLINE: usize = usize(24);
const PVH_OFF_RSDP: usize = usize(32);
const PVH_OFF_MEMMAP: usize = usize(40);
const PVH_OFF_MEMMAP_ENTRIES: usize = usize(48);

const startInfoWindow: ByteWindow = new ByteWindow();
const memmapWindow: ByteWindow = new ByteWindow();
const cmdlineWindow: ByteWindow = new ByteWindow();

/** Reads the hvm_start_info at physical address addr into info; returns BOOT_OK or a
 * BOOT_ERR_* code (also left in info.error, with the offending value in info.errorDetail). */
export function pvhRead(addr: usize, info: BootInfo): u32 {
  bootInfoClear(info);
  if (addr === 0 || !windowOpen(startInfoWindow, addr, PVH_START_INFO_SIZE)) {
    return bootFail(info, BOOT_ERR_PVH_ADDR, u64(addr));
  }
  const magic = readU32le(startInfoWindow, PVH_OFF_MAGIC);
  if (magic !== PVH_MAGIC) {
    return bootFail(info, BOOT_ERR_PVH_MAGIC, u64(magic));
  }
  const version = readU32le(startInfoWindow, PVH_OFF_VERSION);
  if (version < 1) {
    return bootFail(info, BOOT_ERR_PVH_VERSION, u64(version));
  }
  const cmdlinePaddr = readU64le(startInfoWindow, PVH_OFF_CMDLINE);
  const rsdpPaddr = readU64le(startInfoWindow, PVH_OFF_RSDP);
  const memmapPaddr = readU64le(startInfoWindow, PVH_OFF_MEMMAP);
  const entries = readU32le(startInfoWindow, PVH_OFF_MEMMAP_ENTRIES);
  if (!windowOk(startInfoWindow)) {
    return bootFail(info, BOOT_ERR_PVH_ADDR, u64(addr));
  }

  const code = pvhReadMemmap(memmapPaddr, entries, info);
  if (code !== BOOT_OK) {
    return code;
  }
  info.rsdpAddr = rsdpPaddr;
  const cmdCode = pvhReadCmdline(cmdlinePaddr, info);
  if (cmdCode !== BOOT_OK) {
    return cmdCode;
  }
  return pvhReserve(info, u64(addr), memmapPaddr, entries);
}

/** Records the reserved ranges: the low 1 MiB, start_info, the memory map, the command line. */
function pvhReserve(info: BootInfo, startInfo: u64, memmap: u64, entries: u32): u32 {
  const memmapBytes = u64(u64(entries) * u64(PVH_MEMMAP_ENTRY_SIZE));
  let code = pvhReserveRange(info, u64(0n), PVH_LOW_RESERVED);
  if (code === BOOT_OK) {
    code = pvhReserveRange(info, startInfo, u64(PVH_START_INFO_SIZE));
  }
  if (code === BOOT_OK) {
    code = pvhReserveRange(info, memmap, memmapBytes);
  }
  if (code === BOOT_OK && info.cmdlineAddr !== 0) {
    code = pvhReserveRange(info, u64(info.cmdlineAddr), u64(usize(info.cmdlineLen + 1)));
  }
  return code;
}

/** Adds one reserved range; a failure is recorded with the range's base as its detail. */
function pvhReserveRange(info: BootInfo, base: u64, size: u64): u32 {
  const code = bootAddReserved(info, base, size);
  if (code !== BOOT_OK) {
    return bootFail(info, code, base);
  }
  return BOOT_OK;
}

/** Records the type-1 (RAM) entries of the memory map in info; the detail of a range error is
 * the entry's index. */
function pvhReadMemmap(paddr: u64, entries: u32, info: BootInfo): u32 {
  if (paddr === 0n || entries === 0) {
    return bootFail(info, BOOT_ERR_PVH_NO_MEMMAP, paddr);
  }
  if (entries > PVH_MAX_ENTRIES) {
    return bootFail(info, BOOT_ERR_PVH_TOO_MANY, u64(entries));
  }
  if (!fitsUsize(paddr)) {
    return bootFail(info, BOOT_ERR_PVH_RANGE, paddr);
  }
  const count = usize(entries);
  if (!windowOpen(memmapWindow, usize(paddr), usize(count * PVH_MEMMAP_ENTRY_SIZE))) {
    return bootFail(info, BOOT_ERR_PVH_RANGE, paddr);
  }
  for (let i = usize(0); i < count; i = usize(i + 1)) {
    const off = usize(i * PVH_MEMMAP_ENTRY_SIZE);
    const base = readU64le(memmapWindow, off);
    const size = readU64le(memmapWindow, usize(off + 8));
    const type = readU32le(memmapWindow, usize(off + 16));
    if (type === PVH_TYPE_RAM && size !== 0n) {
      const code = bootAddRam(info, base, size);
      if (code !== BOOT_OK) {
        return bootFail(info, code, u64(i));
      }
    }
  }
  if (!windowOk(memmapWindow)) {
    return bootFail(info, BOOT_ERR_PVH_RANGE, paddr);
  }
  if (info.ramRegions === 0) {
    return bootFail(info, BOOT_ERR_NO_RAM, u64(entries));
  }
  return BOOT_OK;
}

/** Finds the length of the NUL-terminated command line at paddr (0: none) and records it. */
function pvhReadCmdline(paddr: u64, info: BootInfo): u32 {
  if (paddr === 0n) {
    return BOOT_OK;
  }
  if (!fitsUsize(paddr) || !windowOpen(cmdlineWindow, usize(paddr), PVH_CMDLINE_MAX)) {
    return bootFail(info, BOOT_ERR_PVH_RANGE, paddr);
  }
  for (let n = usize(0); n < PVH_CMDLINE_MAX; n = usize(n + 1)) {
    if (readU8(cmdlineWindow, n) === 0) {
      info.cmdlineAddr = usize(paddr);
      info.cmdlineLen = n;
      return BOOT_OK;
    }
  }
  return bootFail(info, BOOT_ERR_PVH_CMDLINE, paddr);
}
