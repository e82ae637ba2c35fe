// x86_64 interrupt controllers: the local APIC of each CPU, the I/O APIC masked, and IPIs.
//
// irqInit (boot CPU, after memory management: the MADT may need mapping) finds the MADT
// (ACPI 6.5 §5.2.12) from the PVH RSDP, enables the local APIC through IA32_APIC_BASE (Intel
// SDM vol.3 §11.4.4; bit 11 global enable, bit 10 x2APIC enable when CPUID.1:ECX[21], §11.12.1),
// then sets up this CPU's LAPIC (lapicSetup) and masks every redirection entry of the I/O APIC
// (82093AA §3.2.4; device interrupts come later with the drivers). lapicSetup, also run by each
// AP (irqInitCpu): TPR 0 (accept all, §11.8.3.1), the spurious-interrupt vector register with
// the APIC software-enabled (bit 8) and vector 0xff (§11.9), LINT0/LINT1 and the error LVT
// masked (no 8259 behind LINT0 here), the timer LVT masked until timer.ts arms it, ESR cleared.
// Vectors: VECTOR_TIMER 0xf0 and VECTOR_RESCHEDULE 0xf1 (highest priority class but the
// spurious one), VECTOR_SPURIOUS 0xff; trap.ts routes them to kernel/irq.ts.
// ICR encodings (§11.6.1): bits 0-7 vector, 8-10 delivery mode (000 fixed, 101 INIT, 110 start
// up), bit 14 level assert, bit 15 trigger mode; the destination is an APIC ID.

import { u32, u64, usize } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { klog } from "../../kernel/klog.ts";
import { hex } from "../../kernel/fmt.ts";
import {
  ACPI_OK,
  acpiErrorText,
  acpiFindTable,
  acpiOps,
  AcpiTable,
} from "../../kernel/acpi/tables.ts";
import { MADT_OK, MadtInfo, madtParse } from "../../kernel/acpi/madt.ts";
import { kernelSpace } from "../../kernel/mem/mem_init.ts";
import { vmLookup, vmMap } from "../../kernel/mem/vm.ts";
import { PtWalk, VM_RO } from "../../kernel/mem/vm_flags.ts";
import { Errno } from "../../kernel/errno.ts";
import {
  cpuid,
  ioapicRead,
  ioapicWrite,
  lapicMode,
  lapicRead,
  lapicWrite,
  lapicWriteIcr,
  MSR_APIC_BASE,
  msrRead,
  msrWrite,
} from "./cpu_hw.ts";
import { percpuInitBoot } from "./percpu.ts";

export const VECTOR_TIMER: u32 = u32(0xf0);
export const VECTOR_RESCHEDULE: u32 = u32(0xf1);
export const VECTOR_SPURIOUS: u32 = u32(0xff);

// LAPIC register offsets (SDM vol.3 Table 11-1).
export const LAPIC_ID: u32 = u32(0x20);
export const LAPIC_TPR: u32 = u32(0x80);
export const LAPIC_EOI: u32 = u32(0xb0);
export const LAPIC_SVR: u32 = u32(0xf0);
export const LAPIC_ESR: u32 = u32(0x280);
export const LAPIC_LVT_TIMER: u32 = u32(0x320);
export const LAPIC_LVT_LINT0: u32 = u32(0x350);
export const LAPIC_LVT_LINT1: u32 = u32(0x360);
export const LAPIC_LVT_ERROR: u32 = u32(0x370);
export const LAPIC_TIMER_INIT: u32 = u32(0x380);
export const LAPIC_TIMER_CURRENT: u32 = u32(0x390);
export const LAPIC_TIMER_DIVIDE: u32 = u32(0x3e0);

export const LVT_MASKED: u32 = u32(0x10000);
export const SVR_ENABLE: u32 = u32(0x100);
const APIC_BASE_ENABLE: u64 = u64(0x800n);
const APIC_BASE_X2APIC: u64 = u64(0x400n);
const APIC_BASE_ADDR_MASK: u64 = u64(0xffffff000n);
const CPUID1_ECX_X2APIC: u32 = u32(1 << 21);
const IOAPIC_DEFAULT: u64 = u64(0xfec00000n);
const IOAPIC_REG_VER: u32 = u32(1);
const IOAPIC_REG_REDIR: u32 = u32(0x10);
const PAGE: usize = usize(4096);

export const ICR_FIXED: u32 = u32(0x000);
export const ICR_INIT: u32 = u32(0x500);
export const ICR_STARTUP: u32 = u32(0x600);
export const ICR_ASSERT: u32 = u32(0x4000);
export const ICR_LEVEL: u32 = u32(0x8000);

/** IPI kinds of ipiSend. */
export const IPI_RESCHEDULE: u32 = u32(1);

/** What irqInit learned: the controllers and the CPUs (cpu index -> APIC ID). */
export class ApicState {
  x2apic: boolean = false;
  lapicAddr: u64 = u64(0n);
  ioapicAddr: u64 = u64(0n);
  ioapicPins: u32 = u32(0);
  hasMadt: boolean = false;
}
export const apicState: ApicState = new ApicState();
export const madt: MadtInfo = new MadtInfo();
const table: AcpiTable = new AcpiTable();
const walk: PtWalk = new PtWalk();

