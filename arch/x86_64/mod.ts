// The x86_64 arch's public door: the only names kernel/ may use, through `@arch/mod.ts`.
// Every arch/<ARCH>/mod.ts exports the same names with the same signatures.

export { ARCH_NAME } from "./arch_name.ts";
export { readBootInfo } from "./boot_info.ts";
export { consoleInit, consolePutByte } from "./console.ts";
export { powerOff } from "./power.ts";
export { mmuActivate, mmuNxEnabled, mmuRoot, tlbFlushAll, tlbFlushPage } from "./mmu.ts";
export { irqEntry, trapEntry } from "./trap.ts";
export { PT_VA_END, ptFormat, ptUseNx } from "./page_table.ts";
export {
  PT_BLOCK_SIZE,
  PT_PAGE_SIZE,
  ptCreate,
  ptSplitFinish,
} from "../../kernel/mem/page_walk.ts";
export { DEVICE_WINDOW_BASE, DEVICE_WINDOW_SIZE } from "./platform.ts";
export { irqControllerName, irqInit, irqInitCpu } from "./apic.ts";
export { clockNowNs, cycleCounterHz, wallClockNs } from "./clock.ts";
export { clockInit, timerArm, timerCancel } from "./timer.ts";
export { cpuIndex } from "./percpu.ts";
export { ipiSend, irqSelfTest } from "./irq_entry.ts";
export { smpStart } from "./smp.ts";
export { TLB_BROADCAST } from "./irq_entry.ts";
export {
  irqLineDisable,
  irqLineEnable,
  irqTestSourceAck,
  irqTestSourceLine,
  irqTestSourceStart,
  irqTestSourceStop,
} from "./irq_line.ts";
