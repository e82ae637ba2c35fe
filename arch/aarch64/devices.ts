// The aarch64 platform devices, read once from the devicetree (kernel/boot/fdt_devices.ts).
//
// irqInit, clockInit and smpStart each need part of the devicetree's description (GIC, timer
// interrupt, PL031, /cpus); whichever runs first reads it from BootInfo.dtbAddr/dtbSize, the rest
// reuse the result. A devicetree that fdt.ts accepted but fdt_devices.ts cannot walk is a
// corrupt boot state: panic.

import { DtDevices, fdtDevicesRead } from "../../kernel/boot/fdt_devices.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { panic } from "../../kernel/panic.ts";

const devices: DtDevices = new DtDevices();

class DevicesState {
  read: boolean = false;
}
const state: DevicesState = new DevicesState();

/** The platform devices of the devicetree that info describes. */
export function archDevices(info: BootInfo): DtDevices {
  if (!state.read) {
    if (!fdtDevicesRead(info.dtbAddr, info.dtbSize, devices)) {
      panic("the devicetree's device nodes are malformed");
    }
    state.read = true;
  }
  return devices;
}
