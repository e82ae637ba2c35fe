"use unsafe";
// x86_64 exceptions: decoding the frame that arch/x86_64/trap.S builds, and the report.
//
// trapEntry(frame, vector) is called from trap.S for every vector; 32-255 are interrupts and go to
// irq_entry.ts (which returns: trap.S then resumes the interrupted code). For all, frame = the saved
// registers:
// 15 general registers (r15 first, rax last), the vector, the error code (0 when the CPU pushes
// none), then the CPU's interrupt frame rip, cs, rflags, rsp, ss (Intel SDM vol.3 §6.14.2). It
// prints the registers and hands a FaultInfo to kernel/fault.ts, which names the region and
// panics. For a page fault (#PF, vector 14) CR2 holds the linear address and the error code
// says why (§4.7: bit 0 P = protection violation rather than not-present, bit 1 W/R = write,
// bit 2 U/S = user, bit 3 RSVD = reserved bit set, bit 4 I/D = instruction fetch).
// Exceptions do not return yet: every one is fatal until user programs exist.

import { u32, u64, usize } from "../../kernel/int.ts";
import { addr, load64, x86ReadCr2 } from "../../kernel/intrinsics.ts";
import { hex } from "../../kernel/fmt.ts";
import { klog } from "../../kernel/klog.ts";
import { FaultAccess, FaultInfo, faultReport } from "../../kernel/fault.ts";
import { irqDispatch } from "./irq_entry.ts";

/** Byte offsets in the trap frame. */
const FRAME_RBP: usize = usize(8 * 8);
const FRAME_RAX: usize = usize(14 * 8);
const FRAME_ERROR: usize = usize(16 * 8);
const FRAME_RIP: usize = usize(17 * 8);
const FRAME_RSP: usize = usize(20 * 8);

/** The page-fault vector and its error-code bits. */
export const VECTOR_PF: u32 = u32(14);
export const PF_PRESENT: u64 = u64(0x1n);
export const PF_WRITE: u64 = u64(0x2n);
export const PF_FETCH: u64 = u64(0x10n);

const fault: FaultInfo = new FaultInfo();

/** The name of exception vector v (Intel SDM vol.3 Table 6-1). */
export function vectorName(v: u32): string {
  switch (v) {
    case 0:
      return "divide error";
    case 1:
      return "debug";
    case 2:
      return "NMI";
    case 3:
      return "breakpoint";
    case 4:
      return "overflow";
    case 5:
      return "bound range exceeded";
    case 6:
      return "invalid opcode";
    case 7:
      return "device not available";
    case 8:
      return "double fault";
    case 10:
      return "invalid TSS";
    case 11:
      return "segment not present";
    case 12:
      return "stack-segment fault";
    case 13:
      return "general protection";
    case 14:
      return "page fault";
    case 16:
      return "x87 floating-point error";
    case 17:
      return "alignment check";
    case 18:
      return "machine check";
    case 19:
      return "SIMD floating-point exception";
    case 20:
      return "virtualization exception";
    case 21:
      return "control protection";
    default:
      return "reserved exception";
  }
}

/** How a page fault's error code says memory was used. */
export function pageFaultAccess(code: u64): FaultAccess {
  if (u64(code & PF_FETCH) !== 0n) {
    return FaultAccess.EXECUTE;
  }
  return u64(code & PF_WRITE) !== 0n ? FaultAccess.WRITE : FaultAccess.READ;
}

/** Called by trap.S with the frame address and the vector: an interrupt is dispatched, an
 *  exception reported (and the kernel panics). */
export function trapEntry(frame: usize, vector: u32): void {
  if (vector >= 32) {
    irqEntry(frame, vector);
    return;
  }
  const code = load64(addr(frame + FRAME_ERROR));
  fault.kind = vectorName(vector);
  fault.pc = load64(addr(frame + FRAME_RIP));
  fault.sp = load64(addr(frame + FRAME_RSP));
  fault.hasAddr = vector === VECTOR_PF;
  fault.access = FaultAccess.NONE;
  if (fault.hasAddr) {
    fault.addr = x86ReadCr2();
    fault.access = pageFaultAccess(code);
  }
  klog(`trap: vector ${vector} error ${hex(code)} rip ${hex(fault.pc)} rsp ${hex(fault.sp)}`);
  printRegisters(frame);
  fault.fp = load64(addr(frame + FRAME_RBP));
  faultReport(fault);
}

/** rax ... r15 as they were, four to a line. */
function printRegisters(frame: usize): void {
  const rax = load64(addr(frame + FRAME_RAX));
  const rbx = load64(addr(frame + 13 * 8));
  const rcx = load64(addr(frame + 12 * 8));
  const rdx = load64(addr(frame + 11 * 8));
  klog(`  rax ${hex(rax)} rbx ${hex(rbx)} rcx ${hex(rcx)} rdx ${hex(rdx)}`);
  const rsi = load64(addr(frame + 10 * 8));
  const rdi = load64(addr(frame + 9 * 8));
  const rbp = load64(addr(frame + FRAME_RBP));
  klog(`  rsi ${hex(rsi)} rdi ${hex(rdi)} rbp ${hex(rbp)}`);
}

/** An interrupt (vectors 32-255: LAPIC timer, reschedule IPI, spurious), on the interrupted
 *  thread's stack; the frame is restored when this returns (the same name as aarch64's). */
export function irqEntry(_frame: usize, vector: u32): void {
  irqDispatch(vector);
}
