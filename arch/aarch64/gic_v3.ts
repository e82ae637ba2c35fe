// GICv3 (Arm IHI 0069): distributor and redistributors in memory, CPU interface in system
// registers.
//
// Distributor (§12.9): GICD_CTLR 0x0000 — written 0x13: EnableGrp1NS (bit 1), EnableGrp1/Grp0
// (bit 0 in the single-security view QEMU virt gives at EL1, GICD_CTLR.DS = 1) and ARE (bit 4,
// affinity routing); RWP (bit 31) is polled after each write (§12.9.4). GICD_TYPER 0x0004
// (ITLinesNumber [4:0]), GICD_IGROUPRn 0x0080 (1 = group 1), GICD_ICENABLERn 0x0180.
// Redistributors (§12.10): one frame pair per CPU, RD_base then SGI_base (+0x10000), each 64 KiB,
// so 128 KiB per CPU (256 KiB when GICR_TYPER.VLPIS, bit 1, says GICv4 virtual LPIs are there).
// GICR_TYPER 0x0008 (64-bit; bit 4 Last, bits 63:32 the CPU's affinity Aff3.Aff2.Aff1.Aff0) finds
// this CPU's frame; GICR_WAKER 0x0014: clearing ProcessorSleep (bit 1) and waiting for
// ChildrenAsleep (bit 2) to clear wakes the interface (§12.11.42). In SGI_base, GICR_IGROUPR0
// 0x0080, GICR_ISENABLER0 0x0100, GICR_ICENABLER0 0x0180, GICR_IPRIORITYR 0x0400 configure this
// CPU's SGIs and PPIs.
// CPU interface (§12.2): ICC_SRE_EL1.SRE = 1 (system-register access), ICC_PMR_EL1 = 0xf0,
// ICC_BPR1_EL1 = 0, ICC_IGRPEN1_EL1 = 1; ICC_IAR1_EL1 acknowledges (INTID [23:0], 1023 =
// spurious), ICC_EOIR1_EL1 ends; ICC_SGI1R_EL1 sends an SGI (§12.2.21): TargetList [15:0] a bit
// per Aff0 value within a range of 16 chosen by RS [47:44], Aff1 [23:16], INTID [27:24], Aff2
// [39:32], Aff3 [55:48].
// Invariant: each CPU finds and wakes its own redistributor before enabling group 1.

import { mulU32, u32, u64, usize } from "../../kernel/int.ts";
import { FixedArray } from "../../kernel/array.ts";
import { devRead32, devWrite32, MMIO_GICD, MMIO_GICR } from "./dev_mmio.ts";
import {
  iccBpr1Write,
  iccEoir1Write,
  iccIar1Read,
  iccIgrpen1Write,
  iccPmrWrite,
  iccSgi1rWrite,
  iccSreRead,
  iccSreWrite,
} from "./sysregs.ts";
import { GIC_PMR_ALL, GIC_PRIORITY } from "./gic_v2.ts";

export const GICD_CTLR: u64 = u64(0x0000n);
export const GICD_TYPER: u64 = u64(0x0004n);
export const GICD_IGROUPR: u64 = u64(0x0080n);
export const GICD_ICENABLER: u64 = u64(0x0180n);
export const GICD_CTLR_ENABLE: u32 = u32(0x13);
const RWP: u32 = u32(0x80000000);
export const GICR_TYPER: u64 = u64(0x0008n);
export const GICR_WAKER: u64 = u64(0x0014n);
export const GICR_SGI_BASE: u64 = u64(0x10000n);
export const GICR_IGROUPR0: u64 = u64(0x0080n);
export const GICR_ISENABLER0: u64 = u64(0x0100n);
export const GICR_ICENABLER0: u64 = u64(0x0180n);
export const GICR_IPRIORITYR: u64 = u64(0x0400n);
const WAKER_PROCESSOR_SLEEP: u32 = u32(2);
const WAKER_CHILDREN_ASLEEP: u32 = u32(4);
/** How long to poll RWP / ChildrenAsleep before giving up (reads). */
const POLL_LIMIT: u32 = u32(1000000);
const NO_FRAME: u64 = u64(0xffffffffffffffffn);

/** Each CPU index's redistributor frame (offset in the redistributor window). */
const frames = new FixedArray<u64>(16, u64(0xffffffffffffffffn));

/** The 32-bit affinity value GICR_TYPER[63:32] uses for an MPIDR (Aff3.Aff2.Aff1.Aff0). */
export function gicV3Affinity(mpidr: u64): u32 {
  const low = u32(mpidr & 0xffffffn);
  const aff3 = u32(u64(mpidr >> 32n) & 0xffn);
  return u32(low | (aff3 << 24));
}

/** Polls GICD_CTLR.RWP until the distributor applied the last write; false on timeout. */
export function gicV3WaitRwp(): boolean {
  return waitRwp();
}

function waitRwp(): boolean {
  for (let i = u32(0); i < POLL_LIMIT; i = u32(i + 1)) {
    if (u32(devRead32(MMIO_GICD, GICD_CTLR) & RWP) === 0) {
      return true;
    }
  }
  return false;
}

