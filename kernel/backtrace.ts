// Backtraces: the chain of frame records from a frame pointer, with TS function names.
//
// The kernel's C is compiled with frame pointers on both arches (tools/build.ts:
// -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer), so every function that has a frame
// keeps a frame record of two words where its frame pointer points:
//   x86_64  (System V psABI §3.2.2, `push %rbp; mov %rsp, %rbp`): [rbp] = the caller's rbp,
//           [rbp + 8] = the return address;
//   aarch64 (AAPCS64 §6.4.6 "The Frame Pointer", `stp x29, x30, [sp, #-N]!; mov x29, sp`):
//           [x29] = the caller's x29, [x29 + 8] = x30, the return address.
// The same walk therefore serves both arches. The boot glue sets the frame pointer to 0 before
// it calls kernelMain (arch/<ARCH>/entry.S), which ends every chain.
// Module-level state is built from this module's own classes only: kernel/fault.ts imports this
// module, and the import cycle through klog.ts and @arch/mod.ts must not reach a class of
// another module before it exists (Deno evaluates the cycle in order).
// Invariants of the walk (it runs inside fault reports, so it must never fault itself):
// - a frame pointer is read only if it is 8-aligned and [fp, fp + 16) lies inside one of the
//   registered stacks (backtraceAddStack: the boot stack from backtraceInit, thread stacks from
//   whoever creates them); every later frame must be on the same stack as the first and at a
//   strictly higher address (stacks grow down, callers' frames are above), so the walk ends;
// - at most BACKTRACE_MAX_DEPTH lines; it stops at a zero frame pointer or return address.
// Lines: `  #<n> <hex address> <module path>:<function>+<hex offset>` (kernel/symbols.ts names
// it; `?` when no function holds the address). Frame #0 is the given pc; later frames show the
// return address, named after the byte before it (a call may be the last instruction of a
// function, so the return address can be the next function's first byte).

import { u32, u64, usize } from "./int.ts";
import { FixedArray } from "./array.ts";
import { hex } from "./fmt.ts";
import { kprint, kprintln } from "./klog.ts";
import { backtraceReadWord } from "./backtrace_mem.ts";
import { symbolsPrintPlace } from "./symbols.ts";
import type { BootStack } from "./mem/image.ts";

/** The most frames a backtrace prints (frame #0 included). */
export const BACKTRACE_MAX_DEPTH: u32 = u32(32);
/** How many stacks can be registered. */
export const BACKTRACE_MAX_STACKS: usize = usize(16);

const FRAME_RECORD_BYTES: usize = usize(16);
const ADDR_LIMIT: u64 = u64(0x20000000000000n);

const stackLo = new FixedArray<u64>(BACKTRACE_MAX_STACKS, u64(0n));
const stackHi = new FixedArray<u64>(BACKTRACE_MAX_STACKS, u64(0n));

class Stacks {
  count: usize = usize(0);
}
const stacks: Stacks = new Stacks();

/** Forgets every registered stack (tests). */
export function backtraceClearStacks(): void {
  stacks.count = usize(0);
}

/** Registers [lo, hi) as a stack whose frame records may be read; false if the range is empty
 *  or the table is full. */
export function backtraceAddStack(lo: usize, hi: usize): boolean {
  if (lo >= hi || stacks.count >= BACKTRACE_MAX_STACKS) {
    return false;
  }
  stackLo.set(stacks.count, u64(lo));
  stackHi.set(stacks.count, u64(hi));
  stacks.count = usize(stacks.count + 1);
  return true;
}

/** Registers the boot stack; kernelMain calls it once imageRead has filled the stack bounds. */
export function backtraceInit(boot: BootStack): void {
  backtraceAddStack(boot.bottom, boot.top);
}

/** The index of the stack holding the frame record at fp, or BACKTRACE_MAX_STACKS if none. */
function stackOf(fp: u64): usize {
  if (fp >= ADDR_LIMIT || u64(fp & 7n) !== 0n) {
    return BACKTRACE_MAX_STACKS;
  }
  for (let i = usize(0); i < stacks.count; i = usize(i + 1)) {
    if (fp >= stackLo.get(i) && u64(fp + u64(FRAME_RECORD_BYTES)) <= stackHi.get(i)) {
      return i;
    }
  }
  return BACKTRACE_MAX_STACKS;
}

/** Prints one line; `at` is the address shown, `lookup` the one that is named. */
function printFrame(n: u32, at: u64, lookup: u64): void {
  kprint(`  #${n} ${hex(at)} `);
  if (lookup < ADDR_LIMIT && symbolsPrintPlace(at, usize(lookup))) {
    kprintln("");
  } else {
    kprintln("?");
  }
}

/** Prints the backtrace from pc and the frame pointer fp (a trap frame's rbp / x29); returns
 *  the number of lines. */
export function backtraceWalk(fp: usize, pc: usize): u32 {
  printFrame(u32(0), u64(pc), u64(pc));
  let n = u32(1);
  let cur = u64(fp);
  const first = stackOf(cur);
  while (n < BACKTRACE_MAX_DEPTH && cur !== 0n) {
    const s = stackOf(cur);
    if (s === BACKTRACE_MAX_STACKS || s !== first) {
      break;
    }
    const at = usize(cur);
    const ret = backtraceReadWord(usize(at + 8));
    const next = backtraceReadWord(at);
    if (ret === 0n) {
      break;
    }
    printFrame(n, ret, u64(ret - 1n));
    n = u32(n + 1);
    if (next !== 0n && next <= cur) {
      break;
    }
    cur = next;
  }
  return n;
}

/** Prints `backtrace:` and the frames from pc and fp (for the fault report). */
export function backtracePrint(fp: usize, pc: usize): void {
  kprintln("backtrace:");
  backtraceWalk(fp, pc);
}
