// aarch64 device interrupt lines: GIC SPIs (gic_spi.ts), and the test source of --test-irq-line
// (the PL031 RTC's match interrupt, arch/aarch64/rtc.ts).
//
// A line is an SPI number: GIC INTID 32 + line, the number the devicetree's `interrupts`
// specifiers give for type 0 (the GIC binding). irqLineEnable(line) configures it level-sensitive
// (what the devicetree of QEMU virt says for its devices: flags 4, level high), routes it to CPU
// index 0 (GICv2: that CPU's interface bit in GICD_ITARGETSRn; GICv3: its affinity in
// GICD_IROUTERn) and enables it in the distributor; irqLineDisable disables it. Lines at or above
// LINE_SPIS (64) are ignored: gic.ts's dispatch hands INTIDs 32-95 to kernel/irq.ts's
// irqLineFired(intid - 32).

import { u32 } from "../../kernel/int.ts";
import { GIC_V3 } from "../../kernel/boot/fdt_devices.ts";
import { gic } from "./gic.ts";
import { gicSpiDisable, gicSpiEnable } from "./gic_spi.ts";
import { gicV2CpuMask } from "./gic_v2.ts";
import { cpuMpidrOf } from "./percpu.ts";
import { rtcAlarmAck, rtcAlarmStart, rtcAlarmStop, rtcPresent } from "./rtc.ts";

/** The first SPI's INTID. */
export const SPI_BASE: u32 = u32(32);
/** How many SPIs are lines (INTIDs 32-95). */
export const LINE_SPIS: u32 = u32(64);
/** irqTestSourceLine's answer when there is no test source. */
export const LINE_NONE: u32 = u32(0xffffffff);

/** Routes SPI line to CPU 0, level-sensitive, and enables it. */
export function irqLineEnable(line: u32): void {
  if (line >= LINE_SPIS || gic.version === 0) {
    return;
  }
  const v3 = gic.version === GIC_V3;
  const mask = gicV2CpuMask(u32(0));
  const mpidr = cpuMpidrOf(u32(0));
  gicSpiEnable(u32(SPI_BASE + line), false, v3, mask, mpidr);
}

/** Disables SPI line. */
export function irqLineDisable(line: u32): void {
  if (line >= LINE_SPIS || gic.version === 0) {
    return;
  }
  gicSpiDisable(u32(SPI_BASE + line), gic.version === GIC_V3);
}

/** The line --test-irq-line's source raises: the PL031's SPI (devicetree), LINE_NONE if there is
 *  no PL031 or it has no SPI. */
export function irqTestSourceLine(): u32 {
  return rtcPresent() ? gic.rtcSpi : LINE_NONE;
}

/** Starts the test source: the PL031 match interrupt at the next second. */
export function irqTestSourceStart(): void {
  rtcAlarmStart();
}

/** Acknowledges the test source's interrupt (RTCICR). */
export function irqTestSourceAck(): void {
  rtcAlarmAck();
}

/** Stops the test source (masks the PL031 interrupt). */
export function irqTestSourceStop(): void {
  rtcAlarmStop();
}
