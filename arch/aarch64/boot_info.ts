// aarch64 boot information: the devicetree blob.
//
// The entry code (arch/aarch64/entry.S) passes on x0 as bootArg: the DTB's physical address
// when QEMU boots an Image (Linux arm64 boot protocol, Documentation/arch/arm64/booting.rst),
// but 0 when it boots an ELF, in which case QEMU's virt machine has put the DTB at the start of
// RAM, 0x40000000 (the ELF is linked above it). The format is parsed by kernel/boot/fdt.ts.

import { usize } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { BOOT_OK } from "../../kernel/boot/boot_error.ts";
import { fdtRead } from "../../kernel/boot/fdt.ts";

/** Where QEMU's virt machine puts the DTB for an ELF kernel (bootArg 0). */
export const VIRT_DTB_ADDR: usize = usize(0x40000000);

/** Fills info from the devicetree at bootArg (0: at VIRT_DTB_ADDR); false (with info.error set)
 * if it is bad. */
export function readBootInfo(bootArg: usize, info: BootInfo): boolean {
  const addr = bootArg === 0 ? VIRT_DTB_ADDR : bootArg;
  return fdtRead(addr, info) === BOOT_OK;
}
