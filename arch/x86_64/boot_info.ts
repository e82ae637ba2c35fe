// x86_64 boot information: the PVH boot ABI.
//
// The entry code (arch/x86_64/entry.S) is entered by a PVH loader in 32-bit protected mode with
// ebx = the physical address of Xen's hvm_start_info, and passes it on as bootArg. The format is
// parsed by kernel/boot/pvh.ts; this file only binds the x86_64 entry to it.

import type { usize } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { BOOT_OK } from "../../kernel/boot/boot_error.ts";
import { pvhRead } from "../../kernel/boot/pvh.ts";

/** Fills info from the hvm_start_info at bootArg; false (with info.error set) if it is bad. */
export function readBootInfo(bootArg: usize, info: BootInfo): boolean {
  return pvhRead(bootArg, info) === BOOT_OK;
}
