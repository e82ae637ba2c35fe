// Golden helper: an enum declared in another module, with hex, negative-free values and aliases.

export enum Status {
  IDLE = 0,
  BUSY = 0x10,
  DONE = BUSY | 1,
  FAILED = 0xffffffff,
}

/** A build option, folded by the transpiler. */
export const TRACE: boolean = false;
/** A name compared at compile time. */
export const TARGET: string = "x86_64";
