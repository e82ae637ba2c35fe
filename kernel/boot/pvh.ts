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
// pvhRead checks the magic and version, sums the type-1 entries into BootInfo.ramBytes and
// locates the command line. Every read goes through a ByteWindow sized from the protocol
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
import { bootAddRam, bootFail, BootInfo, bootInfoClear } from "./boot_info.ts";
import {
  BOOT_ERR_NO_RAM,
  BOOT_ERR_PVH_ADDR,
  BOOT_ERR_PVH_CMDLINE,
  BOOT_ERR_PVH_MAGIC,
  BOOT_ERR_PVH_NO_MEMMAP,
  BOOT_ERR_PVH_RANGE,
  BOOT_ERR_PVH_TOO_MANY,
  BOOT_ERR_PVH_VERSION,
  BOOT_ERR_RAM_OVERFLOW,
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
  return pvhReadCmdline(cmdlinePaddr, info);
}

/** Sums the type-1 (RAM) entries of the memory map into info. */
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
      if (!bootAddRam(info, base, size)) {
        return bootFail(info, BOOT_ERR_RAM_OVERFLOW, u64(i));
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
