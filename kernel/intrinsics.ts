// Hardware intrinsics: the kernel's only doors to the machine, declared once.
//
// Under Deno each intrinsic acts on a simulated machine (`machine` below): RAM regions that tests
// map at physical addresses, and device models that answer port I/O and MMIO. The transpiler
// never compiles this file; it lowers each call to the C in transpiler/runtime/tsk_rt.h (inline
// asm, volatile accesses). Raw memory, MMIO and port I/O intrinsics may only be called from
// modules that begin with the directive "use unsafe" (docs/SUBSET.md, "Unsafe modules").
// Invariants of the model: all accesses are little-endian, as on both target arches; an access
// to an address that no region or device covers throws, like a fault on the metal.

import { CheckFailure, type i32, type u16, type u32, type u64, type u8, usize } from "./int.ts";

/** Thrown by the simulated machine when the kernel powers off (status 0 = success). */
export class MachineExit extends Error {
  constructor(readonly status: number) {
    super(`machine exit ${status}`);
    this.name = "MachineExit";
  }
}

/** A device model answering MMIO in [base, base + size). */
export interface MmioDevice {
  base: number;
  size: number;
  read(offset: number, width: 1 | 2 | 4 | 8): bigint;
  write(offset: number, width: 1 | 2 | 4 | 8, value: bigint): void;
}

/** A device model answering x86 port I/O. */
export interface PortDevice {
  read(port: number, width: 1 | 2 | 4): number;
  write(port: number, width: 1 | 2 | 4, value: number): void;
}

interface RamRegion {
  base: number;
  view: DataView;
}

/** The simulated machine that Deno unit tests run the kernel against. */
export class SimMachine {
  private ram: RamRegion[] = [];
  private mmio: MmioDevice[] = [];
  private ports = new Map<number, PortDevice>();
  /** Hooks for the aarch64 PSCI (hvc) and semihosting calls. */
  psci: (fn: number, a: bigint, b: bigint, c: bigint) => bigint = () => {
    throw new Error("psci call with no model");
  };
  semihost: (op: number, arg: number) => number = () => {
    throw new Error("semihosting call with no model");
  };
  semihostExit: (status: number) => void = () => {
    throw new Error("semihosting exit with no model");
  };
  /** CPU system registers (control registers, MSRs, aarch64 system registers) by name, as
   *  the x86* / arm* intrinsics read and write them; a register never written reads 0. */
  regs = new Map<string, bigint>();
  /** TLB maintenance done so far, in order: "invlpg 0x..", "tlbi va 0x..", "tlbi all". */
  tlbLog: string[] = [];
  /** Interrupts enabled on the (one) simulated CPU. */
  irqEnabled = false;
  /** The cycle counter: each read returns the current value, then adds cycleStep. */
  cycles = 0n;
  cycleStep = 1n;
  /** Hooks for what the simulated machine cannot do itself: a context switch (Deno has one
   *  stack; scheduler tests inject their own switching instead), CPUID answers, and a wait for
   *  an interrupt with interrupts on (tests decide what "arrives"). */
  contextSwitch: (saveSpAt: number, newSp: number) => void = () => {
    throw new Error("context switch: the simulated machine has one stack");
  };
  cpuid: (leaf: number, sub: number) => [number, number, number, number] = () => [0, 0, 0, 0];
  onWait: () => void = () => {};
  /** Where debugPutByte's bytes go (hosted programs' standard output); default: stdout. */
  debugOut: (byte: number) => void = writeStdout;

