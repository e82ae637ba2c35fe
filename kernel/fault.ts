// The report of a CPU exception the kernel did not expect: what, where, and then a panic.
//
// The arch trap handler (arch/<ARCH>/trap.ts, entered from trap.S) decodes its frame into a
// FaultInfo, prints the registers, and calls faultReport, which prints one line that a person
// (and the boot tests) can read:
//   fault: <kind> (<read|write|execute>) at <address> (<region>) pc <pc>[: <detail>]
// where region names the part of the address space the address falls in: `null page`,
// `guard page of the boot stack` (or of the exception stack), `kernel text`, `kernel read-only data`, `kernel data`, or
// `unmapped`. The regions come from faultSetRegions, called once the kernel's page tables are on
// (kernel/main.ts). Then it prints a backtrace from the interrupted frame pointer, each frame
// named as the TS function (kernel/backtrace.ts, kernel/symbols.ts), and panics (status 1): a fault in the kernel is a kernel bug, or a test
// that provoked one on purpose (--test-guard, --test-wx, --test-null). Faults from applications
// come with the Linux ABI. faultReport must not fault itself: it reads only this module's fields.

import { u64, usize } from "./int.ts";
import { hex } from "./fmt.ts";
import { kfinishLine, klog } from "./klog.ts";
import { panic } from "./panic.ts";
import { backtracePrint } from "./backtrace.ts";
import type { KernelImage } from "./mem/kernel_space.ts";

/** How the faulting access used memory. */
export enum FaultAccess {
  NONE = 0,
  READ = 1,
  WRITE = 2,
  EXECUTE = 3,
}

/** A decoded exception. */
export class FaultInfo {
  /** The exception's name, e.g. "page fault", "data abort", "general protection". */
  kind: string = "";
  /** More about the cause, or "" (e.g. "permission fault"). */
  detail: string = "";
  access: FaultAccess = FaultAccess.NONE;
  /** True if addr is meaningful (page faults, aborts). */
  hasAddr: boolean = false;
  addr: u64 = u64(0n);
  pc: u64 = u64(0n);
  sp: u64 = u64(0n);
  /** The interrupted frame pointer (rbp / x29), where the backtrace starts; 0 if unknown. */
  fp: u64 = u64(0n);
}

/** The kernel's address-space regions that a report names. */
class Regions {
  known: boolean = false;
  textStart: usize = usize(0);
  /** Text ends where rodata starts (the pages of text's tail are text's). */
  textEnd: usize = usize(0);
  rodataEnd: usize = usize(0);
  dataEnd: usize = usize(0);
  guardStart: usize = usize(0);
  guardEnd: usize = usize(0);
  excGuardStart: usize = usize(0);
  excGuardEnd: usize = usize(0);
}

const regions: Regions = new Regions();

/** Records the kernel image's regions for later reports. */
export function faultSetRegions(image: KernelImage): void {
  regions.textStart = image.textStart;
  regions.textEnd = image.rodataStart;
  regions.rodataEnd = image.rodataEnd;
  regions.dataEnd = image.dataEnd;
  regions.guardStart = image.guardStart;
  regions.guardEnd = image.guardEnd;
  regions.excGuardStart = image.excGuardStart;
  regions.excGuardEnd = image.excGuardEnd;
  regions.known = true;
}

/** The name of the region holding addr. */
export function faultRegion(addr: u64): string {
  if (addr < 0x1000n) {
    return "null page";
  }
  if (!regions.known || addr >= 0x20000000000000n) {
    return "unmapped";
  }
  const a = usize(addr);
  if (a >= regions.guardStart && a < regions.guardEnd) {
    return "guard page of the boot stack";
  }
  if (a >= regions.excGuardStart && a < regions.excGuardEnd) {
    return "guard page of the exception stack";
  }
  if (a >= regions.textStart && a < regions.textEnd) {
    return "kernel text";
  }
  if (a >= regions.textEnd && a < regions.rodataEnd) {
    return "kernel read-only data";
  }
  if (a >= regions.rodataEnd && a < regions.dataEnd) {
    return "kernel data";
  }
  return "outside the kernel image";
}

/** The word for an access kind. */
export function faultAccessName(a: FaultAccess): string {
  switch (a) {
    case FaultAccess.READ:
      return "read";
    case FaultAccess.WRITE:
      return "write";
    case FaultAccess.EXECUTE:
      return "execute";
    default:
      return "no access";
  }
}

/** Prints the fault line and panics. */
export function faultReport(f: FaultInfo): never {
  kfinishLine();
  const access = faultAccessName(f.access);
  const region = faultRegion(f.addr);
  if (f.hasAddr && usize(f.detail.length) > 0) {
    klog(`fault: ${f.kind} (${access}) at ${hex(f.addr)} (${region}) pc ${hex(f.pc)}: ${f.detail}`);
  } else if (f.hasAddr) {
    klog(`fault: ${f.kind} (${access}) at ${hex(f.addr)} (${region}) pc ${hex(f.pc)}`);
  } else {
    klog(`fault: ${f.kind} pc ${hex(f.pc)} sp ${hex(f.sp)}`);
  }
  if (f.pc < 0x20000000000000n && f.fp < 0x20000000000000n) {
    backtracePrint(usize(f.fp), usize(f.pc));
  }
  panic("unhandled CPU exception");
}