/** The distributor, once: off, SPIs group 1 and disabled, on with affinity routing. */
export function gicV3InitDist(): boolean {
  devWrite32(MMIO_GICD, GICD_CTLR, u32(0));
  if (!waitRwp()) {
    return false;
  }
  const lines = u32(u32(devRead32(MMIO_GICD, GICD_TYPER) & 0x1f) + 1);
  for (let n = u32(1); n < lines; n = u32(n + 1)) {
    const off = u64(mulU32(n, u32(4)));
    devWrite32(MMIO_GICD, u64(GICD_IGROUPR + off), u32(0xffffffff));
    devWrite32(MMIO_GICD, u64(GICD_ICENABLER + off), u32(0xffffffff));
  }
  devWrite32(MMIO_GICD, GICD_CTLR, GICD_CTLR_ENABLE);
  return waitRwp();
}

/** The offset of the redistributor frame whose affinity is aff, scanning a window of size
 *  bytes; NO_FRAME if none (or the Last frame is passed). */
export function gicV3FindFrame(aff: u32, size: u64): u64 {
  let off = u64(0n);
  while (u64(off + 0x20000n) <= size) {
    const typer = devRead32(MMIO_GICR, u64(off + GICR_TYPER));
    if (devRead32(MMIO_GICR, u64(off + GICR_TYPER + 4n)) === aff) {
      return off;
    }
    if (u32(typer & 0x10) !== 0) {
      return NO_FRAME;
    }
    off = u64(off + (u32(typer & 2) !== 0 ? u64(0x40000n) : u64(0x20000n)));
  }
  return NO_FRAME;
}

/** This CPU (index cpu, affinity mpidr): wakes its redistributor, makes the INTIDs of ppiMask
 *  group 1 and enabled at GIC_PRIORITY, and turns on the system-register CPU interface. */
export function gicV3InitCpu(cpu: u32, mpidr: u64, redistSize: u64, ppiMask: u32): boolean {
  const frame = gicV3FindFrame(gicV3Affinity(mpidr), redistSize);
  if (frame === NO_FRAME) {
    return false;
  }
  frames.set(usize(cpu), frame);
  const waker = devRead32(MMIO_GICR, u64(frame + GICR_WAKER));
  devWrite32(MMIO_GICR, u64(frame + GICR_WAKER), u32(waker & ~WAKER_PROCESSOR_SLEEP));
  let awake = false;
  for (let i = u32(0); i < POLL_LIMIT && !awake; i = u32(i + 1)) {
    awake = u32(devRead32(MMIO_GICR, u64(frame + GICR_WAKER)) & WAKER_CHILDREN_ASLEEP) === 0;
  }
  if (!awake) {
    return false;
  }
  const sgi = u64(frame + GICR_SGI_BASE);
  devWrite32(MMIO_GICR, u64(sgi + GICR_ICENABLER0), u32(0xffffffff));
  devWrite32(MMIO_GICR, u64(sgi + GICR_IGROUPR0), u32(0xffffffff));
  for (let id = u32(0); id < 32; id = u32(id + 1)) {
    if (u32(ppiMask & (1 << id)) !== 0) {
      const reg = u64(sgi + GICR_IPRIORITYR + u64(id & ~3));
      const shift = mulU32(u32(id & 3), u32(8));
      const old = devRead32(MMIO_GICR, reg);
      devWrite32(MMIO_GICR, reg, u32((old & ~(0xff << shift)) | (GIC_PRIORITY << shift)));
    }
  }
  devWrite32(MMIO_GICR, u64(sgi + GICR_ISENABLER0), ppiMask);
  iccSreWrite(u64(iccSreRead() | 1n));
  iccPmrWrite(u64(GIC_PMR_ALL));
  iccBpr1Write(u64(0n));
  iccIgrpen1Write(u64(1n));
  return true;
}

/** Acknowledges the highest-priority pending group-1 interrupt: its INTID. */
export function gicV3Ack(): u32 {
  return u32(iccIar1Read() & 0xffffffn);
}

/** Ends interrupt intid. */
export function gicV3Eoi(intid: u32): void {
  iccEoir1Write(u64(intid));
}

/** The ICC_SGI1R_EL1 value that sends SGI sgi to the CPU with affinity mpidr. */
export function gicV3Sgi1rValue(mpidr: u64, sgi: u32): u64 {
  const aff0 = u64(mpidr & 0xffn);
  const aff1 = u64(u64(mpidr >> 8n) & 0xffn);
  const aff2 = u64(u64(mpidr >> 16n) & 0xffn);
  const aff3 = u64(u64(mpidr >> 32n) & 0xffn);
  const rs = u64(aff0 >> 4n);
  const target = u64(1n << u64(aff0 & 0xfn));
  return u64(
    target | (aff1 << 16n) | (u64(sgi & 0xf) << 24n) | (aff2 << 32n) | (rs << 44n) | (aff3 << 48n),
  );
}

/** Sends SGI sgi to the CPU with affinity mpidr. */
export function gicV3SendSgi(mpidr: u64, sgi: u32): void {
  iccSgi1rWrite(gicV3Sgi1rValue(mpidr, sgi));
}
