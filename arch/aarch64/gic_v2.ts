// GICv2 (Arm IHI 0048B): distributor and memory-mapped CPU interface.
//
// Registers used (offsets, §4.1.2 distributor, §4.1.3 CPU interface):
//   GICD_CTLR 0x000 (bit 0 enables forwarding), GICD_TYPER 0x004 (ITLinesNumber [4:0]: 32 * (N+1)
//   interrupt IDs), GICD_ICENABLERn 0x180, GICD_ISENABLERn 0x100, GICD_IPRIORITYRn 0x400 (one byte
//   per INTID), GICD_ITARGETSRn 0x800 (one byte per INTID; reading bytes 0-31 returns the reading
//   CPU's own interface mask, §4.3.12), GICD_SGIR 0xF00 (TargetListFilter [25:24] = 0: the CPUs
//   in CPUTargetList [23:16]; SGIINTID [3:0]);
//   GICC_CTLR 0x00 (bit 0 enables signalling), GICC_PMR 0x04 (priority mask: higher values are
//   lower priorities; only priorities below the mask are signalled), GICC_BPR 0x08, GICC_IAR 0x0C
//   (INTID [9:0], for SGIs the source CPU [12:10]; 1023 = spurious), GICC_EOIR 0x10 (written with
//   the IAR value).
// SGIs and PPIs (INTID 0-31) are banked per CPU, so each CPU enables its own (gicV2InitCpu);
// the distributor (SPIs, global enable) is set up once by the boot CPU. QEMU virt has no
// security extensions at EL1, so every interrupt is group 0 and signalled as IRQ.
// Invariant: an interrupt is acknowledged once and EOIed once, with the IAR value it returned.

import { mulU32, u32, u64, usize } from "../../kernel/int.ts";
import { FixedArray } from "../../kernel/array.ts";
import { devRead32, devWrite32, MMIO_GICC, MMIO_GICD } from "./dev_mmio.ts";

export const GICD_CTLR: u64 = u64(0x000n);
export const GICD_TYPER: u64 = u64(0x004n);
export const GICD_ISENABLER: u64 = u64(0x100n);
export const GICD_ICENABLER: u64 = u64(0x180n);
export const GICD_IPRIORITYR: u64 = u64(0x400n);
export const GICD_ITARGETSR: u64 = u64(0x800n);
export const GICD_SGIR: u64 = u64(0xf00n);
export const GICC_CTLR: u64 = u64(0x00n);
export const GICC_PMR: u64 = u64(0x04n);
export const GICC_BPR: u64 = u64(0x08n);
export const GICC_IAR: u64 = u64(0x0cn);
export const GICC_EOIR: u64 = u64(0x10n);

/** The priority given to the interrupts Tsuki enables, and the mask that lets them through. */
export const GIC_PRIORITY: u32 = u32(0xa0);
export const GIC_PMR_ALL: u32 = u32(0xf0);

/** Each CPU index's GIC CPU interface mask (one bit), learnt by that CPU in gicV2InitCpu. */
const cpuMasks = new FixedArray<u32>(16, u32(0));

/** CPU index cpu's interface mask (one bit; 0 before that CPU ran gicV2InitCpu). */
export function gicV2CpuMask(cpu: u32): u32 {
  return cpuMasks.get(usize(cpu));
}

/** Sets INTID id's priority byte (read-modify-write of its 32-bit register). */
export function gicV2SetPriority(id: u32, prio: u32): void {
  const reg = u64(GICD_IPRIORITYR + u64(id & ~3));
  const shift = mulU32(u32(id & 3), u32(8));
  const old = devRead32(MMIO_GICD, reg);
  devWrite32(MMIO_GICD, reg, u32((old & ~(0xff << shift)) | ((prio & 0xff) << shift)));
}

/** The distributor, once: off, every SPI disabled, on. */
export function gicV2InitDist(): void {
  devWrite32(MMIO_GICD, GICD_CTLR, u32(0));
  const lines = u32(u32(devRead32(MMIO_GICD, GICD_TYPER) & 0x1f) + 1);
  for (let n = u32(1); n < lines; n = u32(n + 1)) {
    devWrite32(MMIO_GICD, u64(GICD_ICENABLER + u64(mulU32(n, u32(4)))), u32(0xffffffff));
  }
  devWrite32(MMIO_GICD, GICD_CTLR, u32(1));
}

/** This CPU's banked interrupts and CPU interface: enables the INTIDs in ppiMask (bits 0-31,
 *  SGIs and PPIs) at GIC_PRIORITY, learns this CPU's interface mask for index cpu. */
export function gicV2InitCpu(cpu: u32, ppiMask: u32): void {
  devWrite32(MMIO_GICD, GICD_ICENABLER, u32(0xffffffff));
  for (let id = u32(0); id < 32; id = u32(id + 1)) {
    if (u32(ppiMask & (1 << id)) !== 0) {
      gicV2SetPriority(id, GIC_PRIORITY);
    }
  }
  devWrite32(MMIO_GICD, GICD_ISENABLER, ppiMask);
  // A uniprocessor GIC has GICD_ITARGETSRn RAZ/WI (§4.3.12): its one interface is bit 0.
  const mask = u32(devRead32(MMIO_GICD, GICD_ITARGETSR) & 0xff);
  cpuMasks.set(usize(cpu), mask === 0 ? u32(1) : mask);
  devWrite32(MMIO_GICC, GICC_PMR, GIC_PMR_ALL);
  devWrite32(MMIO_GICC, GICC_BPR, u32(0));
  devWrite32(MMIO_GICC, GICC_CTLR, u32(1));
}

/** Acknowledges the highest-priority pending interrupt: the IAR value (INTID in bits 9:0). */
export function gicV2Ack(): u32 {
  return devRead32(MMIO_GICC, GICC_IAR);
}

/** The INTID of an IAR value. */
export function gicV2Intid(iar: u32): u32 {
  return u32(iar & 0x3ff);
}

/** Ends an interrupt (iar: what gicV2Ack returned). */
export function gicV2Eoi(iar: u32): void {
  devWrite32(MMIO_GICC, GICC_EOIR, iar);
}

/** The GICD_SGIR value that sends SGI sgi to the CPUs in targetMask. */
export function gicV2SgirValue(targetMask: u32, sgi: u32): u32 {
  return u32(((targetMask & 0xff) << 16) | (sgi & 0xf));
}

/** Sends SGI sgi to CPU index cpu; false if that CPU has not set up its interface. */
export function gicV2SendSgi(cpu: u32, sgi: u32): boolean {
  const mask = cpuMasks.get(usize(cpu));
  if (mask === 0) {
    return false;
  }
  devWrite32(MMIO_GICD, GICD_SGIR, gicV2SgirValue(mask, sgi));
  return true;
}