  /** Forgets every region and device (call at the start of each test). */
  reset(): void {
    this.ram = [];
    this.mmio = [];
    this.ports.clear();
    this.regs.clear();
    this.tlbLog = [];
    this.irqEnabled = false;
    this.cycles = 0n;
    this.cycleStep = 1n;
    this.contextSwitch = () => {
      throw new Error("context switch: the simulated machine has one stack");
    };
    this.cpuid = () => [0, 0, 0, 0];
    this.onWait = () => {};
    this.debugOut = writeStdout;
  }
  /** Maps bytes as RAM at a physical address; returns them for inspection. */
  mapRam(base: number, bytes: Uint8Array): Uint8Array {
    this.ram.push({ base, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return bytes;
  }
  mapMmio(device: MmioDevice): void {
    this.mmio.push(device);
  }
  mapPorts(first: number, count: number, device: PortDevice): void {
    for (let p = first; p < first + count; p++) this.ports.set(p, device);
  }

  ramAt(addr: number, width: number): { view: DataView; off: number } | undefined {
    for (const r of this.ram) {
      const off = addr - r.base;
      if (off >= 0 && off + width <= r.view.byteLength) return { view: r.view, off };
    }
    return undefined;
  }
  load(addr: number, width: 1 | 2 | 4 | 8): bigint {
    const r = this.ramAt(addr, width);
    if (r) return readView(r.view, r.off, width);
    const d = this.mmioAt(addr, width);
    return d.read(addr - d.base, width);
  }
  store(addr: number, width: 1 | 2 | 4 | 8, value: bigint): void {
    const r = this.ramAt(addr, width);
    if (r) return writeView(r.view, r.off, width, value);
    const d = this.mmioAt(addr, width);
    d.write(addr - d.base, width, value);
  }
  portIn(port: number, width: 1 | 2 | 4): number {
    return this.portAt(port).read(port, width);
  }
  portOut(port: number, width: 1 | 2 | 4, value: number): void {
    this.portAt(port).write(port, width, value);
  }
  private mmioAt(addr: number, width: number): MmioDevice {
    for (const d of this.mmio) {
      if (addr >= d.base && addr + width <= d.base + d.size) return d;
    }
    throw new Error(`unmapped access at 0x${addr.toString(16)} (${width} bytes)`);
  }
  private portAt(port: number): PortDevice {
    const d = this.ports.get(port);
    if (!d) throw new Error(`no device at port 0x${port.toString(16)}`);
    return d;
  }
}

function readView(v: DataView, off: number, width: number): bigint {
  switch (width) {
    case 1:
      return BigInt(v.getUint8(off));
    case 2:
      return BigInt(v.getUint16(off, true));
    case 4:
      return BigInt(v.getUint32(off, true));
    default:
      return v.getBigUint64(off, true);
  }
}

function writeView(v: DataView, off: number, width: number, value: bigint): void {
  switch (width) {
    case 1:
      return v.setUint8(off, Number(value & 0xffn));
    case 2:
      return v.setUint16(off, Number(value & 0xffffn), true);
    case 4:
      return v.setUint32(off, Number(value & 0xffffffffn), true);
    default:
      return v.setBigUint64(off, BigInt.asUintN(64, value), true);
  }
}

function writeStdout(byte: number): void {
  Deno.stdout.writeSync(Uint8Array.of(byte));
}

/** The one simulated machine of this Deno process. */
export const machine: SimMachine = new SimMachine();

// ---- raw memory (unsafe; any alignment, little-endian) ----

/** An address computed from usize parts: usize(x) whose range check the C leaves out
 *  (docs/SUBSET.md R-UNSAFE-4). Deno still checks it; an address of 2^53 or more is no valid
 *  address on either world, and making it valid is the unsafe module's duty. */
export function addr(x: number | bigint): usize {
  return usize(x);
}
export function load8(addr: usize): u8 {
  return Number(machine.load(addr, 1)) as u8;
}
export function load16(addr: usize): u16 {
  return Number(machine.load(addr, 2)) as u16;
}
export function load32(addr: usize): u32 {
  return Number(machine.load(addr, 4)) as u32;
}
export function load64(addr: usize): u64 {
  return machine.load(addr, 8) as u64;
}
export function store8(addr: usize, v: u8): void {
  machine.store(addr, 1, BigInt(v));
}
export function store16(addr: usize, v: u16): void {
  machine.store(addr, 2, BigInt(v));
}
export function store32(addr: usize, v: u32): void {
  machine.store(addr, 4, BigInt(v));
}
export function store64(addr: usize, v: u64): void {
  machine.store(addr, 8, v);
}

// ---- MMIO (unsafe; volatile in C) ----
export function mmioRead8(addr: usize): u8 {
  return Number(machine.load(addr, 1)) as u8;
}
export function mmioRead16(addr: usize): u16 {
  return Number(machine.load(addr, 2)) as u16;
}
export function mmioRead32(addr: usize): u32 {
  return Number(machine.load(addr, 4)) as u32;
}
export function mmioRead64(addr: usize): u64 {
  return machine.load(addr, 8) as u64;
}
export function mmioWrite8(addr: usize, v: u8): void {
  machine.store(addr, 1, BigInt(v));
}
export function mmioWrite16(addr: usize, v: u16): void {
  machine.store(addr, 2, BigInt(v));
}
export function mmioWrite32(addr: usize, v: u32): void {
  machine.store(addr, 4, BigInt(v));
}
export function mmioWrite64(addr: usize, v: u64): void {
  machine.store(addr, 8, v);
}

// ---- bulk memory (unsafe; docs/SUBSET.md §10) ----
/** Copies len bytes from src to dst; the ranges may overlap (memmove). */
export function memCopy(dst: usize, src: usize, len: usize): void {
  const bytes: bigint[] = [];
  for (let i = 0; i < len; i++) bytes.push(machine.load(src + i, 1));
  for (let i = 0; i < len; i++) machine.store(dst + i, 1, bytes[i]);
}
/** Sets len bytes at dst to byte. */
export function memSet(dst: usize, byte: u8, len: usize): void {
  for (let i = 0; i < len; i++) machine.store(dst + i, 1, BigInt(byte));
}
/** Compares len bytes as unsigned: -1, 0 or 1 as a's first differing byte is below or above. */
export function memCompare(a: usize, b: usize, len: usize): i32 {
  for (let i = 0; i < len; i++) {
    const x = machine.load(a + i, 1), y = machine.load(b + i, 1);
    if (x !== y) return (x < y ? -1 : 1) as i32;
  }
  return 0 as i32;
}

// ---- atomics on memory (unsafe; sequentially consistent; addr aligned to the width) ----
// Under Deno there is one thread, so each is a plain read-modify-write of the machine.
function atomicAddr(addr: usize, width: 4 | 8): number {
  if (addr % width !== 0) throw new CheckFailure("misaligned address");
  return addr;
}
export function atomicLoad32(addr: usize): u32 {
  return Number(machine.load(atomicAddr(addr, 4), 4)) as u32;
}
export function atomicLoad64(addr: usize): u64 {
  return machine.load(atomicAddr(addr, 8), 8) as u64;
}
export function atomicStore32(addr: usize, v: u32): void {
  machine.store(atomicAddr(addr, 4), 4, BigInt(v));
}
export function atomicStore64(addr: usize, v: u64): void {
  machine.store(atomicAddr(addr, 8), 8, v);
}
/** Adds v (wrapping) and returns the old value. */
export function atomicAdd32(addr: usize, v: u32): u32 {
  const old = atomicLoad32(addr);
  machine.store(addr, 4, BigInt(old) + BigInt(v));
  return old;
}
/** Adds v (wrapping) and returns the old value. */
export function atomicAdd64(addr: usize, v: u64): u64 {
  const old = atomicLoad64(addr);
  machine.store(addr, 8, old + v);
  return old;
}
/** Stores v and returns the old value. */
export function atomicSwap32(addr: usize, v: u32): u32 {
  const old = atomicLoad32(addr);
  machine.store(addr, 4, BigInt(v));
  return old;
}
/** Stores v and returns the old value. */
export function atomicSwap64(addr: usize, v: u64): u64 {
  const old = atomicLoad64(addr);
  machine.store(addr, 8, v);
  return old;
}
/** If the value is expected, stores desired and returns true; else returns false. */
export function atomicCas32(addr: usize, expected: u32, desired: u32): boolean {
  if (atomicLoad32(addr) !== expected) return false;
  machine.store(addr, 4, BigInt(desired));
  return true;
}
/** If the value is expected, stores desired and returns true; else returns false. */
export function atomicCas64(addr: usize, expected: u64, desired: u64): boolean {
  if (atomicLoad64(addr) !== expected) return false;
  machine.store(addr, 8, desired);
  return true;
}

// ---- x86 port I/O (unsafe, x86_64 only) ----
export function outb(port: u16, v: u8): void {
  machine.portOut(port, 1, v);
}
export function outw(port: u16, v: u16): void {
  machine.portOut(port, 2, v);
}
export function outl(port: u16, v: u32): void {
  machine.portOut(port, 4, v);
}
export function inb(port: u16): u8 {
  return machine.portIn(port, 1) as u8;
}
export function inw(port: u16): u16 {
  return machine.portIn(port, 2) as u16;
}
export function inl(port: u16): u32 {
  return machine.portIn(port, 4) as u32;
}

// ---- aarch64 firmware calls (unsafe, aarch64 only) ----
/** PSCI call through `hvc #0` (SMCCC: function id in w0, arguments in x1..x3, result in x0). */
export function psciCall(fn: u32, a: u64, b: u64, c: u64): u64 {
  return BigInt.asUintN(64, machine.psci(fn, a, b, c)) as u64;
}
/** Semihosting call (`hlt #0xf000`): operation in w0, argument block address in x1. */
export function semihostCall(op: u32, arg: usize): usize {
  return machine.semihost(op, arg) as usize;
}
/** Semihosting SYS_EXIT (op 0x18) with reason ADP_Stopped_ApplicationExit (0x20026) and the
 * status as subcode; QEMU run with `-semihosting` exits with that status. The 16-byte parameter
 * block SYS_EXIT reads lives in the runtime. Returns only if the host ignores semihosting. */
export function semihostExit(status: u32): void {
  machine.semihostExit(status);
}

// ---- x86_64 control registers, MSRs and TLB (unsafe, x86_64 only; Intel SDM vol.3 §2.5) ----
function readReg(name: string): u64 {
  return (machine.regs.get(name) ?? 0n) as u64;
}
function writeReg(name: string, v: u64): void {
  machine.regs.set(name, v);
}
export function x86ReadCr0(): u64 {
  return readReg("cr0");
}
export function x86WriteCr0(v: u64): void {
  writeReg("cr0", v);
}
/** CR2: the linear address of the last page fault. */
export function x86ReadCr2(): u64 {
  return readReg("cr2");
}
export function x86ReadCr3(): u64 {
  return readReg("cr3");
}
/** Loads CR3 (the root page table); flushes the non-global TLB entries. */
export function x86WriteCr3(v: u64): void {
  writeReg("cr3", v);
  machine.tlbLog.push("flush cr3");
}
export function x86ReadCr4(): u64 {
  return readReg("cr4");
}
export function x86WriteCr4(v: u64): void {
  writeReg("cr4", v);
}
/** Invalidates the TLB entries of the page holding va on this CPU. */
export function x86Invlpg(va: usize): void {
  machine.tlbLog.push(`invlpg 0x${va.toString(16)}`);
}
export function x86Rdmsr(msr: u32): u64 {
  return readReg(`msr 0x${msr.toString(16)}`);
}
export function x86Wrmsr(msr: u32, v: u64): void {
  writeReg(`msr 0x${msr.toString(16)}`, v);
}

// ---- aarch64 system registers and TLB (unsafe, aarch64 only; Arm ARM DDI 0487 D8, D17) ----
// Each write is followed by an ISB on the metal.
export function armReadSctlr(): u64 {
  return readReg("sctlr_el1");
}
export function armWriteSctlr(v: u64): void {
  writeReg("sctlr_el1", v);
}
export function armWriteMair(v: u64): void {
  writeReg("mair_el1", v);
}
export function armWriteTcr(v: u64): void {
  writeReg("tcr_el1", v);
}
export function armReadTtbr0(): u64 {
  return readReg("ttbr0_el1");
}
export function armWriteTtbr0(v: u64): void {
  writeReg("ttbr0_el1", v);
}
/** ID_AA64MMFR0_EL1: supported physical address size and granules. */
export function armReadMmfr0(): u64 {
  return readReg("id_aa64mmfr0_el1");
}
/** ESR_EL1: the syndrome of the last exception taken to EL1. */
export function armReadEsr(): u64 {
  return readReg("esr_el1");
}
/** FAR_EL1: the faulting virtual address of the last abort taken to EL1. */
export function armReadFar(): u64 {
  return readReg("far_el1");
}
/** Invalidates the TLB entries of va for all ASIDs, inner shareable, and waits for it. */
export function armTlbiVa(va: usize): void {
  machine.tlbLog.push(`tlbi va 0x${va.toString(16)}`);
}
/** Invalidates all EL1 TLB entries, inner shareable, and waits for it. */
export function armTlbiAll(): void {
  machine.tlbLog.push("tlbi all");
}

/** CPUID (unsafe, x86_64 only): register reg (0 eax, 1 ebx, 2 ecx, 3 edx) of leaf/sub. */
export function x86Cpuid(leaf: u32, sub: u32, reg: u32): u32 {
  return (machine.cpuid(leaf, sub)[reg & 3] >>> 0) as u32;
}
export function armReadMpidr(): u64 {
  return readReg("mpidr_el1");
}
export function armReadTpidr(): u64 {
  return readReg("tpidr_el1");
}
export function armWriteTpidr(v: u64): void {
  writeReg("tpidr_el1", v);
}
/** CNTFRQ_EL0: the generic timer's frequency in Hz. */
export function armReadCntfrq(): u64 {
  return readReg("cntfrq_el0");
}
export function armWriteCntvCval(v: u64): void {
  writeReg("cntv_cval_el0", v);
}
export function armReadCntvCtl(): u64 {
  return readReg("cntv_ctl_el0");
}
export function armWriteCntvCtl(v: u64): void {
  writeReg("cntv_ctl_el0", v);
}
// GICv3 CPU interface system registers (IHI 0069, ch. 12).
export function armIccReadIar1(): u64 {
  return readReg("icc_iar1_el1");
}
export function armIccWriteEoir1(v: u64): void {
  writeReg("icc_eoir1_el1", v);
}
export function armIccWritePmr(v: u64): void {
  writeReg("icc_pmr_el1", v);
}
export function armIccWriteBpr1(v: u64): void {
  writeReg("icc_bpr1_el1", v);
}
export function armIccWriteIgrpen1(v: u64): void {
  writeReg("icc_igrpen1_el1", v);
}
export function armIccReadSre(): u64 {
  return readReg("icc_sre_el1");
}
export function armIccWriteSre(v: u64): void {
  writeReg("icc_sre_el1", v);
}
export function armIccWriteSgi1r(v: u64): void {
  writeReg("icc_sgi1r_el1", v);
}
export function armSev(): void {}
export function armWfe(): void {}

// ---- interrupts, cycles, FPU state, context switch (unsafe, metal only: not hosted) ----
/** Disables interrupts; returns 1 if they were enabled, else 0 (for irqRestore). */
export function irqSave(): u64 {
  const was = machine.irqEnabled ? 1n : 0n;
  machine.irqEnabled = false;
  return was as u64;
}
/** Restores the state irqSave returned. */
export function irqRestore(state: u64): void {
  machine.irqEnabled = (state & 1n) !== 0n;
}
export function irqEnable(): void {
  machine.irqEnabled = true;
}
export function irqDisable(): void {
  machine.irqEnabled = false;
}
/** Enables interrupts and waits for one without losing a wakeup (sti; hlt / wfi; daifclr). */
export function irqEnableAndWait(): void {
  machine.irqEnabled = true;
  machine.onWait();
}
/** The free-running cycle counter: TSC on x86_64, CNTVCT_EL0 on aarch64. */
export function cycleCounter(): u64 {
  const v = machine.cycles;
  machine.cycles += machine.cycleStep;
  return v as u64;
}
/** Saves this CPU's FPU/SIMD state at a (16-aligned; 512 bytes on x86_64, 528 on aarch64). */
export function fpuSave(_a: usize): void {}
/** Restores FPU/SIMD state saved at a. */
export function fpuRestore(_a: usize): void {}
/** Switches stacks: stores the stack pointer at saveSpAt, continues on newSp (switch.S). */
export function contextSwitch(saveSpAt: usize, newSp: usize): void {
  machine.contextSwitch(saveSpAt, newSp);
}
/** Prepares a fresh stack ending at stackTop so that switching to the returned stack pointer
 *  starts kernel/sched/thread.ts's threadEntry(). Under Deno: stackTop itself. */
export function contextInit(stackTop: usize): usize {
  return stackTop;
}

// ---- hosted programs (safe, hosted builds only: docs/SUBSET.md §7) ----
/** Writes one byte to standard output: `machine.debugOut` under Deno, `putchar` in a hosted C
 *  build (tests/diff/). Bare-metal builds reject it (TSK3002). */
export function debugPutByte(b: u8): void {
  machine.debugOut(b);
}

// ---- CPU (safe) ----
/** Waits for an interrupt (`hlt` / `wfi`). Under Deno it returns at once. */
export function halt(): void {}
/** A spin-loop hint (`pause` / `yield`). */
export function cpuRelax(): void {}
/** A full (sequentially consistent) memory fence between this CPU's accesses. */
export function fenceFull(): void {}
/** An acquire fence: later accesses stay after earlier loads. */
export function fenceAcquire(): void {}
/** A release fence: earlier accesses stay before later stores. */
export function fenceRelease(): void {}
/** Marks a point that control never reaches; reaching it traps. */
export function unreachable(): never {
  throw new Error("unreachable code reached");
}