/** ICR low word of a fixed IPI with vector v. */
export function icrFixed(v: u32): u32 {
  return u32(ICR_FIXED | ICR_ASSERT | u32(v & 0xff));
}
/** ICR low word of INIT (level assert). */
export function icrInit(): u32 {
  return u32(ICR_INIT | ICR_ASSERT | ICR_LEVEL);
}
/** ICR low word of a STARTUP IPI for a trampoline at physical page `page` (< 0x100). */
export function icrStartup(page: u32): u32 {
  return u32(ICR_STARTUP | ICR_ASSERT | u32(page & 0xff));
}
/** The LAPIC base address of IA32_APIC_BASE. */
export function apicBaseAddr(msr: u64): u64 {
  return u64(msr & APIC_BASE_ADDR_MASK);
}
/** The number of redirection entries from the I/O APIC version register (bits 16-23 + 1). */
export function ioapicPinCount(ver: u32): u32 {
  return u32(u32((ver >>> 16) & 0xff) + 1);
}

/** Maps firmware tables that lie outside the kernel's RAM mapping, read-only. */
function acpiMap(base: usize, len: usize): boolean {
  let p = usize(base - (base % PAGE));
  const end = usize(base + len);
  while (p < end) {
    if (!vmLookup(kernelSpace, p, walk)) {
      if (vmMap(kernelSpace, p, p, PAGE, VM_RO) !== Errno.OK) {
        return false;
      }
    }
    p = usize(p + PAGE);
  }
  return true;
}

/** Boot CPU: MADT, LAPIC mode and setup, I/O APIC masked. */
export function irqInit(info: BootInfo): void {
  acpiOps.map = acpiMap;
  const err = acpiFindTable(info.rsdpAddr, "APIC", table);
  apicState.hasMadt = err === ACPI_OK && madtParse(table.addr, table.len, madt) === MADT_OK;
  if (!apicState.hasMadt) {
    klog(`apic: no MADT (${acpiErrorText(err)}): one CPU, default controller addresses`);
  }
  apicState.x2apic = u32(cpuid(u32(1), u32(0), u32(2)) & CPUID1_ECX_X2APIC) !== 0;
  const base = msrRead(MSR_APIC_BASE);
  apicState.lapicAddr = apicBaseAddr(base);
  apicState.ioapicAddr = apicState.hasMadt && madt.ioapicAddr !== 0n
    ? madt.ioapicAddr
    : IOAPIC_DEFAULT;
  lapicEnable();
  lapicSetup();
  ioapicMaskAll();
  percpuInitBoot(lapicId());
  const mode: string = apicState.x2apic ? "x2APIC" : "xAPIC";
  klog(
    `apic: ${mode} at ${hex(apicState.lapicAddr)}, id ${lapicId()}, I/O APIC at ${
      hex(apicState.ioapicAddr)
    } (${apicState.ioapicPins} pins masked)`,
  );
}

/** A secondary CPU's LAPIC (the mode irqInit chose). */
export function irqInitCpu(): void {
  lapicEnable();
  lapicSetup();
}

function lapicEnable(): void {
  let base = msrRead(MSR_APIC_BASE);
  base = u64(base | APIC_BASE_ENABLE);
  if (apicState.x2apic) {
    base = u64(base | APIC_BASE_X2APIC);
  }
  msrWrite(MSR_APIC_BASE, base);
  lapicMode(apicState.x2apic, usize(apicState.lapicAddr));
}

function lapicSetup(): void {
  lapicWrite(LAPIC_TPR, u32(0));
  lapicWrite(LAPIC_LVT_LINT0, LVT_MASKED);
  lapicWrite(LAPIC_LVT_LINT1, LVT_MASKED);
  lapicWrite(LAPIC_LVT_ERROR, LVT_MASKED);
  lapicWrite(LAPIC_LVT_TIMER, LVT_MASKED);
  lapicWrite(LAPIC_SVR, u32(SVR_ENABLE | VECTOR_SPURIOUS));
  lapicWrite(LAPIC_ESR, u32(0));
  lapicWrite(LAPIC_EOI, u32(0));
}

function ioapicMaskAll(): void {
  const base = usize(apicState.ioapicAddr);
  const ver = ioapicRead(base, IOAPIC_REG_VER);
  if (ver === 0xffffffff) {
    apicState.ioapicPins = u32(0);
    return;
  }
  apicState.ioapicPins = ioapicPinCount(ver);
  for (let i = u32(0); i < apicState.ioapicPins; i = u32(i + 1)) {
    const reg = u32(IOAPIC_REG_REDIR + (i << 1));
    ioapicWrite(base, u32(reg + 1), u32(0));
    ioapicWrite(base, reg, u32(LVT_MASKED | u32(0x20 + i)));
  }
}

/** This CPU's APIC ID (x2APIC: the 32-bit ID register; xAPIC: bits 24-31). */
export function lapicId(): u32 {
  const id = lapicRead(LAPIC_ID);
  return apicState.x2apic ? id : u32(id >>> 24);
}

/** Signals the end of the interrupt being handled. */
export function lapicEoi(): void {
  lapicWrite(LAPIC_EOI, u32(0));
}

/** Sends an IPI to the CPU with APIC ID apicId. */
export function lapicSendIpi(apicId: u32, icrLow: u32): void {
  lapicWriteIcr(apicId, icrLow);
}

/** The interrupt controller in use, for the boot log. */
export function irqControllerName(): string {
  return apicState.x2apic ? "x2APIC + I/O APIC" : "xAPIC + I/O APIC";
}
