"use unsafe";
// The aarch64 CPU state the interrupt, timer and SMP code uses, as plain functions: the one
// place those modules reach system registers, so their logic stays in safe modules.
//
// Registers (Arm ARM DDI 0487): MPIDR_EL1 (D17.2.101) affinity Aff0 [7:0], Aff1 [15:8], Aff2
// [23:16], Aff3 [39:32]; TPIDR_EL1 (D17.2.140), which Tsuki uses for the CPU index; the generic
// timer (chapter D11): CNTFRQ_EL0 (frequency, Hz), CNTVCT_EL0 (the virtual count, read with an
// ISB before it by the cycleCounter intrinsic), CNTV_CVAL_EL0 (compare value) and CNTV_CTL_EL0
// (ENABLE bit 0, IMASK bit 1, ISTATUS bit 2); the GICv3 CPU interface (IHI 0069 §12.2):
// ICC_SRE_EL1, ICC_PMR_EL1, ICC_BPR1_EL1, ICC_IGRPEN1_EL1, ICC_IAR1_EL1, ICC_EOIR1_EL1,
// ICC_SGI1R_EL1; PSCI calls through hvc (DEN0022 §5.2). Every write ends with an ISB.

import { u32, u64 } from "../../kernel/int.ts";
import {
  armIccReadIar1,
  armIccReadSre,
  armIccWriteBpr1,
  armIccWriteEoir1,
  armIccWriteIgrpen1,
  armIccWritePmr,
  armIccWriteSgi1r,
  armIccWriteSre,
  armReadCntfrq,
  armReadCntvCtl,
  armReadMmfr0,
  armReadMpidr,
  armReadSctlr,
  armReadTpidr,
  armReadTtbr0,
  armWriteCntvCtl,
  armWriteCntvCval,
  armWriteTpidr,
  cycleCounter,
  irqEnableAndWait,
  irqRestore,
  irqSave,
  psciCall,
} from "../../kernel/intrinsics.ts";

/** MPIDR_EL1's affinity fields (Aff3 in bits 39:32, Aff2..Aff0 in 23:0). */
export function cpuMpidr(): u64 {
  return u64(armReadMpidr() & 0xff00ffffffn);
}
export function tpidrRead(): u64 {
  return armReadTpidr();
}
export function tpidrWrite(v: u64): void {
  armWriteTpidr(v);
}
export function counterFreq(): u64 {
  return armReadCntfrq();
}
export function counterRead(): u64 {
  return cycleCounter();
}
export function cntvSetCompare(v: u64): void {
  armWriteCntvCval(v);
}
export function cntvCtlRead(): u64 {
  return armReadCntvCtl();
}
export function cntvCtlWrite(v: u64): void {
  armWriteCntvCtl(v);
}
export function iccSreRead(): u64 {
  return armIccReadSre();
}
export function iccSreWrite(v: u64): void {
  armIccWriteSre(v);
}
export function iccPmrWrite(v: u64): void {
  armIccWritePmr(v);
}
export function iccBpr1Write(v: u64): void {
  armIccWriteBpr1(v);
}
export function iccIgrpen1Write(v: u64): void {
  armIccWriteIgrpen1(v);
}
export function iccIar1Read(): u64 {
  return armIccReadIar1();
}
export function iccEoir1Write(v: u64): void {
  armIccWriteEoir1(v);
}
export function iccSgi1rWrite(v: u64): void {
  armIccWriteSgi1r(v);
}
/** Masks IRQs; returns 1 if they were unmasked (for irqsRestore). */
export function irqsSave(): u64 {
  return irqSave();
}
export function irqsRestore(state: u64): void {
  irqRestore(state);
}
/** Unmasks IRQs and waits for one (wfi; daifclr). */
export function irqsEnableAndWait(): void {
  irqEnableAndWait();
}
/** A PSCI call over hvc (the conduit of QEMU virt). */
export function psci(fn: u32, a: u64, b: u64, c: u64): u64 {
  return psciCall(fn, a, b, c);
}
/** The translation regime a secondary CPU copies (arch/aarch64/smp.ts). */
export function sctlrRead(): u64 {
  return armReadSctlr();
}
export function mmfr0Read(): u64 {
  return armReadMmfr0();
}
export function ttbr0Read(): u64 {
  return armReadTtbr0();
}
