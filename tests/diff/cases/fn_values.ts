// Function values (§4): type aliases, values in locals, module lets and consts and fields,
// passed and returned, called directly and through a field from a method.
// @rule R-FN-1
// @rule R-FN-2
// @rule R-FN-3
// @rule R-TYPE-11

import { u32, u64, usize } from "../../../kernel/int.ts";
import { println, showU32, showU64 } from "../lib/out.ts";

type UnaryFn = (x: u32) => u32;
type Apply = (f: UnaryFn, x: u32) => u32;
type Fold = (acc: u64, x: u32) => u64;

class Machine {
  op: UnaryFn = double;
  fold: Fold = sumFold;
  total: u64 = u64(0n);

  run(x: u32): u32 {
    return this.op(x);
  }

  feed(x: u32): void {
    this.total = this.fold(this.total, x);
  }
}

export const machine1 = new Machine();
let current: UnaryFn = double;
const APPLY: Apply = applyTwice;

function double(x: u32): u32 {
  return u32(x + x);
}

function inc(x: u32): u32 {
  return u32(x + 1);
}

function square(x: u32): u32 {
  return u32(u64(x) * u64(x));
}

function sumFold(acc: u64, x: u32): u64 {
  return u64(acc + u64(x));
}

function hashFold(acc: u64, x: u32): u64 {
  return u64(u64(acc ^ u64(x)) * 0x100000001b3n);
}

function applyTwice(f: UnaryFn, x: u32): u32 {
  const once = f(x);
  return f(once);
}

function pick(n: usize): UnaryFn {
  if (n === 0) return double;
  if (n === 1) return inc;
  return square;
}

export function main(): void {
  showU32("current(21)", current(u32(21)));
  current = inc;
  showU32("current(21) after", current(u32(21)));
  showU32("APPLY(double, 5)", APPLY(double, u32(5)));
  showU32("APPLY(square, 0xffff)", APPLY(square, u32(0xffff)));
  for (let i = usize(0); i < 3; i = usize(i + 1)) {
    const f = pick(i);
    showU32("pick(i)(0x80000001)", f(u32(0x80000001)));
  }
  showU32("run", machine1.run(u32(7)));
  machine1.op = pick(usize(2));
  showU32("run after", machine1.run(u32(7)));
  for (let x = u32(0); x < 10; x = u32(x + 3)) machine1.feed(x);
  showU64("total sum", machine1.total);
  machine1.fold = hashFold;
  machine1.feed(u32(0xdeadbeef));
  showU64("total hash", machine1.total);
  println("end");
}
