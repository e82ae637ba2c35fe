// The x86_64 machine's fixed physical layout that the boot protocol does not describe.
//
// QEMU's microvm and q35 and Firecracker keep devices in the fourth GiB (the "PCI hole" below
// 4 GiB): IOAPIC 0xfec00000, LAPIC 0xfee00000, virtio-mmio windows (microvm 0xfeb00000,
// Firecracker 0xd0000000+), HPET, flash. The kernel maps [DEVICE_WINDOW_BASE, 4 GiB) as device
// memory (uncached), as the boot tables of entry.S did, minus any RAM the memory map puts there
// (kernel/mem/mem_init.ts trims it). PCI ECAM on q35 (0xb0000000) will be mapped when PCI
// arrives.

import { u64 } from "../../kernel/int.ts";

/** The device window: [DEVICE_WINDOW_BASE, DEVICE_WINDOW_BASE + DEVICE_WINDOW_SIZE). */
export const DEVICE_WINDOW_BASE: u64 = u64(0xc0000000n);
export const DEVICE_WINDOW_SIZE: u64 = u64(0x40000000n);
