// The `min-ram` bench section: the smallest `-m` with which the default image boots, per arch.
//
// For each arch it builds the default kernel (tools/build.ts) and boots it under QEMU (TCG, the
// arch's default machine, no command line) with -m N MiB for N = 1, 2, ... up to MAX_MIB, and
// prints `min-ram <arch>: <N> MiB` for the smallest N from which every size up to MAX_MIB boots
// (power-off with status 0 and the power-off line on the console). A size that fails is
// recorded as the reason in --verbose. A boot that hangs is cut off after TIMEOUT_MS, so a
// failure costs seconds, not the boot tests' 30 s. The goal (issue 4) is 4 MiB or less;
// `make run MEM=<N>M` works from that size.

import { buildKernel } from "./build.ts";
import { type Arch, ARCHES, runQemu } from "./qemu.ts";
import type { BenchOptions, Section } from "./bench.ts";

const MAX_MIB = 8;
const TIMEOUT_MS = 8_000;

/** Whether arch's kernel boots cleanly with mib MiB of RAM, and why not. */
async function bootsWith(arch: Arch, elf: string, mib: number): Promise<string | null> {
  const r = await runQemu(arch, elf, { mem: `${mib}M`, timeoutMs: TIMEOUT_MS });
  if (r.timedOut) return "timed out";
  if (r.status !== 0) {
    return `status ${r.status}: ${r.serial.trim().split("\n").slice(-2).join(" | ")}`;
  }
  if (!/^Tsuki: powering off$/m.test(r.serial)) return "no power-off line";
  return null;
}

/** The smallest MiB count from which every size up to MAX_MIB boots; null if MAX_MIB fails. */
export async function minRam(arch: Arch, verbose: boolean): Promise<number | null> {
  const { elf } = await buildKernel(arch);
  let min: number | null = null;
  for (let mib = MAX_MIB; mib >= 1; mib--) {
    const why = await bootsWith(arch, elf, mib);
    if (verbose) console.log(`  ${arch} -m ${mib}M: ${why ?? "boots"}`);
    if (why !== null) break;
    min = mib;
  }
  return min;
}

export const minRamSection: Section = {
  name: "min-ram",
  async run(opts: BenchOptions) {
    for (const arch of ARCHES) {
      const min = await minRam(arch, opts.verbose);
      console.log(
        min === null
          ? `min-ram ${arch}: does not boot with ${MAX_MIB} MiB`
          : `min-ram ${arch}: ${min} MiB`,
      );
    }
  },
};
