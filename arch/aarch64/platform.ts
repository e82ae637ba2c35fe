// The aarch64 machine's fixed physical layout that the boot protocol does not describe.
//
// QEMU `-M virt` (hw/arm/virt.c memmap) keeps every device below RAM at 0x40000000: GIC
// distributor/redistributors 0x08000000, PL011 UART 0x09000000, PL031 RTC 0x09010000, fw_cfg
// 0x09020000, GPIO 0x09030000, virtio-mmio 0x0a000000, platform bus 0x0c000000, PCIe MMIO
// 0x10000000 and PIO 0x3eff0000. The kernel maps [DEVICE_WINDOW_BASE, 1 GiB) as Device-nGnRnE
// memory (kernel/mem/mem_init.ts trims it against RAM). The high PCIe ECAM (0x4010000000) will be
// mapped when PCI arrives; a later issue takes these from the devicetree instead.

import { u64 } from "../../kernel/int.ts";

/** The device window: [DEVICE_WINDOW_BASE, DEVICE_WINDOW_BASE + DEVICE_WINDOW_SIZE). */
export const DEVICE_WINDOW_BASE: u64 = u64(0x08000000n);
export const DEVICE_WINDOW_SIZE: u64 = u64(0x38000000n);
