// The devices the aarch64 arch drives itself, found in the flattened devicetree: the interrupt
// controller (GIC), the generic timer's interrupt, the PL031 real-time clock, PSCI and the CPUs.
//
// fdtDevicesRead walks the structure block of a blob that kernel/boot/fdt.ts has already accepted
// (BootInfo.dtbAddr/dtbSize), with the same tokens (Devicetree Specification v0.4 §5.4) and the
// same bounds-checked reader (kernel/boot/bytes.ts) and the same structure-block steps
// (kernel/boot/fdt_walk.ts: node names, property headers, name comparisons, cells), without
// recursion. It keeps, per depth (at
// most FDT_DEV_MAX_DEPTH), the #address-cells/#size-cells a node declares (defaults 2 and 1,
// §2.3.5: a node's `reg` is read with its parent's), what kind of node it is and where its `reg`
// and `interrupts` values are; a node is acted on at its FDT_END_NODE, when all its properties
// (which precede its children, §5.4.2) are known. It recognises, by `compatible` (a list of
// NUL-terminated strings, §2.3.1):
//   - "arm,gic-v3": GICv3 (IHI 0069), reg = distributor, then the (first) redistributor region;
//   - "arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic": GICv2 (IHI 0048), reg =
//     distributor, then CPU interface;
//   - "arm,armv8-timer" / "arm,armv7-timer": `interrupts` lists four 3-cell specifiers
//     (secure physical, non-secure physical, virtual, hypervisor); the third is the virtual timer,
//     a PPI (type 1), INTID = 16 + number (the GIC binding: SPI type 0 is 32 + number);
//   - "arm,pl031": reg = the RTC's registers; `interrupts`' first 3-cell specifier, when an SPI
//     (type 0), is its interrupt line (rtcSpi; RTC_SPI_NONE otherwise);
//   - "arm,psci-0.2" / "arm,psci-1.0" / "arm,psci": `method` "hvc" or "smc" (DEN0022 §5);
// and every child of /cpus with device_type "cpu" (§3.7), whose reg (read with /cpus's cells)
// is the CPU's MPIDR_EL1 affinity bits. At most FDT_DEV_MAX_CPUS are kept (cpuCount counts all).
//
// Invariants: reads stay inside [dtbAddr, dtbAddr + dtbSize) (ByteWindow); every step advances
// by at least 4 bytes, so the walk ends; a malformed blob (bad token, truncation, nesting) makes
// the result false, and the fields found so far are not to be trusted.

import { u32, u64, usize } from "../int.ts";
import { FixedArray } from "../array.ts";
import { ByteWindow, readU32be, windowOk, windowOpen } from "./bytes.ts";
import { BOOT_OK } from "./boot_error.ts";
import {
  FDT_BEGIN_NODE,
  FDT_END,
  FDT_END_NODE,
  FDT_HEADER_SIZE,
  FDT_NOP,
  FDT_OFF_SIZE_STRINGS,
  FDT_OFF_SIZE_STRUCT,
  FDT_OFF_STRINGS,
  FDT_OFF_STRUCT,
  FDT_PROP,
} from "./fdt.ts";
import {
  FdtCursor,
  fdtCursorStart,
  fdtHasBytes,
  fdtListHas,
  fdtNodeName,
  fdtNodeNameIs,
  fdtPropHeader,
  fdtReadCells,
  fdtStringIs,
} from "./fdt_walk.ts";

/** The deepest node the walk tracks (deeper ones are stepped over). */
export const FDT_DEV_MAX_DEPTH: u32 = u32(16);
/** The most CPUs whose MPIDR is kept (the literal 16 in DtDevices is the same number). */
export const FDT_DEV_MAX_CPUS: u32 = u32(16);

/** GIC versions. */
export const GIC_NONE: u32 = u32(0);
export const GIC_V2: u32 = u32(2);
export const GIC_V3: u32 = u32(3);
/** PSCI conduits. */
export const PSCI_NONE: u32 = u32(0);
export const PSCI_HVC: u32 = u32(1);
export const PSCI_SMC: u32 = u32(2);
/** The virtual timer's INTID when the devicetree does not say (PPI 11). */
export const TIMER_VIRT_INTID_DEFAULT: u32 = u32(27);
/** DtDevices.rtcSpi when the PL031 has no SPI interrupt. */
export const RTC_SPI_NONE: u32 = u32(0xffffffff);

