// The kernel's entry: from the arch's boot code to power-off.
//
// arch/<ARCH>/entry.S sets up a stack and calls kernelMain (C symbol kernel_main__kernelMain)
// with the boot loader's argument (the PVH hvm_start_info address on x86_64, the devicetree
// address or 0 on aarch64) and the image layout table. kernelMain runs once, on the boot CPU,
// with interrupts off until step 8 (kernelEarly is steps 1-6, kernelLate the rest):
//   1. console up, banner `Tsuki <version> (<arch>)`;
//   2. boot information into the module-level bootInfo (arch readBootInfo); a malformed one is
//      reported as `boot: <reason> (<value>)` followed by a panic;
//   3. `memory: <N> MiB` (usable RAM rounded to the nearest MiB) and a line of detail;
//   4. `cmdline: <the command line>` and one line per token: `option: name` for --name,
//      `option: name="value"` for --name=value, `arg: ...` for other words; a line that does not
//      scan gives `cmdline: error: <reason> at offset <n>` and its options are ignored;
//   5. `--test-panic` on the command line panics here, so boot tests can check the failure path;
//   6. memory management (kernel/mem/mem_init.ts): memory map, page allocator, the kernel's own
//      page tables (W^X, guard pages, MMU on), the heap; backtraces learn the boot stack;
//   7. interrupt controller and clock (arch irqInit, clockInit), a timer interrupt self-test;
//   8. the scheduler (kernel/sched: the boot code becomes a thread, interrupts on) and the TLB
//      shootdown (kernel/tlb_boot.ts), then the other CPUs (arch smpStart; each enters
//      kernel/smp.ts's secondaryMain); `--bootchart` prints the time per phase
//      (kernel/bootchart.ts);
//   9. the self-tests the command line asks for (kernel/selftest.ts: --test-mem, --test-guard,
//      --test-wx, --test-null, --test-overflow, --test-thread-overflow; kernel/selftest_sched.ts: --test-threads;
//      kernel/selftest_tlb.ts: --test-tlb; kernel/selftest_irq.ts: --test-irq-line);
//  10. the demo (kernel/demo.ts), then `Tsuki: powering off`, power off with status 0.
// Every later subsystem will start between 9 and 10.

import { u32, u64, u8, usize } from "./int.ts";
import {
  ARCH_NAME,
  clockInit,
  consoleInit,
  cycleCounterHz,
  irqControllerName,
  irqInit,
  irqSelfTest,
  powerOff,
  readBootInfo,
  smpStart,
  wallClockNs,
} from "@arch/mod.ts";
import { BootInfo } from "./boot/boot_info.ts";
import { bootErrorText } from "./boot/boot_error.ts";
import { ByteWindow, readU8, windowOpen } from "./boot/bytes.ts";
import {
  cmdlineErrorText,
  cmdlineFind,
  CmdlineKind,
  cmdlineNext,
  CmdlineToken,
} from "./boot/cmdline.ts";
import { runDemo } from "./demo.ts";
import { consoleLockInit } from "./console_lock.ts";
import { pageAllocZeroed } from "./mem/page_alloc.ts";
import { memLocksInit } from "./mem/mem_lock.ts";
import { schedBoot, stackArenaHi, stackArenaLo } from "./sched/mod.ts";
import { selftestThreads } from "./selftest_sched.ts";
import { selftestHeapShared } from "./selftest_heap_smp.ts";
import { selftestTlb } from "./selftest_tlb.ts";
import { selftestIrqLine } from "./selftest_irq.ts";
import { tlbBoot } from "./tlb_boot.ts";
import { backtraceAddStack, backtraceInit } from "./backtrace.ts";
import { bootchartMark, bootchartPrint, bootchartStart } from "./bootchart.ts";
import { BootStack, imageRead } from "./mem/image.ts";
import { KernelImage } from "./mem/kernel_space.ts";
import { memInit } from "./mem/mem_init.ts";
import {
  selftestGuard,
  selftestMemory,
  selftestNull,
  selftestOverflow,
  selftestThreadOverflow,
  selftestWriteText,
} from "./selftest.ts";
import { hex } from "./fmt.ts";
import { klog, kprint, kprintln, kputc } from "./klog.ts";
import { panic } from "./panic.ts";

// The entry of secondary CPUs (arch SMP bring-up calls it), compiled with the kernel.
export { secondaryMain } from "./smp.ts";

/** The kernel's version, as printed in the banner. */
export const TSUKI_VERSION: string = "0.1.0";

/** What the boot loader told the kernel (filled once by kernelMain). */
export const bootInfo: BootInfo = new BootInfo();

const cmdline: ByteWindow = new ByteWindow();
const image: KernelImage = new KernelImage();
const bootStack: BootStack = new BootStack();
const token: CmdlineToken = new CmdlineToken();

const MIB: u64 = u64(0x100000n);
const CHAR_QUOTE: u8 = u8(0x22);
const CHAR_SPACE: u8 = u8(0x20);
const CHAR_DEL: u8 = u8(0x7f);
const CHAR_UNPRINTABLE: u8 = u8(0x3f);

/** The kernel, from the arch's boot code to power-off; bootArg is the boot protocol's pointer,
 *  imageArg the arch's kernel_image_layout table (kernel/mem/image.ts). */
export function kernelMain(bootArg: usize, imageArg: usize): void {
  const cmdlineOk = kernelEarly(bootArg, imageArg);
  kernelLate(cmdlineOk);
}

/** Steps 1-6 up to memory (what the Deno simulation of kernel/main_test.ts runs: it has RAM,
 *  consoles and boot data but no interrupt controller or timer); returns whether the command
 *  line scanned. */
