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
  checkMemoryLog(r);
}

/** The memory management lines of every boot: totals that add up, free pages, the kernel's
 *  page tables with no-execute, the heap. */
function checkMemoryLog(r: QemuResult): void {
  const log = report(r);
  const m = r.serial.match(/^memory: total (\d+) KiB, reserved (\d+) KiB, free (\d+) KiB$/m);
  assert.ok(m, `no memory totals line${log}`);
  const [total, reserved, free] = m.slice(1).map(Number);
  assert.equal(total, reserved + free, `memory totals do not add up${log}`);
  assert.ok(free > 0 && free < total, `free memory ${free} KiB of ${total}${log}`);
  const p = r.serial.match(/^pages: (\d+) free of (\d+) pages of 4 KiB/m);
  assert.ok(p && Number(p[1]) > 0 && Number(p[1]) <= Number(p[2]), `no pages line${log}`);
  assert.match(r.serial, /^memory: ram \[0x[0-9a-f]+, 0x[0-9a-f]+\)$/m, `no RAM range${log}`);
  assert.match(r.serial, /^vm: \d+ RAM ranges?, \d+ device windows?, \d+ blocks of 2 MiB, /m, log);
  assert.match(r.serial, /^vm: no-execute on$/m, `NX is not in use${log}`);
  assert.match(r.serial, /^heap: ready, debug off$/m, `no heap line${log}`);
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

// ---- memory management (issue 4) ----

for (const arch of ["x86_64", "aarch64"] as const) {
  for (const [mem, debug] of [["128M", false], ["4M", false], ["32M", true]] as const) {
    const what = debug ? " and the heap's debug mode" : "";
    Deno.test(`${arch}: heavy page and heap allocation, every byte checked, -m ${mem}${what}`, async () => {
      const cmdline = debug ? "--test-mem --heap-debug" : "--test-mem";
      const r = await boot(arch, { mem, cmdline });
      const log = report(r);
      assert.equal(r.status, 0, `memtest did not pass${log}`);
      const p = r.serial.match(
        /^memtest: pages: 4000 rounds, (\d+) allocations, (\d+) frees, .* (\d+) failures$/m,
      );
      assert.ok(p, `no page stress line${log}`);
      assert.equal(p[1], p[2], `every block allocated is freed${log}`);
      assert.ok(Number(p[1]) > 1000, `page stress allocated only ${p[1]} blocks${log}`);
      assert.equal(p[3], "0", log);
      const h = r.serial.match(
        /^memtest: heap: (\d+) allocations \((\d+) large\), (\d+) frees, .*, (\d+) corrupt, (\d+) faults$/m,
      );
      assert.ok(h, `no heap stress line${log}`);
      assert.equal(h[1], h[3], `every heap block allocated is freed${log}`);
      assert.ok(Number(h[1]) > 1000 && Number(h[2]) > 0, `heap stress too small${log}`);
      assert.deepEqual([h[4], h[5]], ["0", "0"], log);
      assert.match(r.serial, /^memtest: ok$/m, log);
      if (debug) {
        assert.match(r.serial, /^heap: ready, debug on$/m, log);
      } else {
        checkMemoryLog(r);
      }
    });
  }

  const FAULTS: { flag: string; access: string; region: string; how: RegExp }[] = [
    {
      flag: "--test-guard",
      access: "write",
      region: "guard page of the boot stack",
      how: arch === "x86_64" ? /^trap: vector 14 error 0x2 / : /: translation fault$/,
    },
    {
      flag: "--test-wx",
      access: "write",
      region: "kernel text",
      how: arch === "x86_64" ? /^trap: vector 14 error 0x3 / : /: permission fault$/,
    },
    {
      flag: "--test-null",
      access: "read",
      region: "null page",
      how: arch === "x86_64" ? /^trap: vector 14 error 0x0 / : /: translation fault$/,
    },
    {
      flag: "--test-overflow",
      access: "write",
      region: "guard page of the boot stack",
      how: arch === "x86_64" ? /^trap: vector 14 error 0x2 / : /: translation fault$/,
    },
  ];
  for (const { flag, access, region, how } of FAULTS) {
    Deno.test(`${arch}: ${flag} faults in the ${region} and is reported`, async () => {
      const r = await boot(arch, { cmdline: flag });
      const log = report(r);
      const kind = arch === "x86_64" ? "page fault" : "data abort";
      const line = new RegExp(
        `^fault: ${kind} \\(${access}\\) at 0x[0-9a-f]+ \\(${region}\\) pc 0x[0-9a-f]+`,
        "m",
      );
      assert.match(r.serial, line, `no fault report${log}`);
      assert.match(r.serial, new RegExp(how.source, "m"), `wrong fault cause${log}`);
      assert.match(r.serial, /^panic: unhandled CPU exception$/m, log);
      assert.doesNotMatch(r.serial, /did not fault/, log);
      assert.equal(r.status, 1, `a fault must power off with status 1${log}`);
    });
  }
}

// ---- interrupts, clocks, threads and SMP (issue 5) ----

/** The machines each arch's scheduler boots are judged on (aarch64: both GIC versions). */
const SCHED_MACHINES: { arch: Arch; machine: Machine }[] = [
  { arch: "x86_64", machine: "microvm" },
  { arch: "aarch64", machine: "virt" },
  { arch: "aarch64", machine: "virt-gicv3" },
];

for (const { arch, machine } of SCHED_MACHINES) {
  for (const smp of machine === "virt-gicv3" ? [2] : [1, 2, 4]) {
    Deno.test(`${arch} on ${machine} -smp ${smp}: threads, mutex, condvar, sleep, preemption`, async () => {
      const r = await boot(arch, { machine, smp, cmdline: "--test-threads", timeoutMs: 60_000 });
      const log = report(r);
      assert.equal(r.status, 0, `the thread self-test failed${log}`);
      assert.match(r.serial, new RegExp(`^smp: ${smp} CPUs online$`, "m"), `CPUs missing${log}`);
      const irqName = machine === "virt-gicv3"
        ? "GICv3"
        : arch === "aarch64"
        ? "GICv2"
        : "x(2)?APIC \\+ I/O APIC";
      assert.match(r.serial, new RegExp(`^irq: ${irqName}, timer interrupt ok$`, "m"), log);
      const early = r.serial.match(
        /^irq: timer fired \d+ times, (\d+) us after arming 1 ms ahead$/m,
      );
      if (arch === "x86_64") {
        assert.ok(early && Number(early[1]) >= 1000, `the LAPIC timer fired early${log}`);
      }
      assert.match(
        r.serial,
        /^clock: counter at [1-9]\d* Hz, wall clock 1[7-9]\d{8} s since 1970$/m,
        log,
      );
      const c = r.serial.match(/^sched: counter: (\d+) threads x (\d+) = (\d+)$/m);
      assert.ok(c, `no counter line${log}`);
      assert.equal(Number(c[3]), Number(c[1]) * Number(c[2]), `lost increments${log}`);
      assert.match(r.serial, /^sched: condvar: 1000 items received, 0 out of order$/m, log);
      const s = r.serial.match(/^sched: sleep (\d+) ns took (\d+) ns$/m);
      assert.ok(s, `no sleep line${log}`);
      const [asked, took] = [Number(s[1]), Number(s[2])];
      // Never early; late by at most 50 ms (TCG on a shared 2-core machine).
      assert.ok(took >= asked && took < asked + 50e6, `sleep ${asked} ns took ${took} ns${log}`);
      assert.match(
        r.serial,
        /^sched: join: exit value 42, detached thread ran=true freed=true$/m,
        log,
      );
      const p = r.serial.match(/^sched: preempt: spinner (\d+) spins, neighbour (\d+) steps$/m);
      assert.ok(p && Number(p[2]) > 0, `the spinning thread was not preempted${log}`);
      assert.match(r.serial, /^sched: ok$/m, log);
      // The heap shared by threads on every CPU (its lock, kernel/mem/mem_lock.ts): without the
      // lock this ended in a double free or a fault at -smp 4.
      assert.match(r.serial, /^heap: 4 threads, 2400 allocations, 0 corrupt$/m, log);
    });
  }
}

// A real device interrupt through kernel/irq.ts's line table: x86_64 the CMOS RTC's periodic
// interrupt (ISA IRQ 8, I/O APIC pin 8), aarch64 the PL031's match interrupt (SPI 2 on virt) on
// both GIC versions. The kernel panics (status 1) if the line never fires within 3 s.
for (const { arch, machine } of SCHED_MACHINES) {
  Deno.test(`${arch} on ${machine}: a device interrupt line fires (--test-irq-line)`, async () => {
    const r = await boot(arch, { machine, cmdline: "--test-irq-line", timeoutMs: 60_000 });
    const log = report(r);
    assert.equal(r.status, 0, `the interrupt line self-test failed${log}`);
    const line = arch === "x86_64" ? 8 : 2;
    const m = r.serial.match(new RegExp(`^irq: line ${line} fired (\\d+) times$`, "m"));
    assert.ok(m && Number(m[1]) >= 1, `no irq line report${log}`);
  });
}

// The TLB shootdown (kernel/mem/tlb_shootdown.ts, kernel/selftest_tlb.ts): three CPUs cache a
// translation, the boot CPU changes it, all four must see the new frame. On x86_64 the IPIs are
// what makes it pass: with TLB_BROADCAST forced to true (no IPIs), QEMU TCG keeps the stale
// entries and the other three CPUs read the old frame (checked by hand when this was written).
for (const arch of ["x86_64", "aarch64"] as const) {
  Deno.test(`${arch} -smp 4: every CPU sees a page remapped by another (TLB shootdown)`, async () => {
    const r = await boot(arch, { smp: 4, cmdline: "--test-tlb", timeoutMs: 60_000 });
    const log = report(r);
    assert.equal(r.status, 0, `the TLB self-test failed${log}`);
    assert.match(r.serial, /^smp: 4 CPUs online$/m, `CPUs missing${log}`);
    const m = r.serial.match(/^tlb: 3 reader threads, (\d+) shootdowns sent IPIs$/m);
    assert.ok(m, `no reader line${log}`);
    // x86_64: the unmap and the map each shoot down; aarch64's TLBI ...IS needs no IPI.
    assert.equal(Number(m[1]), arch === "x86_64" ? 2 : 0, log);
    assert.match(r.serial, /^tlb: 4 CPUs saw the new mapping$/m, log);
    assert.doesNotMatch(r.serial, /the old mapping/, log);
  });
}

for (const arch of ["x86_64", "aarch64"] as const) {
  Deno.test(`${arch}: a fault's report has a backtrace naming the TS functions`, async () => {
    const r = await boot(arch, { cmdline: "--test-overflow" });
    const log = report(r);
    assert.equal(r.status, 1, log);
    assert.match(r.serial, /^backtrace:$/m, `no backtrace${log}`);
    assert.match(r.serial, /^ {2}#\d+ 0x[0-9a-f]+ kernel\/selftest\.ts:deep\+0x[0-9a-f]+$/m, log);
  });

  Deno.test(`${arch}: a thread's stack overflow faults with a backtrace through its frames`, async () => {
    const r = await boot(arch, { cmdline: "--test-thread-overflow" });
    const log = report(r);
    assert.equal(r.status, 1, log);
    assert.doesNotMatch(r.serial, /did not fault/, log);
    const frames = r.serial.match(
      /^ {2}#\d+ 0x[0-9a-f]+ kernel\/selftest\.ts:deep\+0x[0-9a-f]+$/gm,
    );
    assert.ok(frames && frames.length >= 2, `the walk did not follow the thread's stack${log}`);
  });

  Deno.test(`${arch}: --bootchart prints the time of each boot phase`, async () => {
    const r = await boot(arch, { cmdline: "--bootchart" });
    const log = report(r);
    assert.equal(r.status, 0, log);
    for (const phase of ["console", "boot information", "memory", "interrupts and clock", "smp"]) {
      assert.match(r.serial, new RegExp(`^bootchart: ${phase} \\d+ us$`, "m"), `${phase}${log}`);
    }
    assert.match(r.serial, /^bootchart: total [1-9]\d* us$/m, log);
  });
}