const KIND_OTHER: u32 = u32(0);
const KIND_GIC_V2: u32 = u32(1);
const KIND_GIC_V3: u32 = u32(2);
const KIND_TIMER: u32 = u32(3);
const KIND_RTC: u32 = u32(4);
const KIND_PSCI: u32 = u32(5);
const KIND_CPUS: u32 = u32(6);

/** What the devicetree says about the arch's own devices. */
export class DtDevices {
  gicVersion: u32 = u32(0);
  gicDistBase: u64 = u64(0n);
  gicDistSize: u64 = u64(0n);
  /** GICv2: the CPU interface. */
  gicCpuBase: u64 = u64(0n);
  gicCpuSize: u64 = u64(0n);
  /** GICv3: the first redistributor region. */
  gicRedistBase: u64 = u64(0n);
  gicRedistSize: u64 = u64(0n);
  timerVirtIntid: u32 = u32(27);
  rtcBase: u64 = u64(0n);
  rtcSize: u64 = u64(0n);
  /** The PL031's SPI number (GIC INTID 32 + rtcSpi), RTC_SPI_NONE if none. */
  rtcSpi: u32 = u32(0xffffffff);
  psciMethod: u32 = u32(0);
  cpuCount: u32 = u32(0);
  cpuMpidr: FixedArray<u64> = new FixedArray<u64>(16, u64(0n));
}

/** Per-depth state of the walk (index = depth, the root is 1); where it is: `cur`. */
class DevWalk {
  depth: u32 = u32(0);
  addressCells: FixedArray<u32> = new FixedArray<u32>(17, u32(2));
  sizeCells: FixedArray<u32> = new FixedArray<u32>(17, u32(1));
  kind: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
  isCpu: FixedArray<boolean> = new FixedArray<boolean>(17, false);
  isCpuType: FixedArray<boolean> = new FixedArray<boolean>(17, false);
  regOff: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
  regLen: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
  intrOff: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
  intrLen: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
  methodOff: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
  methodLen: FixedArray<u32> = new FixedArray<u32>(17, u32(0));
}

const blob: ByteWindow = new ByteWindow();
const walk: DevWalk = new DevWalk();
const cur: FdtCursor = new FdtCursor();

/** Resets out to "nothing found". */
export function dtDevicesClear(out: DtDevices): void {
  out.gicVersion = GIC_NONE;
  out.gicDistBase = u64(0n);
  out.gicDistSize = u64(0n);
  out.gicCpuBase = u64(0n);
  out.gicCpuSize = u64(0n);
  out.gicRedistBase = u64(0n);
  out.gicRedistSize = u64(0n);
  out.timerVirtIntid = TIMER_VIRT_INTID_DEFAULT;
  out.rtcBase = u64(0n);
  out.rtcSize = u64(0n);
  out.rtcSpi = RTC_SPI_NONE;
  out.psciMethod = PSCI_NONE;
  out.cpuCount = u32(0);
  for (let i = usize(0); i < out.cpuMpidr.length; i = usize(i + 1)) {
    out.cpuMpidr.set(i, u64(0n));
  }
}

/** Reads the devices of the blob at [addr, addr + size) into out; false if the blob is bad. */
export function fdtDevicesRead(addr: usize, size: usize, out: DtDevices): boolean {
  dtDevicesClear(out);
  if (size < FDT_HEADER_SIZE || !windowOpen(blob, addr, size)) {
    return false;
  }
  const structOff = usize(readU32be(blob, FDT_OFF_STRUCT));
  const stringsOff = usize(readU32be(blob, FDT_OFF_STRINGS));
  const stringsSize = usize(readU32be(blob, FDT_OFF_SIZE_STRINGS));
  const structSize = usize(readU32be(blob, FDT_OFF_SIZE_STRUCT));
  if (structOff > size || structSize > usize(size - structOff)) {
    return false;
  }
  if (stringsOff > size || stringsSize > usize(size - stringsOff)) {
    return false;
  }
  fdtCursorStart(cur, structOff, structSize, stringsOff, stringsSize);
  walk.depth = u32(0);
  while (true) {
    if (!fdtHasBytes(cur, usize(4))) {
      return false;
    }
    const token = readU32be(blob, cur.pos);
    cur.pos = usize(cur.pos + 4);
    let ok = true;
    if (token === FDT_BEGIN_NODE) {
      ok = beginNode();
    } else if (token === FDT_END_NODE) {
      ok = endNode(out);
    } else if (token === FDT_PROP) {
      ok = prop();
    } else if (token === FDT_END) {
      return walk.depth === 0 && windowOk(blob);
    } else if (token !== FDT_NOP) {
      return false;
    }
    if (!ok || !windowOk(blob)) {
      return false;
    }
  }
}

