// Bringing up the secondary CPUs on aarch64 with PSCI CPU_ON (Arm DEN0022D §5.6).
//
// smpStart runs on the boot CPU (index 0) after memory management, irqInit and clockInit. For
// each /cpus entry of the devicetree whose MPIDR is not the boot CPU's (in devicetree order,
// indices 1, 2, ...; at most PERCPU_MAX), it allocates a 64 KiB kernel stack, a 16 KiB exception
// stack (SP_EL0, for sync exceptions) and a boot block page, fills the block (stacks, index, and
// the boot CPU's own MAIR/TCR/TTBR0/SCTLR so the CPU joins the same address space with the MMU
// and caches on: arch/aarch64/mmu.ts), records the MPIDR (arch/aarch64/percpu.ts) and calls
// CPU_ON (function id 0xC4000003, SMC64: x1 target MPIDR, x2 entry point = the image base +
// SECONDARY_ENTRY_OFFSET, x3 context id = the block) through hvc. It then waits up to
// SMP_START_TIMEOUT_NS for the CPU to set the block's alive slot (done in entry.S once its MMU is
// on) and counts it online. The secondary continues in kernel/smp.ts secondaryMain(index), which
// is expected to call irqInitCpu(). CPU_ON's return codes: 0 SUCCESS, -4 ALREADY_ON, -2
// INVALID_PARAMETERS, -6 INTERNAL_FAILURE ... (§5.2.2); a CPU that fails is skipped and logged.
// Invariants: block and stacks are never freed (the CPUs run until power-off). Not done yet:
// guard pages below the secondary stacks, and cache maintenance of the block for real hardware
// (QEMU does not model caches; a real secondary reads the block with its MMU and caches off).

import { u32, u64, usize } from "../../kernel/int.ts";
import type { BootInfo } from "../../kernel/boot/boot_info.ts";
import { pageAllocZeroed } from "../../kernel/mem/page_alloc.ts";
import { klog } from "../../kernel/klog.ts";
import { hex } from "../../kernel/fmt.ts";
import { archDevices } from "./devices.ts";
import { clockNowNs } from "./clock.ts";
import { MAIR_VALUE, tcrValue } from "./mmu.ts";
import { cpuSetMpidr, PERCPU_MAX } from "./percpu.ts";
import { smpBlockRead, smpBlockWrite } from "./smp_block.ts";
import { cpuMpidr, mmfr0Read, psci, sctlrRead, ttbr0Read } from "./sysregs.ts";

/** PSCI CPU_ON, SMC64 function id. */
export const PSCI_CPU_ON: u32 = u32(0xc4000003);
/** The image base (arch/aarch64/linker.ld) and secondary_entry's offset in it (entry.S). */
export const IMAGE_BASE: u64 = u64(0x40200000n);
export const SECONDARY_ENTRY_OFFSET: u64 = u64(4n);
export const SMP_START_TIMEOUT_NS: u64 = u64(2000000000n);
const STACK_ORDER: u32 = u32(4);
const EXC_STACK_ORDER: u32 = u32(2);
const PAGE: usize = usize(4096);

/** Starts every other CPU of the devicetree; returns how many CPUs are online (boot CPU too). */
export function smpStart(info: BootInfo): u32 {
  const d = archDevices(info);
  const boot = cpuMpidr();
  let online = u32(1);
  const n = d.cpuCount < PERCPU_MAX ? d.cpuCount : PERCPU_MAX;
  for (let i = u32(0); i < n; i = u32(i + 1)) {
    const mpidr = d.cpuMpidr.get(usize(i));
    if (mpidr !== boot) {
      if (smpStartOne(online, mpidr)) {
        online = u32(online + 1);
      }
    }
  }
  return online;
}

/** Starts the CPU with affinity mpidr as index cpu; true once it is alive. */
function smpStartOne(cpu: u32, mpidr: u64): boolean {
  const stack = pageAllocZeroed(STACK_ORDER);
  const exc = pageAllocZeroed(EXC_STACK_ORDER);
  const block = pageAllocZeroed(u32(0));
  if (stack === 0 || exc === 0 || block === 0) {
    klog(`smp: no memory for cpu ${cpu}`);
    return false;
  }
  smpBlockWrite(block, u32(0), u64(usize(stack + PAGE * 16)));
  smpBlockWrite(block, u32(1), u64(usize(exc + PAGE * 4)));
  smpBlockWrite(block, u32(2), u64(cpu));
  smpBlockWrite(block, u32(3), MAIR_VALUE);
  smpBlockWrite(block, u32(4), tcrValue(mmfr0Read()));
  smpBlockWrite(block, u32(5), ttbr0Read());
  smpBlockWrite(block, u32(6), sctlrRead());
  smpBlockWrite(block, u32(7), u64(0n));
  cpuSetMpidr(cpu, mpidr);
  const entry = u64(IMAGE_BASE + SECONDARY_ENTRY_OFFSET);
  const ret = psci(PSCI_CPU_ON, mpidr, entry, u64(block));
  if (ret !== 0n) {
    klog(`smp: CPU_ON ${hex(mpidr)} failed: ${hex(ret)}`);
    return false;
  }
  const limit = u64(clockNowNs() + SMP_START_TIMEOUT_NS);
  while (smpBlockRead(block, u32(7)) === 0n) {
    if (clockNowNs() > limit) {
      klog(`smp: cpu ${cpu} (${hex(mpidr)}) did not come up`);
      return false;
    }
  }
  return true;
}
