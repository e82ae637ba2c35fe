// The per-CPU one-shot timer: TSC-deadline mode when CPUID.1:ECX[24], else the LAPIC timer in
// one-shot mode with a calibrated rate (Intel SDM vol.3 §11.5.4).
//
// TSC-deadline (§11.5.4.1): the timer LVT in mode 10b with VECTOR_TIMER; writing an absolute
// TSC value to IA32_TSC_DEADLINE arms it, writing 0 disarms it, and a deadline already past
// fires at once. One-shot (mode 00b): the divide configuration is 1 (DCR = 1011b) and the
// initial count is the distance to the deadline in LAPIC ticks, clamped to [1, 2^32 - 1] (a
// deadline further away fires early; the kernel's timer code re-arms); 0 disarms. The LAPIC
// rate is measured once on the boot CPU (timerCalibrate: the count consumed during 10 ms of
// TSC), and assumed the same on every CPU. Each CPU arms only its own timer, with interrupts
// off (the caller's business): the LVT and count are per-CPU registers. clockInit lives here
// (after irqInit) because the timer's calibration needs the clock.

import { u32, u64 } from "../../kernel/int.ts";
import { klog } from "../../kernel/klog.ts";
import {
  LAPIC_LVT_TIMER,
  LAPIC_TIMER_CURRENT,
  LAPIC_TIMER_DIVIDE,
  LAPIC_TIMER_INIT,
  LVT_MASKED,
  VECTOR_TIMER,
} from "./apic.ts";
import { cpuid, lapicRead, lapicWrite, MSR_TSC_DEADLINE, msrWrite, tscRead } from "./cpu_hw.ts";
import { clockNowNs, clockStart, clockState, clockTscAt } from "./clock.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { nsToCycles } from "./clock_math.ts";

const CPUID1_ECX_TSC_DEADLINE: u32 = u32(1 << 24);
const LVT_TSC_DEADLINE: u32 = u32(0x40000);
const DIVIDE_BY_1: u32 = u32(0xb);
// 10 ms: under QEMU TCG a 2 ms window measured the LAPIC at ~210 MHz instead of ~1 GHz, and
// the self-test timer fired after 0.6 ms instead of 1 ms (tests/boot_test.ts checks for that).
const CAL_NS: u64 = u64(10000000n);

/** How this machine's timer works. */
export class TimerState {
  tscDeadline: boolean = false;
  lapicHz: u64 = u64(0n);
}
export const timerState: TimerState = new TimerState();

/** The one-shot count for a deadline deltaNs away at lapicHz, clamped to [1, 2^32 - 1]. */
export function lapicCount(deltaNs: u64, lapicHz: u64): u32 {
  const c = nsToCycles(deltaNs, lapicHz);
  if (c === 0n) {
    return u32(1);
  }
  return c > 0xffffffffn ? u32(0xffffffff) : u32(c);
}

/** Boot CPU, after clockInit: chooses the mode and measures the LAPIC timer's rate. */
export function timerCalibrate(): void {
  timerState.tscDeadline = u32(cpuid(u32(1), u32(0), u32(2)) & CPUID1_ECX_TSC_DEADLINE) !== 0;
  lapicWrite(LAPIC_TIMER_DIVIDE, DIVIDE_BY_1);
  lapicWrite(LAPIC_LVT_TIMER, u32(LVT_MASKED | VECTOR_TIMER));
  lapicWrite(LAPIC_TIMER_INIT, u32(0xffffffff));
  const t0 = tscRead();
  const want = nsToCycles(CAL_NS, clockState.tscHz);
  while (u64(tscRead() - t0) < want) {
    // 10 ms of TSC
  }
  const left = lapicRead(LAPIC_TIMER_CURRENT);
  lapicWrite(LAPIC_TIMER_INIT, u32(0));
  timerState.lapicHz = u64(u64(u32(0xffffffff - left)) * 100n);
  const mode: string = timerState.tscDeadline ? "TSC-deadline" : "LAPIC one-shot";
  klog(`timer: ${mode}, LAPIC timer ${u64(timerState.lapicHz / 1000n)} kHz`);
  timerSetupCpu();
}

/** Programs this CPU's timer LVT (boot CPU in timerCalibrate; APs after irqInitCpu). */
export function timerSetupCpu(): void {
  lapicWrite(LAPIC_TIMER_DIVIDE, DIVIDE_BY_1);
  if (timerState.tscDeadline) {
    lapicWrite(LAPIC_LVT_TIMER, u32(LVT_TSC_DEADLINE | VECTOR_TIMER));
  } else {
    lapicWrite(LAPIC_LVT_TIMER, VECTOR_TIMER);
  }
}

/** Arms this CPU's one-shot timer for monotonic time deadlineNs (past: fires at once). */
export function timerArm(deadlineNs: u64): void {
  if (timerState.tscDeadline) {
    msrWrite(MSR_TSC_DEADLINE, clockTscAt(deadlineNs));
    return;
  }
  const now = clockNowNs();
  const delta = deadlineNs > now ? u64(deadlineNs - now) : u64(0n);
  lapicWrite(LAPIC_TIMER_INIT, lapicCount(delta, timerState.lapicHz));
}

/** Disarms this CPU's timer (an interrupt already pending may still arrive). */
export function timerCancel(): void {
  if (timerState.tscDeadline) {
    msrWrite(MSR_TSC_DEADLINE, u64(0n));
  } else {
    lapicWrite(LAPIC_TIMER_INIT, u32(0));
  }
}

/** Boot CPU, after irqInit: the monotonic clock (clock.ts) and this CPU's timer, calibrated. */
export function clockInit(info: BootInfo): void {
  clockStart(info);
  timerCalibrate();
}
