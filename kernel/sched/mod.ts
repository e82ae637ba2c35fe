// kernel/sched's door: threads, the scheduler, kernel timers and synchronization. The rest of
// the kernel imports these names from here only.
//
// Boot: fill a SchedPlatform (schedPlatformKernel for the CPU-state and memory operations, the
// arch's clock, one-shot timer, CPU index and reschedule IPI for the rest), then
// schedInit(platform, cpus) on the boot CPU, which becomes thread "main"; each secondary CPU
// calls schedStartSecondary once it can take interrupts. See each file's header for the
// mechanism and invariants.

export {
  type SchedArmFn,
  type SchedCpuFn,
  type SchedFpuFn,
  type SchedGuardFn,
  type SchedInitStackFn,
  type SchedIpiFn,
  type SchedIrqRestoreFn,
  type SchedIrqSaveFn,
  type SchedNowFn,
  type SchedPageAllocFn,
  SchedPlatform,
  type SchedSwitchFn,
  type SchedVoidFn,
} from "./platform.ts";
export { schedBoot, schedPlatformKernel } from "./platform_kernel.ts";
export { stackArenaHi, stackArenaLo } from "./stack_arena.ts";
export {
  CPU_ANY,
  schedInit,
  schedSecondaryOnline,
  schedStartSecondary,
  threadCreate,
  threadCreateOn,
  threadDetach,
  threadEntry,
  threadExit,
  threadJoin,
  threadSelf,
  threadSleepNs,
  threadStackBytes,
  threadState,
  threadYield,
} from "./thread.ts";
export { THREAD_MAX, type ThreadFn, ThreadState } from "./thread_table.ts";
export {
  CpuSched,
  SCHED_SLICE_NS,
  schedCpu,
  schedCpuIndex,
  schedNowNs,
  schedRescheduleInterrupt,
  schedTimerInterrupt,
} from "./scheduler.ts";
export {
  timerAlloc,
  timerArmAt,
  timerArmed,
  timerArmIn,
  timerCancel,
  type TimerFn,
  timerFree,
} from "./timer.ts";
export { spinFree, spinInit, SpinLock, spinLock, spinUnlock } from "./spinlock.ts";
export { Mutex, mutexDestroy, mutexInit, mutexLock, mutexTryLock, mutexUnlock } from "./mutex.ts";
export {
  Condvar,
  condvarBroadcast,
  condvarDestroy,
  condvarInit,
  condvarSignal,
  condvarWait,
} from "./condvar.ts";
export { Semaphore, semDestroy, semInit, semPost, semTryWait, semWait } from "./semaphore.ts";
export { futexWait, futexWake } from "./futex.ts";
