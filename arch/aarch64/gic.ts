// The aarch64 interrupt controller, GICv2 or GICv3 as the devicetree says, behind one interface:
// irqInit (boot CPU), irqInitCpu (each secondary), gicHandleIrq (the IRQ vector's dispatch) and
// ipiSend.
//
// What Tsuki enables: the generic timer's virtual timer PPI (INTID 27 on QEMU virt, from the
// devicetree /timer node: kernel/boot/fdt_devices.ts), SGI 1, the reschedule IPI, and SGI 2,
// the TLB flush IPI (never sent today: TLB_BROADCAST, the TLBI ...IS forms reach every CPU).
// SPIs stay disabled until kernel/irq.ts's irqRegisterLine enables one (irq_line.ts).
// Dispatch (gicHandleIrq, called by arch/aarch64/trap.ts with IRQs masked, on the interrupted
// thread's stack): acknowledge (GICC_IAR / ICC_IAR1_EL1), then
//   - INTID 1020-1023: spurious (IHI 0069 §2.2.1, IHI 0048 §3.2.4) -> irqSpurious(), no EOI;
//   - the timer PPI: the timer's output is a level, so it is masked first (CNTV_CTL_EL0 = 0,
//     arch/aarch64/timer.ts), then EOI, then irqTimerFired() (which may re-arm it);
//   - SGI 1: EOI, then irqRescheduleArrived(); SGI 2: EOI, then irqTlbArrived();
//   - SPIs 32-95, the device lines of irq_line.ts: EOI, then irqLineFired(intid - 32) (a level
//     SPI whose device is still asserting stays pending; PSTATE.I holds it off until the eret,
//     by which time the kernel's handler has quieted the device);
//   - anything else: EOI, irqSpurious().
// The EOI comes before the kernel's handler because that handler may switch threads and come
// back much later: an interrupt left active would block every interrupt of its priority on this
// CPU meanwhile. PSTATE.I stays set until the eret, so nothing nests.

import { u32, u64 } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { GIC_V2, GIC_V3 } from "../../kernel/boot/fdt_devices.ts";
import {
  irqLineFired,
  irqRescheduleArrived,
  irqSpurious,
  irqTimerFired,
  irqTlbArrived,
} from "../../kernel/irq.ts";
import { panic } from "../../kernel/panic.ts";
import { devMmioSet, MMIO_GICC, MMIO_GICD, MMIO_GICR } from "./dev_mmio.ts";
import { archDevices } from "./devices.ts";
import {
  gicV2Ack,
  gicV2Eoi,
  gicV2InitCpu,
  gicV2InitDist,
  gicV2Intid,
  gicV2SendSgi,
} from "./gic_v2.ts";
import { gicV3Ack, gicV3Eoi, gicV3InitCpu, gicV3InitDist, gicV3SendSgi } from "./gic_v3.ts";
import { cpuIndex, cpuMpidrOf, cpuSetIndex, cpuSetMpidr } from "./percpu.ts";
import { cpuMpidr } from "./sysregs.ts";
import { timerFiredMask } from "./timer.ts";

/** The SGI of the reschedule IPI. */
export const SGI_RESCHEDULE: u32 = u32(1);
/** The SGI of the TLB flush IPI (unused: see TLB_BROADCAST). */
export const SGI_TLB: u32 = u32(2);
/** ipiSend kinds. */
export const IPI_RESCHEDULE: u32 = u32(1);
export const IPI_TLB: u32 = u32(2);
/** TLBI ...IS reaches every CPU of the inner-shareable domain (Arm ARM DDI 0487 D8.13): the
 *  kernel needs no TLB flush IPIs (kernel/mem/tlb_shootdown.ts). */
export const TLB_BROADCAST: boolean = true;
/** The first spurious/special INTID. */
const INTID_SPECIAL: u32 = u32(1020);

/** The controller in use. */
export class GicState {
  version: u32 = u32(0);
  timerIntid: u32 = u32(27);
  redistSize: u64 = u64(0n);
  /** The PL031's SPI from the devicetree (RTC_SPI_NONE if none): the --test-irq-line source. */
  rtcSpi: u32 = u32(0xffffffff);
}
export const gic: GicState = new GicState();

