"use unsafe";
// aarch64 exceptions: decoding the frame that arch/aarch64/trap.S builds, and the report.
//
// trapEntry(frame, index) is called for every vector entry; index is the entry number (0-15:
// {sync, IRQ, FIQ, SError} x {current EL SP0, current EL SPx, lower EL AArch64, AArch32}) and
// the frame holds x0..x30, the interrupted sp, ELR_EL1, SPSR_EL1, ESR_EL1 and FAR_EL1. The
// exception class ESR_EL1.EC (bits 31:26; Arm ARM DDI 0487, D17.2.40) names the cause; for data
// and instruction aborts FAR_EL1 is the faulting address, ISS.WnR (bit 6) tells a write from a
// read, and ISS.DFSC/IFSC (bits 5:0) the fault status: translation fault (0b0001LL), access
// flag (0b0010LL), permission fault (0b0011LL), at level LL. Every synchronous exception, FIQ
// and SError is fatal until user programs exist (the Linux ABI).
// IRQs come through irqEntry (trap.S builds their frame on the interrupted thread's stack) and
// go to the GIC dispatch (arch/aarch64/gic.ts), which may switch threads before returning.

import { u32, u64, usize } from "../../kernel/int.ts";
import { addr, load64 } from "../../kernel/intrinsics.ts";
import { hex } from "../../kernel/fmt.ts";
import { klog } from "../../kernel/klog.ts";
import { FaultAccess, FaultInfo, faultReport } from "../../kernel/fault.ts";
import { gicHandleIrq } from "./gic.ts";

const FRAME_SP: usize = usize(248);
const FRAME_ELR: usize = usize(256);
const FRAME_ESR: usize = usize(272);
const FRAME_FAR: usize = usize(280);

/** Exception classes (ESR_EL1.EC) the report names. */
export const EC_UNKNOWN: u32 = u32(0x00);
export const EC_SVC64: u32 = u32(0x15);
export const EC_IABT_LOWER: u32 = u32(0x20);
export const EC_IABT_SAME: u32 = u32(0x21);
export const EC_PC_ALIGN: u32 = u32(0x22);
export const EC_DABT_LOWER: u32 = u32(0x24);
export const EC_DABT_SAME: u32 = u32(0x25);
export const EC_SP_ALIGN: u32 = u32(0x26);
export const EC_BRK: u32 = u32(0x3c);

const fault: FaultInfo = new FaultInfo();

/** ESR_EL1.EC of an ESR value. */
export function esrClass(esr: u64): u32 {
  return u32(u64(esr >> 26n) & 0x3fn);
}

/** The name of a synchronous exception's class. */
export function className(ec: u32): string {
  switch (ec) {
    case EC_UNKNOWN:
      return "undefined instruction";
    case EC_SVC64:
      return "system call";
    case EC_IABT_LOWER:
    case EC_IABT_SAME:
      return "instruction abort";
    case EC_PC_ALIGN:
      return "pc alignment fault";
    case EC_DABT_LOWER:
    case EC_DABT_SAME:
      return "data abort";
    case EC_SP_ALIGN:
      return "sp alignment fault";
    case EC_BRK:
      return "breakpoint";
    default:
      return "synchronous exception";
  }
}

/** The name of an abort's fault status code (DFSC/IFSC, ISS bits 5:0). */
export function faultStatusName(esr: u64): string {
  const fsc = u32(esr & 0x3fn);
  if (fsc === 0x10) {
    return "synchronous external abort";
  }
  if (fsc === 0x21) {
    return "alignment fault";
  }
  switch (u32(fsc >>> 2)) {
    case 1:
      return "translation fault";
    case 2:
      return "access flag fault";
    case 3:
      return "permission fault";
    default:
      return "other fault";
  }
}

/** How an exception with this ESR used memory. */
export function esrAccess(esr: u64): FaultAccess {
  const ec = esrClass(esr);
  if (ec === EC_IABT_SAME || ec === EC_IABT_LOWER) {
    return FaultAccess.EXECUTE;
  }
  if (ec === EC_DABT_SAME || ec === EC_DABT_LOWER) {
    return u64(esr & 0x40n) !== 0n ? FaultAccess.WRITE : FaultAccess.READ;
  }
  return FaultAccess.NONE;
}

/** Called by trap.S for every vector entry; reports and panics. */
export function trapEntry(frame: usize, index: u32): void {
  const esr = load64(addr(frame + FRAME_ESR));
  const ec = esrClass(esr);
  fault.pc = load64(addr(frame + FRAME_ELR));
  fault.sp = load64(addr(frame + FRAME_SP));
  fault.access = FaultAccess.NONE;
  fault.hasAddr = false;
  fault.detail = "";
  const kind = u32(index & 3);
  if (kind !== 0) {
    fault.kind = kind === 1 ? "unexpected IRQ" : kind === 2 ? "unexpected FIQ" : "SError";
  } else {
    fault.access = esrAccess(esr);
    fault.hasAddr = fault.access !== FaultAccess.NONE;
    fault.kind = className(ec);
    fault.detail = fault.hasAddr ? faultStatusName(esr) : "";
    if (fault.hasAddr) {
      fault.addr = load64(addr(frame + FRAME_FAR));
    }
  }
  klog(`trap: entry ${index} esr ${hex(esr)} elr ${hex(fault.pc)} sp ${hex(fault.sp)}`);
  const x0 = load64(frame);
  const x1 = load64(addr(frame + 8));
  const x29 = load64(addr(frame + 29 * 8));
  const x30 = load64(addr(frame + 30 * 8));
  klog(`  x0 ${hex(x0)} x1 ${hex(x1)} x29 ${hex(x29)} x30 ${hex(x30)}`);
  fault.fp = x29;
  faultReport(fault);
}

/** Called by trap.S for the IRQ entries (1, 5, 9, 13), with IRQs masked, on the interrupted
 *  thread's stack; the frame (x0..x30, sp, ELR, SPSR, FP/SIMD) is restored when this returns. */
export function irqEntry(_frame: usize, _index: u32): void {
  gicHandleIrq();
}
