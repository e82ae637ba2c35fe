"use unsafe";
// Powering off the x86_64 machine: QEMU's isa-debug-exit device.
//
// QEMU run with `-device isa-debug-exit,iobase=0xf4,iosize=0x04` exits when a byte is written to
// port 0xf4, with process status (value << 1) | 1: status 0 gives 1, status 1 gives 3. The status
// is truncated to its low 8 bits. On a machine without the device the write is ignored and the
// CPU halts forever (interrupts stay off, so hlt does not return); boot tests always add the
// device and -no-reboot, so a hang there is a test failure, never a false pass.

import { u16, u32, u8 } from "../../kernel/int.ts";
import { halt, outb } from "../../kernel/intrinsics.ts";

/** The isa-debug-exit I/O port the boot tests configure. */
export const DEBUG_EXIT_PORT: u16 = u16(0xf4);

/** Stops the machine, reporting status (0 = success) to the host. */
export function powerOff(status: u32): never {
  outb(DEBUG_EXIT_PORT, u8(status));
  while (true) {
    halt();
  }
}
