// Golden: function type aliases, function values in locals, globals and fields, indirect calls,
// a function type taking another, and a method calling through a field.

import { u32, usize } from "../../../kernel/int.ts";

export type UnaryFn = (x: u32) => u32;
export type Apply = (f: UnaryFn, x: u32) => u32;
export type Sink = (d: Device, n: usize) => void;

export class Device {
  op: UnaryFn = double;
  sink: Sink = ignore;
  total: u32 = u32(0);

  run(x: u32): u32 {
    return this.op(x);
  }
}

export const dev = new Device();
export let current: UnaryFn = double;
export const APPLY: Apply = applyTwice;

export function double(x: u32): u32 {
  return u32(x + x);
}

export function inc(x: u32): u32 {
  return u32(x + 1);
}

export function ignore(d: Device, n: usize): void {
  d.total = u32(d.total + u32(n));
}

export function applyTwice(f: UnaryFn, x: u32): u32 {
  const once = f(x);
  return f(once);
}

export function pick(up: boolean): UnaryFn {
  return up ? inc : double;
}

export function entry(x: u32): u32 {
  const f = pick(true);
  let g: UnaryFn = f;
  g = current;
  current = inc;
  dev.op = g;
  dev.sink(dev, usize(3));
  const r = APPLY(f, x);
  return u32(r + dev.run(x));
}
