"use unsafe";
// One console line at a time across CPUs: the lock word behind klog.ts's writers.
//
// With several CPUs printing, bytes of their lines would interleave. klog.ts takes this lock at
// the first byte of a line and releases it at the line's newline, so every line comes out whole.
// The lock word is a u32 in raw memory (the subset's atomics act on raw addresses only) holding
// the owning CPU's index + 1, or 0 when free; the kernel gives it a word after the scheduler is
// up (consoleLockInit), and until then — one CPU, or under Deno — locking is off. The owner
// may write more lines' bytes before releasing (an interrupt handler on the same CPU printing in
// the middle of a line interleaves with it, as on one CPU today); another CPU spins. A panic
// turns locking off (consoleLockOff) before printing, so a CPU that dies while another holds a
// line still gets its message out, never waits forever.

import { u32, usize } from "./int.ts";
import { atomicCas32, atomicLoad32, atomicStore32, cpuRelax } from "./intrinsics.ts";

class ConsoleLock {
  /** Raw address of the lock word; 0 = locking off. */
  word: usize = usize(0);
}

const lock: ConsoleLock = new ConsoleLock();

/** Turns locking on with the zeroed, 4-aligned raw word at a. */
export function consoleLockInit(a: usize): void {
  atomicStore32(a, u32(0));
  lock.word = a;
}

/** Turns locking off (panic: print whatever the other CPUs hold). */
export function consoleLockOff(): void {
  lock.word = usize(0);
}

/** Takes the line for CPU cpu (no-op if it holds it already or locking is off). */
export function consoleLineTake(cpu: u32): void {
  const w = lock.word;
  if (w === 0) {
    return;
  }
  const me = u32(cpu + 1);
  if (atomicLoad32(w) === me) {
    return;
  }
  while (!atomicCas32(w, u32(0), me)) {
    cpuRelax();
  }
}

/** Gives the line back at its end. */
export function consoleLineGive(): void {
  const w = lock.word;
  if (w !== 0) {
    atomicStore32(w, u32(0));
  }
}