/** The tracked slot of the current depth (the last slot for deeper nodes, never acted on). */
function slot(): usize {
  return walk.depth > FDT_DEV_MAX_DEPTH ? usize(FDT_DEV_MAX_DEPTH) : usize(walk.depth);
}

function beginNode(): boolean {
  if (!fdtNodeName(blob, cur)) {
    return false;
  }
  const nameOff = cur.nameOff;
  const nameLen = cur.nameLen;
  walk.depth = u32(walk.depth + 1);
  if (walk.depth > FDT_DEV_MAX_DEPTH) {
    return true;
  }
  const d = usize(walk.depth);
  walk.addressCells.set(d, u32(2));
  walk.sizeCells.set(d, u32(1));
  walk.kind.set(d, KIND_OTHER);
  walk.isCpuType.set(d, false);
  walk.regLen.set(d, u32(0));
  walk.intrLen.set(d, u32(0));
  walk.methodLen.set(d, u32(0));
  if (d === 2 && fdtNodeNameIs(blob, nameOff, nameLen, "cpus")) {
    walk.kind.set(d, KIND_CPUS);
  }
  walk.isCpu.set(
    d,
    d === 3 && walk.kind.get(usize(2)) === KIND_CPUS &&
      fdtNodeNameIs(blob, nameOff, nameLen, "cpu"),
  );
  return true;
}

function endNode(out: DtDevices): boolean {
  if (walk.depth === 0) {
    return false;
  }
  if (walk.depth <= FDT_DEV_MAX_DEPTH && walk.depth >= 2) {
    finishNode(out, usize(walk.depth));
  }
  walk.depth = u32(walk.depth - 1);
  return true;
}

/** Records what a closed node at depth d (>= 2) contributes. */
function finishNode(out: DtDevices, d: usize): void {
  const parent = usize(d - 1);
  const ac = walk.addressCells.get(parent);
  const sc = walk.sizeCells.get(parent);
  const kind = walk.kind.get(d);
  const reg = usize(walk.regOff.get(d));
  const regLen = usize(walk.regLen.get(d));
  if (walk.isCpu.get(d) && walk.isCpuType.get(d)) {
    if (regLen >= usize(usize(ac) * 4) && ac >= 1 && ac <= 2) {
      if (out.cpuCount < FDT_DEV_MAX_CPUS) {
        const mpidr = fdtReadCells(blob, reg, ac);
        out.cpuMpidr.set(usize(out.cpuCount), mpidr);
      }
      out.cpuCount = u32(out.cpuCount + 1);
    }
    return;
  }
  if (kind === KIND_GIC_V2 || kind === KIND_GIC_V3) {
    if (out.gicVersion !== GIC_NONE || regPairs(regLen, ac, sc) < 2) {
      return;
    }
    const pair = usize(usize(ac + sc) * 4);
    out.gicVersion = kind === KIND_GIC_V3 ? GIC_V3 : GIC_V2;
    out.gicDistBase = fdtReadCells(blob, reg, ac);
    out.gicDistSize = fdtReadCells(blob, usize(reg + usize(ac) * 4), sc);
    const second = fdtReadCells(blob, usize(reg + pair), ac);
    const secondSize = fdtReadCells(blob, usize(reg + pair + usize(ac) * 4), sc);
    if (kind === KIND_GIC_V3) {
      out.gicRedistBase = second;
      out.gicRedistSize = secondSize;
    } else {
      out.gicCpuBase = second;
      out.gicCpuSize = secondSize;
    }
  } else if (kind === KIND_RTC) {
    if (out.rtcBase === 0n && regPairs(regLen, ac, sc) >= 1) {
      out.rtcBase = fdtReadCells(blob, reg, ac);
      out.rtcSize = fdtReadCells(blob, usize(reg + usize(ac) * 4), sc);
      if (walk.intrLen.get(d) >= 12) {
        const spec = usize(walk.intrOff.get(d));
        const num = readU32be(blob, usize(spec + 4));
        if (readU32be(blob, spec) === 0 && num < 988) {
          out.rtcSpi = num;
        }
      }
    }
  } else if (kind === KIND_PSCI) {
    const m = usize(walk.methodOff.get(d));
    const mLen = usize(walk.methodLen.get(d));
    if (fdtListHas(blob, m, mLen, "hvc")) {
      out.psciMethod = PSCI_HVC;
    } else if (fdtListHas(blob, m, mLen, "smc")) {
      out.psciMethod = PSCI_SMC;
    }
  } else if (kind === KIND_TIMER) {
    // Third 3-cell specifier: the virtual timer.
    if (walk.intrLen.get(d) >= 36) {
      const spec = usize(usize(walk.intrOff.get(d)) + 24);
      const type = readU32be(blob, spec);
      const num = readU32be(blob, usize(spec + 4));
      if (type === 1 && num < 16) {
        out.timerVirtIntid = u32(num + 16);
      } else if (type === 0 && num < 988) {
        out.timerVirtIntid = u32(num + 32);
      }
    }
  }
}

