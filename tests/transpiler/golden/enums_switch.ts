// Golden: enums (u32 and i32 representations), switch on enums and integers, fall-through
// stacking, enum fields and globals, conversions with wraps, and if on constant conditions.

import { i32, u32, u64, u8 } from "../../../kernel/int.ts";
import { unreachable } from "../../../kernel/intrinsics.ts";
import { Status, TARGET, TRACE } from "./lib/status.ts";

export enum Delta {
  DOWN = -1,
  SAME = 0,
  UP = 1,
}

export class Job {
  status: Status = Status.IDLE;
  delta: Delta = Delta.UP;
}

export const job = new Job();
export let last: Status = Status.DONE;
export const FIRST: Delta = Delta.DOWN;

export function code(s: Status): u32 {
  switch (s) {
    case Status.IDLE:
      return u32(0);
    case Status.BUSY:
    case Status.DONE: {
      const c = u32(s);
      return u32(c + 1);
    }
    default:
      return u32(99);
  }
}

export function deltaCode(d: Delta): u32 {
  switch (d) {
    case Delta.DOWN:
      return u32(1);
    case Delta.SAME:
      return u32(2);
    case Delta.UP:
      return u32(3);
  }
}

export function classify(x: u8): u32 {
  let r = u32(0);
  switch (x) {
    case 0:
    case 0x20:
      r = u32(1);
      break;
    case 255:
      if (r === 0) {
        return u32(7);
      } else {
        return u32(8);
      }
    default:
      unreachable();
  }
  return r;
}

export function wide(x: u64): i32 {
  switch (x) {
    case 1n:
      return i32(-1);
    case 0xffffffffffffffffn:
      return i32(2);
  }
  return i32(Delta.SAME);
}

export function step(j: Job): void {
  if (j.status === Status.BUSY && j.delta !== Delta.DOWN) {
    j.status = Status.DONE;
  }
  last = j.status;
  if (TRACE) {
    j.delta = Delta.SAME;
  }
  if (TARGET === "aarch64") {
    j.delta = Delta.DOWN;
  } else if (!TRACE && TARGET === "x86_64") {
    j.delta = Delta.UP;
  }
}
