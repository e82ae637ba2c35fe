// The "floor" kernel: the least a Tsuki image can do, as the baseline of the boot-time bench.
//
// tools/bench_boot.ts boots it and the real kernel alternately with the same QEMU flags, and
// reports `boot <arch>: tsuki/floor = <ratio>`: whatever the floor costs (QEMU start-up, loading
// the image, the arch's entry glue, one console line, power-off) is common to both, so the ratio
// shows what the kernel's own boot adds. It is built as a variant image (tools/build.ts
// buildKernel(arch, { entry: "kernel/floor_main.ts", out: "build/<arch>/floor.elf" })): the
// same arch/<arch>/entry.S and linker script, whose call to kernel_main__kernelMain the link
// aliases to this module's kernelMain (same signature as kernel/main.ts's).
// Invariants: it prints exactly one line, `Tsuki floor (<arch>)`, and powers off with status 0;
// it touches nothing but the console and the power-off device (no boot info, no memory
// management, no interrupts).

import { u32, usize } from "./int.ts";
import { ARCH_NAME, consoleInit, powerOff } from "@arch/mod.ts";
import { klog } from "./klog.ts";

/** Prints one line and powers off; the arguments (boot protocol pointer, image layout table)
 *  are those kernel/main.ts's kernelMain gets, unused here. */
export function kernelMain(_bootArg: usize, _imageArg: usize): void {
  consoleInit();
  klog(`Tsuki floor (${ARCH_NAME})`);
  powerOff(u32(0));
}
