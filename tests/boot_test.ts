// Boot tests: the real kernel, transpiled and built for both arches, booted under QEMU (TCG).
//
// Each arch is built once (tools/build.ts, skipped when up to date) and shared by its tests.
// A boot passes when the kernel powers off with status 0 and its serial console shows the
// banner `Tsuki <version> (<arch>)`, `memory: <N> MiB` within 1 MiB of QEMU's -m (firmware
// reserves a little of it on q35), the -append command line echoed as `cmdline: ...`, and the
// power-off line. `--test-panic` on the command line must end in `panic: ...` and status 1.
// Every failure message carries the QEMU command, its exit code and the full serial log.

import assert from "node:assert/strict";
import { buildKernel } from "../tools/build.ts";
import {
  type Arch,
  formatCommand,
  type Machine,
  type QemuResult,
  type RunOptions,
  runQemu,
} from "../tools/qemu.ts";

const images = new Map<Arch, Promise<string>>();

/** The kernel image for arch, built at most once per test run. */
function kernelImage(arch: Arch): Promise<string> {
  let p = images.get(arch);
  if (!p) {
    p = buildKernel(arch).then((r) => r.elf);
    images.set(arch, p);
  }
  return p;
}

function report(r: QemuResult): string {
  const how = r.timedOut ? "timed out" : `QEMU exit code ${r.rawCode}, kernel status ${r.status}`;
  return `\n$ ${formatCommand(r.command)}\n${how}, ${Math.round(r.wallMs)} ms\n` +
    (r.stderr.trim() ? `--- QEMU stderr ---\n${r.stderr.trimEnd()}\n` : "") +
    `--- serial ---\n${r.serial.trimEnd()}\n--- end ---`;
}

async function boot(arch: Arch, opts: RunOptions): Promise<QemuResult> {
  return runQemu(arch, await kernelImage(arch), opts);
}

function checkBoot(arch: Arch, r: QemuResult, memMiB: number, cmdline: string): void {
  const log = report(r);
  assert.equal(r.status, 0, `kernel did not power off with status 0${log}`);
  assert.match(r.serial, new RegExp(`^Tsuki \\S+ \\(${arch}\\)$`, "m"), `no banner${log}`);
  const mem = r.serial.match(/^memory: (\d+) MiB$/m);
  assert.ok(mem, `no memory line${log}`);
  assert.ok(
    Math.abs(Number(mem[1]) - memMiB) <= 1,
    `memory: ${mem[1]} MiB, QEMU has ${memMiB} MiB${log}`,
  );
  const line = r.serial.match(/^cmdline: (.*)$/m);
  assert.ok(line, `no cmdline line${log}`);
  assert.ok(line[1].startsWith(cmdline), `cmdline "${line[1]}", passed "${cmdline}"${log}`);
  assert.match(r.serial, /^Tsuki: powering off$/m, `no power-off line${log}`);
}

const BOOTS: { arch: Arch; machine: Machine; memMiB: number }[] = [
  { arch: "x86_64", machine: "microvm", memMiB: 128 },
  { arch: "x86_64", machine: "q35", memMiB: 256 },
  { arch: "aarch64", machine: "virt", memMiB: 192 },
];

for (const { arch, machine, memMiB } of BOOTS) {
  Deno.test(`${arch} boots on ${machine}, prints the banner and powers off with 0`, async () => {
    const cmdline = `--boot-test marker=${machine}-${memMiB}`;
    const r = await boot(arch, { machine, mem: `${memMiB}M`, cmdline });
    checkBoot(arch, r, memMiB, cmdline);
    assert.match(r.serial, /^option: boot-test$/m, `flag not parsed${report(r)}`);
  });
}

for (const arch of ["x86_64", "aarch64"] as const) {
  Deno.test(`${arch}: a kernel panic powers off with a non-zero status`, async () => {
    const r = await boot(arch, { cmdline: "--test-panic" });
    const log = report(r);
    assert.match(r.serial, /^panic: /m, `no panic line${log}`);
    assert.equal(r.status, 1, `panic status is not 1${log}`);
  });
}
