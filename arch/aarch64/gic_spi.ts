// GIC shared peripheral interrupts (SPIs, INTID 32-1019): the distributor registers that route,
// configure, enable and disable one, for GICv2 (Arm IHI 0048B §4.3) and GICv3 (IHI 0069 §12.9).
//
// Common to both (same offsets): GICD_ISENABLERn 0x100 / GICD_ICENABLERn 0x180 (one bit per
// INTID, write 1 to set / clear), GICD_IPRIORITYRn 0x400 (one byte per INTID), GICD_ICFGRn 0xC00
// (two bits per INTID; the upper bit 1 = edge-triggered, 0 = level-sensitive; IHI 0048B §4.3.13,
// IHI 0069 §12.9.9). The target differs: GICv2 GICD_ITARGETSRn 0x800 (one byte per INTID, a CPU
// interface mask), GICv3 with affinity routing GICD_IROUTERn 0x6000 + 8 * INTID (64-bit:
// Aff0-Aff2 bits 0-23, Interrupt_Routing_Mode bit 31 = 0 "this affinity", Aff3 bits 32-39,
// §12.9.22), written as two 32-bit halves while the SPI is disabled. On GICv3, clearing an enable
// is complete only when GICD_CTLR.RWP reads 0 (§12.9.4). SPIs are group 1 already on GICv3
// (gicV3InitDist) and group 0 signalled as IRQ on GICv2 (no security extensions at EL1).
// Invariant: an SPI is configured and routed before it is enabled, and only while disabled.

import { mulU32, u32, u64 } from "../../kernel/int.ts";
import { devRead32, devWrite32, MMIO_GICD } from "./dev_mmio.ts";
import { GIC_PRIORITY, gicV2SetPriority } from "./gic_v2.ts";
import { gicV3WaitRwp } from "./gic_v3.ts";

export const GICD_ISENABLER: u64 = u64(0x100n);
export const GICD_ICENABLER: u64 = u64(0x180n);
export const GICD_ITARGETSR: u64 = u64(0x800n);
export const GICD_ICFGR: u64 = u64(0xc00n);
export const GICD_IROUTER: u64 = u64(0x6000n);

/** The GICD_ICFGRn value `old` with INTID intid made edge-triggered (edge) or level-sensitive. */
export function gicIcfgrValue(old: u32, intid: u32, edge: boolean): u32 {
  const bit = u32(1 << u32(mulU32(u32(intid & 15), u32(2)) + 1));
  return edge ? u32(old | bit) : u32(old & ~bit);
}

/** The GICD_ITARGETSRn value `old` with INTID intid's byte set to the CPU mask cpuMask. */
export function gicItargetsrValue(old: u32, intid: u32, cpuMask: u32): u32 {
  const shift = mulU32(u32(intid & 3), u32(8));
  return u32((old & ~(0xff << shift)) | ((cpuMask & 0xff) << shift));
}

/** GICD_IROUTERn's low half for the CPU of affinity mpidr (Aff2.Aff1.Aff0, IRM = 0). */
export function gicIrouterLow(mpidr: u64): u32 {
  return u32(mpidr & 0xffffffn);
}

/** GICD_IROUTERn's high half (Aff3). */
export function gicIrouterHigh(mpidr: u64): u32 {
  return u32(u64(mpidr >> 32n) & 0xffn);
}

/** The register of a one-bit-per-INTID bank (base) holding intid, and its bit. */
function bankReg(base: u64, intid: u32): u64 {
  return u64(base + u64(mulU32(u32(intid >>> 5), u32(4))));
}
function bankBit(intid: u32): u32 {
  return u32(1 << u32(intid & 31));
}

/** Disables SPI intid (GICv3: waits for RWP). */
export function gicSpiDisable(intid: u32, v3: boolean): void {
  const reg = bankReg(GICD_ICENABLER, intid);
  devWrite32(MMIO_GICD, reg, bankBit(intid));
  if (v3) {
    gicV3WaitRwp();
  }
}

/** Configures SPI intid (GIC_PRIORITY, level or edge), routes it (GICv2: to the interfaces of
 *  cpuMask; GICv3: to the CPU of affinity mpidr) and enables it. */
export function gicSpiEnable(
  intid: u32,
  edge: boolean,
  v3: boolean,
  cpuMask: u32,
  mpidr: u64,
): void {
  gicSpiDisable(intid, v3);
  gicV2SetPriority(intid, GIC_PRIORITY);
  const cfg = u64(GICD_ICFGR + u64(mulU32(u32(intid >>> 4), u32(4))));
  devWrite32(MMIO_GICD, cfg, gicIcfgrValue(devRead32(MMIO_GICD, cfg), intid, edge));
  if (v3) {
    const r = u64(GICD_IROUTER + u64(mulU32(intid, u32(8))));
    devWrite32(MMIO_GICD, r, gicIrouterLow(mpidr));
    devWrite32(MMIO_GICD, u64(r + 4n), gicIrouterHigh(mpidr));
  } else {
    const t = u64(GICD_ITARGETSR + u64(intid & ~3));
    devWrite32(MMIO_GICD, t, gicItargetsrValue(devRead32(MMIO_GICD, t), intid, cpuMask));
  }
  const en = bankReg(GICD_ISENABLER, intid);
  devWrite32(MMIO_GICD, en, bankBit(intid));
}
