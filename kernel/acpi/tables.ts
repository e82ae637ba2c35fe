// ACPI table discovery: from the RSDP to one system description table, checksums verified.
//
// Mechanism (ACPI 6.5 §5.2): the Root System Description Pointer (§5.2.5) holds "RSD PTR ", a
// checksum over its first 20 bytes, a revision, the 32-bit RSDT address and, from revision 2
// on, a length, the 64-bit XSDT address and an extended checksum over `length` bytes. Every
// system description table starts with the 36-byte header of §5.2.6 (signature, length,
// revision, checksum over the whole table, ...). The XSDT (§5.2.8) lists 64-bit table
// addresses after its header, the RSDT (§5.2.7) 32-bit ones; the XSDT is preferred when the
// RSDP offers one. acpiFindTable walks the root table and returns the first table whose
// signature matches and whose checksum is right.
//
// Invariants: every byte is read through a ByteWindow (kernel/boot/bytes.ts), so a corrupt
// length or address never reads outside the range the tables claim; a table is only trusted
// after its checksum sums to 0 mod 256 and its length is at least the header and at most
// ACPI_MAX_TABLE. Firmware tables may lie outside the RAM the kernel maps, so before each
// window is opened acpiOps.map(base, len) is asked to make the range readable (the arch
// installs a mapper; the default does nothing, as under Deno or with the boot identity map).
// The parser is arch-neutral and safe: only bytes.ts touches memory.

import { u32, u64, u8, usize } from "../int.ts";
import {
  ByteWindow,
  fitsUsize,
  readU32le,
  readU64le,
  readU8,
  windowOk,
  windowOpen,
} from "../boot/bytes.ts";

/** Makes [base, base + len) readable; false if it cannot. */
export type AcpiMapFn = (base: usize, len: usize) => boolean;

function mapNothing(_base: usize, _len: usize): boolean {
  return true;
}

/** How the parser reaches firmware memory (the arch sets map after the MMU is on). */
export class AcpiOps {
  map: AcpiMapFn = mapNothing;
}
export const acpiOps: AcpiOps = new AcpiOps();

export const ACPI_OK: u32 = u32(0);
export const ACPI_ERR_NO_RSDP: u32 = u32(1);
export const ACPI_ERR_RSDP: u32 = u32(2);
export const ACPI_ERR_ROOT: u32 = u32(3);
export const ACPI_ERR_NOT_FOUND: u32 = u32(4);
export const ACPI_ERR_MAP: u32 = u32(5);

/** The header size of every system description table (§5.2.6). */
export const ACPI_HEADER_SIZE: usize = usize(36);
/** The largest table the parser accepts (a sanity bound on a firmware length). */
export const ACPI_MAX_TABLE: usize = usize(0x100000);

const RSDP_V1_SIZE: usize = usize(20);
const RSDP_V2_SIZE: usize = usize(36);

/** Where a found table is: [addr, addr + len). */
export class AcpiTable {
  addr: usize = usize(0);
  len: usize = usize(0);
}

/** A short text for an ACPI_* code. */
export function acpiErrorText(code: u32): string {
  switch (code) {
    case 0:
      return "ok";
    case 1:
      return "no RSDP";
    case 2:
      return "bad RSDP";
    case 3:
      return "bad root table";
    case 4:
      return "table not found";
    case 5:
      return "cannot map table";
    default:
      return "unknown error";
  }
}

const w: ByteWindow = new ByteWindow();
const root: ByteWindow = new ByteWindow();

/** True if the len bytes at off of win sum to 0 mod 256 (and were all readable). */
export function acpiChecksumOk(win: ByteWindow, off: usize, len: usize): boolean {
  let sum = u32(0);
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    sum = u32(sum + u32(readU8(win, usize(off + i))));
  }
  return windowOk(win) && u32(sum & 0xff) === 0;
}

/** True if the bytes at off of win spell sig. */
export function acpiSigIs(win: ByteWindow, off: usize, sig: string): boolean {
  const n = usize(sig.length);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    if (readU8(win, usize(off + i)) !== u8(sig.charCodeAt(i))) {
      return false;
    }
  }
  return windowOk(win);
}

/** Opens win on the table at a, header checked: length in range and checksum right. */
function openTable(win: ByteWindow, a: u64): boolean {
  if (a === 0n || !fitsUsize(u64(a + u64(ACPI_MAX_TABLE)))) {
    return false;
  }
  const base = usize(a);
  if (!acpiOps.map(base, ACPI_HEADER_SIZE)) {
    return false;
  }
  windowOpen(win, base, ACPI_HEADER_SIZE);
  const len = usize(readU32le(win, usize(4)));
  if (!windowOk(win) || len < ACPI_HEADER_SIZE || len > ACPI_MAX_TABLE) {
    return false;
  }
  if (!acpiOps.map(base, len)) {
    return false;
  }
  windowOpen(win, base, len);
  return acpiChecksumOk(win, usize(0), len);
}

/** Finds the table with signature sig (4 characters) from the RSDP at rsdp; ACPI_OK and out
 *  filled, or an ACPI_ERR_* code. */
export function acpiFindTable(rsdp: u64, sig: string, out: AcpiTable): u32 {
  if (rsdp === 0n || !fitsUsize(u64(rsdp + 64n))) {
    return ACPI_ERR_NO_RSDP;
  }
  const r = usize(rsdp);
  if (!acpiOps.map(r, RSDP_V2_SIZE)) {
    return ACPI_ERR_MAP;
  }
  windowOpen(w, r, RSDP_V1_SIZE);
  if (!acpiSigIs(w, usize(0), "RSD PTR ") || !acpiChecksumOk(w, usize(0), RSDP_V1_SIZE)) {
    return ACPI_ERR_RSDP;
  }
  const revision = readU8(w, usize(15));
  let rootAddr = u64(readU32le(w, usize(16)));
  let entrySize = usize(4);
  if (revision >= 2) {
    windowOpen(w, r, RSDP_V2_SIZE);
    const xsdt = readU64le(w, usize(24));
    if (!acpiChecksumOk(w, usize(0), RSDP_V2_SIZE)) {
      return ACPI_ERR_RSDP;
    }
    if (xsdt !== 0n) {
      rootAddr = xsdt;
      entrySize = usize(8);
    }
  }
  if (!openTable(root, rootAddr)) {
    return ACPI_ERR_ROOT;
  }
  const rootSig: string = entrySize === 8 ? "XSDT" : "RSDT";
  if (!acpiSigIs(root, usize(0), rootSig)) {
    return ACPI_ERR_ROOT;
  }
  const count = usize(usize(root.len - ACPI_HEADER_SIZE) / entrySize);
  for (let i = usize(0); i < count; i = usize(i + 1)) {
    const off = usize(ACPI_HEADER_SIZE + i * entrySize);
    const a = entrySize === 8 ? readU64le(root, off) : u64(readU32le(root, off));
    if (openTable(w, a) && acpiSigIs(w, usize(0), sig)) {
      out.addr = w.base;
      out.len = w.len;
      return ACPI_OK;
    }
  }
  return ACPI_ERR_NOT_FOUND;
}
