// Boot chart: how long each boot phase took, printed with `--bootchart` (as OSv's bootchart).
//
// kernelMain calls bootchartStart() first, then bootchartMark("<phase>") at the end of each
// phase; a mark records the cycle counter (kernel/bootchart_cycles.ts: TSC on x86_64, Intel SDM
// vol.3 §17.17; CNTVCT_EL0 on aarch64, Arm ARM DDI 0487 D11.2) and the phase's name in a fixed
// table. bootchartPrint(hz), called once the counter's frequency is known (the x86 TSC is
// calibrated late in boot), prints
//   bootchart: <phase> <us> us        one line per mark: the time since the previous mark
//   bootchart: total <us> us          from bootchartStart (or the first mark) to the last mark
// Invariants: marking never fails and costs a counter read and two stores: marks beyond
// BOOTCHART_MAX_PHASES are counted but not kept (the print says how many were dropped); names
// are string literals (a `string` is a pointer to static bytes). With hz = 0 the times are
// printed in cycles (`cycles` instead of `us`). Microseconds are cycles * 10^6 / hz in u64: exact
// for any delta below 2^64 / 10^6 cycles (about 1.8e13: hours at GHz rates).

import { u32, u64, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { bootchartCycles } from "./bootchart_cycles.ts";
import { klog } from "./klog.ts";

/** How many marks the table keeps. */
export const BOOTCHART_MAX_PHASES: usize = usize(16);

const marks = new FixedArray<u64>(BOOTCHART_MAX_PHASES, u64(0n));

/** The phase names: a FixedArray holds integers only, so 16 string fields and a switch. */
class Names {
  n0: string = "";
  n1: string = "";
  n2: string = "";
  n3: string = "";
  n4: string = "";
  n5: string = "";
  n6: string = "";
  n7: string = "";
  n8: string = "";
  n9: string = "";
  n10: string = "";
  n11: string = "";
  n12: string = "";
  n13: string = "";
  n14: string = "";
  n15: string = "";
}

class Chart {
  started: boolean = false;
  start: u64 = u64(0n);
  count: usize = usize(0);
  dropped: u32 = u32(0);
}

const names: Names = new Names();
const chart: Chart = new Chart();

function setName(i: usize, s: string): void {
  switch (u32(i)) {
    case 0:
      names.n0 = s;
      break;
    case 1:
      names.n1 = s;
      break;
    case 2:
      names.n2 = s;
      break;
    case 3:
      names.n3 = s;
      break;
    case 4:
      names.n4 = s;
      break;
    case 5:
      names.n5 = s;
      break;
    case 6:
      names.n6 = s;
      break;
    case 7:
      names.n7 = s;
      break;
    case 8:
      names.n8 = s;
      break;
    case 9:
      names.n9 = s;
      break;
    case 10:
      names.n10 = s;
      break;
    case 11:
      names.n11 = s;
      break;
    case 12:
      names.n12 = s;
      break;
    case 13:
      names.n13 = s;
      break;
    case 14:
      names.n14 = s;
      break;
    default:
      names.n15 = s;
      break;
  }
}

function nameAt(i: usize): string {
  switch (u32(i)) {
    case 0:
      return names.n0;
    case 1:
      return names.n1;
    case 2:
      return names.n2;
    case 3:
      return names.n3;
    case 4:
      return names.n4;
    case 5:
      return names.n5;
    case 6:
      return names.n6;
    case 7:
      return names.n7;
    case 8:
      return names.n8;
    case 9:
      return names.n9;
    case 10:
      return names.n10;
    case 11:
      return names.n11;
    case 12:
      return names.n12;
    case 13:
      return names.n13;
    case 14:
      return names.n14;
    default:
      return names.n15;
  }
}

/** Forgets every mark (tests). */
export function bootchartReset(): void {
  chart.started = false;
  chart.start = u64(0n);
  chart.count = usize(0);
  chart.dropped = u32(0);
}

/** Records the origin of the chart: the first phase is timed from here. */
export function bootchartStart(): void {
  chart.start = bootchartCycles();
  chart.started = true;
}

/** Records the end of a phase. */
export function bootchartMark(phase: string): void {
  const now = bootchartCycles();
  if (chart.count >= BOOTCHART_MAX_PHASES) {
    chart.dropped = u32(chart.dropped + 1);
    return;
  }
  if (!chart.started) {
    chart.start = now;
    chart.started = true;
  }
  marks.set(chart.count, now);
  setName(chart.count, phase);
  chart.count = usize(chart.count + 1);
}

/** The number of marks kept. */
export function bootchartCount(): usize {
  return chart.count;
}

/** cycles in microseconds at hz (hz > 0). */
export function bootchartMicros(cycles: u64, hz: u64): u64 {
  return u64(u64(cycles * 1000000n) / hz);
}

function printLine(name: string, cycles: u64, hz: u64): void {
  if (hz === 0n) {
    klog(`bootchart: ${name} ${cycles} cycles`);
  } else {
    const us = bootchartMicros(cycles, hz);
    klog(`bootchart: ${name} ${us} us`);
  }
}

/** Prints one line per phase and the total; hz is the cycle counter's frequency (0: unknown,
 *  print cycles). */
export function bootchartPrint(hz: u64): void {
  let prev = chart.start;
  for (let i = usize(0); i < chart.count; i = usize(i + 1)) {
    const at = marks.get(i);
    printLine(nameAt(i), u64(at - prev), hz);
    prev = at;
  }
  printLine("total", u64(prev - chart.start), hz);
  if (chart.dropped > 0) {
    klog(`bootchart: ${chart.dropped} marks dropped (table of ${BOOTCHART_MAX_PHASES})`);
  }
}
