// The "boot" bench section: the kernel's boot wall time against a floor kernel that only prints.
//
// For each arch it builds the real image (build/<arch>/tsuki.elf) and the floor image
// (kernel/floor_main.ts -> build/<arch>/floor.elf: same entry glue and linker script, one console
// line, power-off), then boots them alternately, floor then tsuki, N times each with the same
// QEMU flags (tools/qemu.ts runQemu, defaults: TCG, 128M, -smp 1, no command line), and prints
//   boot <arch>: tsuki/floor = <median tsuki ms / median floor ms>
// (--verbose adds both medians). Alternating pairs spread any drift of the machine over both
// halves alike. Each boot must power off with status 0, and the floor must print its line, or the
// section fails: a ratio over broken boots would mean nothing. Wall time is QEMU's whole life
// (start-up, image load, the guest's boot, power-off), measured by runQemu.

import { buildKernel } from "./build.ts";
import { type Arch, ARCHES, formatCommand, runQemu } from "./qemu.ts";
import type { BenchOptions, Section } from "./bench.ts";

/** Boots per image when --reps is not given. */
export const BOOT_REPS = 11;

/** The floor kernel's entry module and its image. */
export const FLOOR_ENTRY = "kernel/floor_main.ts";
export function floorOut(arch: Arch): string {
  return `build/${arch}/floor.elf`;
}

/** The line the floor kernel prints. */
export function floorBanner(arch: Arch): string {
  return `Tsuki floor (${arch})`;
}

/** The median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The result line of one arch. */
export function formatBootRatio(arch: Arch, tsukiMs: number, floorMs: number): string {
  return `boot ${arch}: tsuki/floor = ${(tsukiMs / floorMs).toFixed(2)}`;
}

/** Boots an image once and returns its wall time; throws unless it powered off with 0. */
async function bootOnce(arch: Arch, elf: string, expect: string): Promise<number> {
  const r = await runQemu(arch, elf, { timeoutMs: 60_000 });
  if (r.status !== 0 || !r.serial.includes(expect)) {
    throw new Error(
      `${formatCommand(r.command)}: status ${r.status}${r.timedOut ? " (timed out)" : ""}\n` +
        `${r.serial}${r.stderr}`,
    );
  }
  return r.wallMs;
}

/** Median wall times (ms) of the real and the floor kernel on one arch. */
export async function bootTimes(
  arch: Arch,
  reps: number,
): Promise<{ tsuki: number; floor: number }> {
  const real = await buildKernel(arch);
  const floor = await buildKernel(arch, { entry: FLOOR_ENTRY, out: floorOut(arch) });
  const t: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < reps; i++) {
    f.push(await bootOnce(arch, floor.elf, floorBanner(arch)));
    t.push(await bootOnce(arch, real.elf, "Tsuki: powering off"));
  }
  return { tsuki: median(t), floor: median(f) };
}

export const bootSection: Section = {
  name: "boot",
  async run(opts: BenchOptions) {
    for (const arch of ARCHES) {
      const { tsuki, floor } = await bootTimes(arch, opts.reps ?? BOOT_REPS);
      console.log(formatBootRatio(arch, tsuki, floor));
      if (opts.verbose) {
        console.log(`  boot ${arch}: tsuki ${tsuki.toFixed(1)} ms, floor ${floor.toFixed(1)} ms`);
      }
    }
  },
};