export function kernelEarly(bootArg: usize, imageArg: usize): boolean {
  bootchartStart();
  consoleInit();
  klog(`Tsuki ${TSUKI_VERSION} (${ARCH_NAME})`);
  bootchartMark("console");

  if (!readBootInfo(bootArg, bootInfo)) {
    klog(`boot: ${bootErrorText(bootInfo.error)} (${hex(bootInfo.errorDetail)})`);
    panic("cannot read the boot information");
  }
  printMemory(bootInfo);
  const cmdlineOk: boolean = printCmdline(bootInfo);
  bootchartMark("boot information");

  if (flag(cmdlineOk, "test-panic")) {
    panic("--test-panic on the command line");
  }
  if (!imageRead(imageArg, image, bootStack)) {
    panic("the kernel image layout table is out of order");
  }
  memInit(bootInfo, image, flag(cmdlineOk, "heap-debug"));
  backtraceInit(bootStack);
  bootchartMark("memory");
  return cmdlineOk;
}

/** Interrupts, clock, scheduler and the other CPUs, then the self-tests the command line asks
 *  for, the demo, and power-off (tested on QEMU: tests/boot_test.ts). */
function kernelLate(cmdlineOk: boolean): void {
  irqInit(bootInfo);
  clockInit(bootInfo);
  bootchartMark("interrupts and clock");
  if (!irqSelfTest()) {
    panic("the timer interrupt did not arrive");
  }
  const wallSeconds = u64(wallClockNs() / 1000000000n);
  klog(`clock: counter at ${cycleCounterHz()} Hz, wall clock ${wallSeconds} s since 1970`);
  klog(`irq: ${irqControllerName()}, timer interrupt ok`);
  schedBoot();
  const arenaLo = stackArenaLo();
  backtraceAddStack(arenaLo, stackArenaHi());
  const lockPage = pageAllocZeroed(u32(0));
  if (lockPage === 0) {
    panic("out of memory for the console and allocator locks");
  }
  consoleLockInit(lockPage);
  memLocksInit(usize(lockPage + 1024));
  tlbBoot();
  bootchartMark("scheduler");
  const cpus = smpStart(bootInfo);
  klog(`smp: ${cpus} CPUs online`);
  bootchartMark("smp");
  if (flag(cmdlineOk, "bootchart")) {
    bootchartPrint(cycleCounterHz());
  }
  if (flag(cmdlineOk, "test-mem")) {
    selftestMemory(u32(4000));
  }
  if (flag(cmdlineOk, "test-guard")) {
    selftestGuard();
  }
  if (flag(cmdlineOk, "test-wx")) {
    selftestWriteText();
  }
  if (flag(cmdlineOk, "test-null")) {
    selftestNull();
  }
  if (flag(cmdlineOk, "test-overflow")) {
    selftestOverflow();
  }
  if (flag(cmdlineOk, "test-thread-overflow")) {
    selftestThreadOverflow();
  }
  if (flag(cmdlineOk, "test-threads")) {
    selftestThreads();
    selftestHeapShared();
  }
  if (flag(cmdlineOk, "test-irq-line")) {
    selftestIrqLine();
  }
  if (flag(cmdlineOk, "test-tlb")) {
    selftestTlb();
  }
  if (!runDemo()) {
    panic("the demo computed a wrong answer");
  }
  kprintln("Tsuki: powering off");
  powerOff(u32(0));
}

/** True if the command line scanned and has the flag --name. */
function flag(cmdlineOk: boolean, name: string): boolean {
  return cmdlineOk && cmdlineFind(cmdline, name, token) === CmdlineKind.FLAG;
}

/** Prints `memory: <N> MiB` and the RAM ranges' detail. */
function printMemory(info: BootInfo): void {
  const mib = u64(u64(info.ramBytes + u64(MIB / 2n)) / MIB);
  klog(`memory: ${mib} MiB`);
  const n = info.ramRegions;
  const ranges: string = n === 1 ? "range" : "ranges";
  klog(`memory map: ${n} RAM ${ranges}, ${info.ramBytes} bytes, lowest at ${hex(info.ramBase)}`);
}

/** Prints the command line and its tokens; false if it does not scan. */
function printCmdline(info: BootInfo): boolean {
  windowOpen(cmdline, info.cmdlineAddr, info.cmdlineLen);
  kprint("cmdline: ");
  if (info.cmdlineLen === 0) {
    kprintln("(none)");
  } else {
    printBytes(usize(0), info.cmdlineLen);
    kprintln("");
  }
  let pos = usize(0);
  while (true) {
    const kind = cmdlineNext(cmdline, pos, token);
    switch (kind) {
      case CmdlineKind.END:
        return true;
      case CmdlineKind.ERROR:
        klog(`cmdline: error: ${cmdlineErrorText(token.error)} at offset ${token.start}`);
        return false;
      case CmdlineKind.FLAG:
      case CmdlineKind.OPTION:
        kprint("option: ");
        break;
      case CmdlineKind.WORD:
      case CmdlineKind.ASSIGN:
        kprint("arg: ");
        break;
    }
    printBytes(token.nameOff, token.nameLen);
    if (kind === CmdlineKind.OPTION || kind === CmdlineKind.ASSIGN) {
      kprint("=");
      kputc(CHAR_QUOTE);
      printBytes(token.valueOff, token.valueLen);
      kputc(CHAR_QUOTE);
    }
    kprintln("");
    pos = token.end;
  }
}

/** Prints len bytes of the command line from off, a '?' for each unprintable one. */
function printBytes(off: usize, len: usize): void {
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    const b = readU8(cmdline, usize(off + i));
    if (b >= CHAR_SPACE && b < CHAR_DEL) {
      kputc(b);
    } else {
      kputc(CHAR_UNPRINTABLE);
    }
  }
}
