// Device models and harness helpers for the kernel's Deno unit tests (not kernel code: never
// transpiled, imported only by *_test.ts files).
//
// The models follow the datasheets closely enough for the kernel's drivers: a 16550 UART on x86
// ports (DLAB banking, LSR.THRE), QEMU's isa-debug-exit, an ARM PL011 on MMIO (FR.TXFF, DR), and
// the aarch64 firmware hooks (PSCI SYSTEM_OFF, semihosting SYS_EXIT reading its parameter block
// from simulated RAM). Each records what the kernel did so tests can assert on it.

import { machine, MachineExit, type MmioDevice, type PortDevice } from "../intrinsics.ts";

/** A 16550 UART at a base port: captures transmitted bytes, models DLAB and LSR.THRE. */
export class Uart16550Model implements PortDevice {
  readonly base: number;
  /** Bytes written to THR (with DLAB clear). */
  out: number[] = [];
  /** Register writes as [offset, value], in order. */
  writes: [number, number][] = [];
  lcr = 0;
  ier = 0;
  dll = 0;
  dlm = 0;
  fcr = 0;
  mcr = 0;
  /** LSR reads that report the transmitter busy before it reports empty (per byte). */
  busyReads = 0;
  /** When true, THRE never sets (a stuck UART). */
  stuck = false;
  lsrReads = 0;
  private busyLeft = 0;

  constructor(base = 0x3f8) {
    this.base = base;
  }
  read(port: number, width: 1 | 2 | 4): number {
    if (width !== 1) throw new Error(`16550: ${width}-byte read`);
    const off = port - this.base;
    if (off === 5) {
      this.lsrReads++;
      if (this.stuck) return 0x00;
      if (this.busyLeft > 0) {
        this.busyLeft--;
        return 0x00;
      }
      return 0x60; // THRE | TEMT
    }
    if (off === 3) return this.lcr;
    return 0;
  }
  write(port: number, width: 1 | 2 | 4, value: number): void {
    if (width !== 1) throw new Error(`16550: ${width}-byte write`);
    const off = port - this.base;
    this.writes.push([off, value]);
    const dlab = (this.lcr & 0x80) !== 0;
    if (off === 0 && dlab) this.dll = value;
    else if (off === 0) {
      this.out.push(value);
      this.busyLeft = this.busyReads;
    } else if (off === 1 && dlab) this.dlm = value;
    else if (off === 1) this.ier = value;
    else if (off === 2) this.fcr = value;
    else if (off === 3) this.lcr = value;
    else if (off === 4) this.mcr = value;
  }
  text(): string {
    return new TextDecoder().decode(new Uint8Array(this.out));
  }
}

/** QEMU's isa-debug-exit: a write powers the machine off with the written value as status. */
export class DebugExitModel implements PortDevice {
  read(_port: number, _width: 1 | 2 | 4): number {
    return 0;
  }
  write(_port: number, _width: 1 | 2 | 4, value: number): void {
    throw new MachineExit(value);
  }
}

/** An ARM PL011 UART on MMIO: captures DR writes, models FR.TXFF. */
export class Pl011Model implements MmioDevice {
  readonly base: number;
  readonly size = 0x1000;
  out: number[] = [];
  regs = new Map<number, number>();
  /** FR reads that report the transmit FIFO full before it has room (per byte). */
  fullReads = 0;
  stuck = false;
  frReads = 0;
  /** Writes as [offset, value], in order. */
  writes: [number, number][] = [];
  private fullLeft = 0;

  constructor(base = 0x09000000) {
    this.base = base;
  }
  read(offset: number, width: 1 | 2 | 4 | 8): bigint {
    if (width !== 4) throw new Error(`pl011: ${width}-byte read`);
    if (offset === 0x018) {
      this.frReads++;
      if (this.stuck) return 0x20n;
      if (this.fullLeft > 0) {
        this.fullLeft--;
        return 0x20n; // TXFF
      }
      return 0x90n; // TXFE | RXFE
    }
    return BigInt(this.regs.get(offset) ?? 0);
  }
  write(offset: number, width: 1 | 2 | 4 | 8, value: bigint): void {
    if (width !== 4) throw new Error(`pl011: ${width}-byte write`);
    this.writes.push([offset, Number(value)]);
    if (offset === 0x000) {
      this.out.push(Number(value & 0xffn));
      this.fullLeft = this.fullReads;
    } else {
      this.regs.set(offset, Number(value));
    }
  }
  text(): string {
    return new TextDecoder().decode(new Uint8Array(this.out));
  }
}

/** The firmware of QEMU's virt machine: PSCI SYSTEM_OFF and semihosting SYS_EXIT. */
export class VirtFirmwareModel {
  psciCalls: number[] = [];
  semihostCalls: [number, number][] = [];
  /** The statuses semihosting SYS_EXIT was called with. */
  semihostExits: number[] = [];
  /** When false, semihosting calls return (as if the debugger ignored them). */
  semihosting = true;
  /** The parameter block SYS_EXIT read, as [reason, subcode]. */
  exitBlock: [bigint, bigint] | undefined;

  install(): void {
    machine.psci = (fn) => {
      this.psciCalls.push(fn);
      if (fn === 0x84000008) throw new MachineExit(0);
      return 0xffffffffn; // NOT_SUPPORTED
    };
    machine.semihostExit = (status) => {
      this.semihostExits.push(status);
      if (this.semihosting) throw new MachineExit(status);
    };
    machine.semihost = (op, arg) => {
      this.semihostCalls.push([op, arg]);
      if (!this.semihosting) return 0;
      if (op === 0x18) {
        const reason = machine.load(arg, 8);
        const subcode = machine.load(arg + 8, 8);
        this.exitBlock = [reason, subcode];
        throw new MachineExit(reason === 0x20026n ? Number(subcode) : 1);
      }
      return 0;
    };
  }
}

/** A fresh x86_64 machine: COM1 and isa-debug-exit. */
export function setupX86(): { uart: Uart16550Model } {
  machine.reset();
  const uart = new Uart16550Model();
  machine.mapPorts(0x3f8, 8, uart);
  machine.mapPorts(0xf4, 4, new DebugExitModel());
  return { uart };
}

/** A fresh aarch64 virt machine: PL011 and the firmware hooks. */
export function setupAarch64(): { uart: Pl011Model; firmware: VirtFirmwareModel } {
  machine.reset();
  const uart = new Pl011Model();
  machine.mapMmio(uart);
  const firmware = new VirtFirmwareModel();
  firmware.install();
  return { uart, firmware };
}

/** Runs fn and returns the status it powered off with (undefined if it returned). */
export function runToExit(fn: () => void): number | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof MachineExit) return e.status;
    throw e;
  }
  return undefined;
}
