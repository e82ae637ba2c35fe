// Boots Tsuki under QEMU with the serial console on this terminal: `deno task run` (`make run`).
//
// Options: --arch x86_64|aarch64 (default x86_64), --machine microvm|q35|virt|virt-gicv3 (default microvm
// on x86_64, virt on aarch64), --mem 128M, --smp N, --cmdline "...", --timeout SECONDS
// (default 30), --c FILE (boot a stand-in C kernel instead of kernel/main.ts).
// It builds the image when an input changed, streams the guest's serial output live (stdin is
// given to the guest only when it is a terminal, so CI without stdin works), then prints
// `boot: <N> ms wall (QEMU start to power-off), exit status <s>` and exits with the kernel's
// status; a run without a kernel status (timeout, triple fault, QEMU error) exits with 1.

import { BuildError, buildKernel, type BuildOptions } from "./build.ts";
import {
  type Arch,
  formatCommand,
  isArch,
  isMachine,
  type Machine,
  type RunOptions,
  runQemu,
} from "./qemu.ts";

interface RunArgs {
  arch: Arch;
  build: BuildOptions;
  run: RunOptions;
}

function parseArgs(argv: string[]): RunArgs {
  let arch: Arch = "x86_64";
  let machine: Machine | undefined;
  const build: BuildOptions = {};
  const run: RunOptions = { echo: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--arch": {
        const a = value();
        if (!isArch(a)) throw new Error(`unknown arch ${a} (x86_64, aarch64)`);
        arch = a;
        break;
      }
      case "--machine": {
        const m = value();
        if (!isMachine(m)) throw new Error(`unknown machine ${m} (microvm, q35, virt, virt-gicv3)`);
        machine = m;
        break;
      }
      case "--mem":
        run.mem = value();
        break;
      case "--smp": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error("--smp needs a positive integer");
        run.smp = n;
        break;
      }
      case "--cmdline":
        run.cmdline = value();
        break;
      case "--timeout": {
        const s = Number(value());
        if (!(s > 0)) throw new Error("--timeout needs a positive number of seconds");
        run.timeoutMs = s * 1000;
        break;
      }
      case "--c":
        build.cSource = value();
        break;
      default:
        throw new Error(
          `unknown option ${argv[i]} (--arch, --machine, --mem, --smp, --cmdline, --timeout, --c)`,
        );
    }
  }
  run.machine = machine;
  return { arch, build, run };
}

async function main(): Promise<number> {
  let args: RunArgs;
  try {
    args = parseArgs(Deno.args);
  } catch (e) {
    console.error(`run: ${(e as Error).message}`);
    return 2;
  }
  let elf: string;
  try {
    elf = (await buildKernel(args.arch, args.build)).elf;
  } catch (e) {
    console.error(e instanceof BuildError ? e.message : `run: build failed: ${e}`);
    return 1;
  }
  const r = await runQemu(args.arch, elf, { ...args.run, stdin: Deno.stdin.isTerminal() });
  if (r.stderr.trim() !== "") console.error(r.stderr.trimEnd());
  const ms = Math.round(r.wallMs);
  if (r.timedOut) {
    console.log(`boot: ${ms} ms wall, timed out (QEMU killed), no exit status`);
  } else if (r.status === null) {
    const how = r.rawCode === null ? "killed by a signal" : `exit code ${r.rawCode}`;
    console.log(`boot: ${ms} ms wall, no kernel exit status (QEMU ${how})`);
    console.log(`run: ${formatCommand(r.command)}`);
  } else {
    console.log(`boot: ${ms} ms wall (QEMU start to power-off), exit status ${r.status}`);
  }
  return r.status ?? 1;
}

if (import.meta.main) Deno.exit(await main());