/** The banked INTIDs (0-31) each CPU enables. */
export function gicPpiMask(): u32 {
  return u32((1 << SGI_RESCHEDULE) | (1 << SGI_TLB) | (1 << u32(gic.timerIntid & 31)));
}

/** The boot CPU: CPU index 0, the GIC of the devicetree (distributor and this CPU's interface). */
export function irqInit(info: BootInfo): void {
  const d = archDevices(info);
  cpuSetIndex(u32(0));
  cpuSetMpidr(u32(0), cpuMpidr());
  gic.timerIntid = d.timerVirtIntid;
  gic.rtcSpi = d.rtcSpi;
  if (d.gicVersion === GIC_V2) {
    if (!devMmioSet(MMIO_GICD, d.gicDistBase, d.gicDistSize)) {
      panic("GIC distributor outside the device window");
    }
    if (!devMmioSet(MMIO_GICC, d.gicCpuBase, d.gicCpuSize)) {
      panic("GIC CPU interface outside the device window");
    }
    gic.version = GIC_V2;
    gicV2InitDist();
  } else if (d.gicVersion === GIC_V3) {
    if (!devMmioSet(MMIO_GICD, d.gicDistBase, d.gicDistSize)) {
      panic("GIC distributor outside the device window");
    }
    if (!devMmioSet(MMIO_GICR, d.gicRedistBase, d.gicRedistSize)) {
      panic("GIC redistributors outside the device window");
    }
    gic.version = GIC_V3;
    gic.redistSize = d.gicRedistSize;
    if (!gicV3InitDist()) {
      panic("GICv3 distributor does not settle (GICD_CTLR.RWP)");
    }
  } else {
    panic("no GIC in the devicetree");
  }
  irqInitCpu();
}

/** This CPU's side of the GIC (banked SGIs/PPIs, CPU interface). cpuIndex() must be set. */
export function irqInitCpu(): void {
  const cpu = cpuIndex();
  if (gic.version === GIC_V2) {
    gicV2InitCpu(cpu, gicPpiMask());
  } else if (gic.version === GIC_V3) {
    const mpidr = cpuMpidrOf(cpu);
    const mask = gicPpiMask();
    if (!gicV3InitCpu(cpu, mpidr, gic.redistSize, mask)) {
      panic("GICv3: no redistributor for this CPU");
    }
  }
}

/** Acknowledges, dispatches and ends one interrupt (the IRQ vector's work). */
export function gicHandleIrq(): void {
  let iar = u32(0);
  let intid = u32(0);
  if (gic.version === GIC_V3) {
    iar = gicV3Ack();
    intid = iar;
  } else {
    iar = gicV2Ack();
    intid = gicV2Intid(iar);
  }
  if (intid >= INTID_SPECIAL && intid <= 1023) {
    irqSpurious();
    return;
  }
  if (intid === gic.timerIntid) {
    timerFiredMask();
    gicEoi(iar);
    irqTimerFired();
  } else if (intid === SGI_RESCHEDULE) {
    gicEoi(iar);
    irqRescheduleArrived();
  } else if (intid === SGI_TLB) {
    gicEoi(iar);
    irqTlbArrived();
  } else if (intid >= 32 && intid < 96) {
    gicEoi(iar);
    irqLineFired(u32(intid - 32));
  } else {
    gicEoi(iar);
    irqSpurious();
  }
}

function gicEoi(iar: u32): void {
  if (gic.version === GIC_V3) {
    gicV3Eoi(iar);
  } else {
    gicV2Eoi(iar);
  }
}

/** Sends an IPI of kind (IPI_RESCHEDULE, IPI_TLB; others are ignored) to CPU index cpu. */
export function ipiSend(cpu: u32, kind: u32): void {
  let sgi = u32(0);
  if (kind === IPI_RESCHEDULE) {
    sgi = SGI_RESCHEDULE;
  } else if (kind === IPI_TLB) {
    sgi = SGI_TLB;
  } else {
    return;
  }
  if (gic.version === GIC_V3) {
    gicV3SendSgi(cpuMpidrOf(cpu), sgi);
  } else if (gic.version === GIC_V2) {
    gicV2SendSgi(cpu, sgi);
  }
}

/** The interrupt controller in use, for the boot log. */
export function irqControllerName(): string {
  if (gic.version === GIC_V3) {
    return "GICv3";
  }
  return gic.version === GIC_V2 ? "GICv2" : "none";
}
