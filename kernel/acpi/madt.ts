// The MADT (ACPI 6.5 §5.2.12, "Multiple APIC Description Table", signature "APIC"): which CPUs
// exist and where the interrupt controllers are.
//
// After the 36-byte header: the local APIC's 32-bit physical address (+36), flags (+40, bit 0
// PCAT_COMPAT: 8259 PICs present), then interrupt controller structures, each starting with
// type (u8) and length (u8). The ones read here:
//   type 0, Processor Local APIC (§5.2.12.2, 8 bytes): +2 ACPI processor UID, +3 APIC ID,
//     +4 flags (bit 0 Enabled, bit 1 Online Capable);
//   type 1, I/O APIC (§5.2.12.3, 12 bytes): +2 I/O APIC ID, +4 address (u32), +8 GSI base;
//   type 5, Local APIC Address Override (§5.2.12.8, 12 bytes): +4 the 64-bit address;
//   type 9, Processor Local x2APIC (§5.2.12.12, 16 bytes): +4 x2APIC ID, +8 flags, +12 UID.
// A CPU counts when Enabled or Online Capable (a disabled, not-online-capable entry is a slot
// for hotplug). At most MADT_MAX_CPUS are kept (= CPU_MAX of kernel/cpu.ts; madt_test checks);
// further ones are counted in `skipped`. A structure whose length is under 2 or runs past the
// table ends the walk with MADT_ERR_ENTRY.

import { u32, u64, u8, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import { ByteWindow, readU32le, readU64le, readU8, windowOk, windowOpen } from "../boot/bytes.ts";
import { ACPI_HEADER_SIZE } from "./tables.ts";

/** The most CPUs a MadtInfo records (the literal below; kernel/cpu.ts CPU_MAX). */
export const MADT_MAX_CPUS: u32 = u32(8);

export const MADT_OK: u32 = u32(0);
export const MADT_ERR_SHORT: u32 = u32(1);
export const MADT_ERR_ENTRY: u32 = u32(2);

const MADT_LAPIC: u8 = u8(0);
const MADT_IOAPIC: u8 = u8(1);
const MADT_LAPIC_OVERRIDE: u8 = u8(5);
const MADT_X2APIC: u8 = u8(9);
const FLAG_ENABLED: u32 = u32(1);
const FLAG_ONLINE_CAPABLE: u32 = u32(2);

/** What the MADT says about CPUs and interrupt controllers. */
export class MadtInfo {
  lapicAddr: u64 = u64(0n);
  /** The first I/O APIC's address (0: none) and how many there are. */
  ioapicAddr: u64 = u64(0n);
  ioapicCount: u32 = u32(0);
  pcatCompat: boolean = false;
  cpuCount: u32 = u32(0);
  apicIds: FixedArray<u32> = new FixedArray<u32>(8, u32(0));
  skipped: u32 = u32(0);
}

const w: ByteWindow = new ByteWindow();

function addCpu(out: MadtInfo, apicId: u32, flags: u32): void {
  if (u32(flags & u32(FLAG_ENABLED | FLAG_ONLINE_CAPABLE)) === 0) {
    return;
  }
  if (out.cpuCount >= MADT_MAX_CPUS) {
    out.skipped = u32(out.skipped + 1);
    return;
  }
  out.apicIds.set(usize(out.cpuCount), apicId);
  out.cpuCount = u32(out.cpuCount + 1);
}

/** Decodes the MADT at [addr, addr + len) (found and checksummed by acpiFindTable). */
export function madtParse(addr: usize, len: usize, out: MadtInfo): u32 {
  out.lapicAddr = u64(0n);
  out.ioapicAddr = u64(0n);
  out.ioapicCount = u32(0);
  out.cpuCount = u32(0);
  out.skipped = u32(0);
  windowOpen(w, addr, len);
  if (len < usize(ACPI_HEADER_SIZE + 8)) {
    return MADT_ERR_SHORT;
  }
  out.lapicAddr = u64(readU32le(w, ACPI_HEADER_SIZE));
  out.pcatCompat = u32(readU32le(w, usize(ACPI_HEADER_SIZE + 4)) & 1) !== 0;
  let off = usize(ACPI_HEADER_SIZE + 8);
  while (off < len) {
    if (usize(len - off) < 2) {
      return MADT_ERR_ENTRY;
    }
    const type = readU8(w, off);
    const n = usize(readU8(w, usize(off + 1)));
    if (n < 2 || n > usize(len - off)) {
      return MADT_ERR_ENTRY;
    }
    if (type === MADT_LAPIC && n >= 8) {
      const id = u32(readU8(w, usize(off + 3)));
      addCpu(out, id, readU32le(w, usize(off + 4)));
    } else if (type === MADT_X2APIC && n >= 16) {
      const id = readU32le(w, usize(off + 4));
      addCpu(out, id, readU32le(w, usize(off + 8)));
    } else if (type === MADT_IOAPIC && n >= 12) {
      if (out.ioapicCount === 0) {
        out.ioapicAddr = u64(readU32le(w, usize(off + 4)));
      }
      out.ioapicCount = u32(out.ioapicCount + 1);
    } else if (type === MADT_LAPIC_OVERRIDE && n >= 12) {
      out.lapicAddr = readU64le(w, usize(off + 4));
    }
    off = usize(off + n);
  }
  return windowOk(w) ? MADT_OK : MADT_ERR_ENTRY;
}
