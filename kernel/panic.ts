// The end of the line: report a fatal error and power off with a failure status.
//
// panic is called by kernel code that cannot go on, and by the transpiled C for every failed
// runtime check (usize range, division by zero, string bounds: docs/SUBSET.md §7; C symbol
// kernel_panic__panic). It ends any open console line, prints `panic: <msg>` and powers off
// with status 1 (PANIC_STATUS). It must not itself fail a runtime check, or it would recurse: it
// only prints literals through klog and calls powerOff.

import { u32 } from "./int.ts";
import { unreachable } from "./intrinsics.ts";
import { kfinishLine, kprint, kprintln } from "./klog.ts";
import { consoleLockOff } from "./console_lock.ts";
import { powerOff } from "@arch/mod.ts";

/** The power-off status of a panic. */
export const PANIC_STATUS: u32 = u32(1);

/** Prints `panic: <msg>` and powers the machine off with PANIC_STATUS. */
export function panic(msg: string): never {
  consoleLockOff();
  kfinishLine();
  kprint("panic: ");
  kprintln(msg);
  powerOff(PANIC_STATUS);
  unreachable();
}
