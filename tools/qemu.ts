// QEMU command lines for Tsuki and a runner that boots a kernel image, captures its serial
// console, bounds the run with a timeout and maps QEMU's exit code back to the kernel's status.
//
// Mechanism: one QEMU process per boot, always TCG (KVM here is an unreliable nested
// virtualizer), `-nodefaults` (no VGA, NIC or firmware console noise) with the first UART on
// stdio, `-no-reboot` so a reset ends the run instead of looping.
// Exit status invariants:
// - x86_64: the kernel writes s to isa-debug-exit (port 0xf4); QEMU exits with (s << 1) | 1, so
//   an odd code maps back to s = (code - 1) / 2. Any even code is not a kernel status: a triple
//   fault under -no-reboot exits with 0, which must never read as success.
// - aarch64: the kernel exits through semihosting SYS_EXIT (QEMU's code is the status) or PSCI
//   SYSTEM_OFF (code 0). A guest reset (PSCI SYSTEM_RESET) under -no-reboot also gives 0; the
//   kernel never resets on purpose, and a crash without vectors spins until the timeout.
// - A run that exceeds its timeout is stopped (SIGTERM, then SIGKILL after a grace period, so a
//   terminal left in raw mode by QEMU is restored when possible) and has no status.

export type Arch = "x86_64" | "aarch64";
export type Machine = "microvm" | "q35" | "virt" | "virt-gicv3";

export const ARCHES: readonly Arch[] = ["x86_64", "aarch64"];

export function isArch(s: string): s is Arch {
  return (ARCHES as readonly string[]).includes(s);
}

export function isMachine(s: string): s is Machine {
  return s === "microvm" || s === "q35" || s === "virt" || s === "virt-gicv3";
}

/** Machine flags for x86_64 microvm: no option ROMs or PIC; ACPI on (the MADT lists the CPUs for
 *  SMP), the PIT (TSC calibration) and the CMOS RTC (wall clock). With ACPI on, virtio-mmio devices
 *  are described in the DSDT only (REFERENCE §5). */
const MICROVM = "microvm,x-option-roms=off,rtc=on,pit=on,pic=off,acpi=on";

export interface QemuOptions {
  /** Default: microvm on x86_64, virt on aarch64. */
  machine?: Machine;
  /** Guest RAM as QEMU's -m takes it (e.g. "128M"). Default "128M". */
  mem?: string;
  /** Number of vCPUs. Default 1. */
  smp?: number;
  /** Kernel command line (-append); omitted when empty. */
  cmdline?: string;
  /** aarch64 CPU model. Default cortex-a57. */
  cpu?: string;
  /** Extra QEMU arguments, appended last. */
  extra?: string[];
}

export function defaultMachine(arch: Arch): Machine {
  return arch === "x86_64" ? "microvm" : "virt";
}

export function qemuBinary(arch: Arch): string {
  return arch === "x86_64" ? "qemu-system-x86_64" : "qemu-system-aarch64";
}

/** The QEMU arguments (without the binary) that boot `kernel` on `arch`. */
export function qemuArgs(arch: Arch, kernel: string, opts: QemuOptions = {}): string[] {
  const machine = opts.machine ?? defaultMachine(arch);
  const args: string[] = [];
  if (arch === "x86_64") {
    if (machine === "microvm") args.push("-M", MICROVM);
    else if (machine === "q35") args.push("-M", "q35");
    else throw new Error(`machine ${machine} is not an x86_64 machine (microvm, q35)`);
    args.push("-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
  } else {
    // virt has a GICv2 by default; virt-gicv3 is the same board with a GICv3 (redistributors,
    // system-register CPU interface).
    if (machine !== "virt" && machine !== "virt-gicv3") {
      throw new Error(`machine ${machine} is not an aarch64 machine (virt, virt-gicv3)`);
    }
    const board = machine === "virt" ? "virt" : "virt,gic-version=3";
    args.push("-M", board, "-cpu", opts.cpu ?? "cortex-a57", "-semihosting");
  }
  args.push(
    "-accel",
    "tcg",
    "-m",
    opts.mem ?? "128M",
    "-smp",
    String(opts.smp ?? 1),
    "-no-reboot",
    "-no-user-config",
    "-nodefaults",
    "-display",
    "none",
    "-serial",
    "stdio",
    "-kernel",
    kernel,
  );
  if (opts.cmdline) args.push("-append", opts.cmdline);
  if (opts.extra) args.push(...opts.extra);
  return args;
}

/** The kernel's status from QEMU's exit code, or null when the code is not a kernel status. */
export function mapExitStatus(arch: Arch, rawCode: number | null): number | null {
  if (rawCode === null) return null;
  if (arch === "x86_64") return rawCode % 2 === 1 ? (rawCode - 1) / 2 : null;
  return rawCode;
}

export interface RunOptions extends QemuOptions {
  /** Kill the guest after this many ms. Default 30 000 (TCG on a small box is slow). */
  timeoutMs?: number;
  /** Copy the serial output to our stdout as it arrives. Default false. */
  echo?: boolean;
  /** Give QEMU our stdin (interactive console). Default false: stdin is /dev/null. */
  stdin?: boolean;
}

export interface QemuResult {
  /** The kernel's exit status, or null (timeout, crash, reset, QEMU error). */
  status: number | null;
  /** QEMU's exit code (null when it died by a signal). */
  rawCode: number | null;
  /** Everything the guest wrote to its serial console, with "\r" removed. */
  serial: string;
  /** QEMU's own diagnostics. */
  stderr: string;
  /** Wall time from spawning QEMU to its exit. */
  wallMs: number;
  timedOut: boolean;
  /** The full command line, for messages. */
  command: string[];
}

const KILL_GRACE_MS = 2000;

/** Boots `kernel` under QEMU and waits for power-off or the timeout. */
export async function runQemu(
  arch: Arch,
  kernel: string,
  opts: RunOptions = {},
): Promise<QemuResult> {
  const bin = qemuBinary(arch);
  const args = qemuArgs(arch, kernel, opts);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const start = performance.now();
  const child = new Deno.Command(bin, {
    args,
    stdin: opts.stdin ? "inherit" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  let timedOut = false;
  let killTimer: number | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    killTimer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, KILL_GRACE_MS);
  }, timeoutMs);

  const serialPromise = collect(child.stdout, opts.echo ? Deno.stdout : undefined);
  const stderrPromise = collect(child.stderr, undefined);
  const st = await child.status;
  const wallMs = performance.now() - start;
  clearTimeout(timer);
  if (killTimer !== undefined) clearTimeout(killTimer);
  const [serial, stderr] = await Promise.all([serialPromise, stderrPromise]);

  const rawCode = st.signal === null ? st.code : null;
  return {
    status: timedOut ? null : mapExitStatus(arch, rawCode),
    rawCode,
    serial: serial.replaceAll("\r", ""),
    stderr,
    wallMs,
    timedOut,
    command: [bin, ...args],
  };
}

/** Reads a stream to its end, optionally copying each chunk to `echo` as it comes. */
async function collect(
  stream: ReadableStream<Uint8Array>,
  echo: { writeSync(p: Uint8Array): number } | undefined,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) {
    if (echo) writeAll(echo, chunk);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function writeAll(w: { writeSync(p: Uint8Array): number }, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += w.writeSync(data.subarray(off));
}

/** A shell-quoted command line for messages. */
export function formatCommand(command: string[]): string {
  return command.map((a) => /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)
    .join(" ");
}