/** How many whole (address, size) pairs a reg of len bytes holds; 0 for unusable cells. */
function regPairs(len: usize, ac: u32, sc: u32): u32 {
  if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
    return u32(0);
  }
  return u32(usize(len / usize(usize(ac + sc) * 4)));
}

function prop(): boolean {
  if (fdtPropHeader(blob, cur) !== BOOT_OK) {
    return false;
  }
  const name = cur.propName;
  const value = cur.propValue;
  const len = cur.propLen;
  if (walk.depth === 0) {
    return false;
  }
  const d = slot();
  if (fdtStringIs(blob, cur, name, "#address-cells") && len === 4) {
    walk.addressCells.set(d, readU32be(blob, value));
  } else if (fdtStringIs(blob, cur, name, "#size-cells") && len === 4) {
    walk.sizeCells.set(d, readU32be(blob, value));
  } else if (fdtStringIs(blob, cur, name, "reg")) {
    walk.regOff.set(d, u32(value));
    walk.regLen.set(d, u32(len));
  } else if (fdtStringIs(blob, cur, name, "interrupts")) {
    walk.intrOff.set(d, u32(value));
    walk.intrLen.set(d, u32(len));
  } else if (fdtStringIs(blob, cur, name, "device_type")) {
    walk.isCpuType.set(d, fdtListHas(blob, value, len, "cpu"));
  } else if (fdtStringIs(blob, cur, name, "compatible")) {
    walk.kind.set(d, compatibleKind(value, len, walk.kind.get(d)));
  } else if (fdtStringIs(blob, cur, name, "method")) {
    walk.methodOff.set(d, u32(value));
    walk.methodLen.set(d, u32(len));
  }
  return true;
}

/** The node kind a compatible list names (kind if none of ours). */
function compatibleKind(value: usize, len: usize, kind: u32): u32 {
  if (fdtListHas(blob, value, len, "arm,gic-v3")) {
    return KIND_GIC_V3;
  }
  if (
    fdtListHas(blob, value, len, "arm,cortex-a15-gic") ||
    fdtListHas(blob, value, len, "arm,gic-400") ||
    fdtListHas(blob, value, len, "arm,cortex-a9-gic")
  ) {
    return KIND_GIC_V2;
  }
  if (
    fdtListHas(blob, value, len, "arm,armv8-timer") ||
    fdtListHas(blob, value, len, "arm,armv7-timer")
  ) {
    return KIND_TIMER;
  }
  if (fdtListHas(blob, value, len, "arm,pl031")) {
    return KIND_RTC;
  }
  if (
    fdtListHas(blob, value, len, "arm,psci-1.0") || fdtListHas(blob, value, len, "arm,psci-0.2") ||
    fdtListHas(blob, value, len, "arm,psci")
  ) {
    return KIND_PSCI;
  }
  return kind;
}
