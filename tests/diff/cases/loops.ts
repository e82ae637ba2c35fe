// Loops: while, do-while and for, with break and continue, nested, counting down through zero
// with wrapping counters, and a for whose init is an assignment (§4).
// @rule R-STMT-3
// @rule R-STMT-4

import { i32, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { println, showI32, showU32, showU64, showU8 } from "../lib/out.ts";

function collatzSteps(start: u64): u32 {
  let n = start;
  let steps: u32 = u32(0);
  while (n !== 1n) {
    if (u64(n & 1n) === 0n) n = u64(n >> 1n);
    else n = u64(n * 3n + 1n);
    steps = u32(steps + 1);
  }
  return steps;
}

function sumSkipping(limit: u32): u32 {
  let sum: u32 = u32(0);
  for (let i: u32 = u32(0); i < limit; i = u32(i + 1)) {
    if (u32(i % 3) === 0) continue;
    if (i > 40) break;
    sum = u32(sum + i);
  }
  return sum;
}

function nested(): u32 {
  let count: u32 = u32(0);
  for (let i: u32 = u32(0); i < 10; i = u32(i + 1)) {
    let j: u32 = u32(0);
    while (true) {
      j = u32(j + 1);
      if (j > i) break;
      if (u32(j & 1) === 1) continue;
      count = u32(count + j);
    }
  }
  return count;
}

export function main(): void {
  showU32("collatz(27)", collatzSteps(u64(27n)));
  showU32("collatz(837799)", collatzSteps(u64(837799n)));
  showU32("sumSkipping(100)", sumSkipping(u32(100)));
  showU32("nested", nested());
  let d: u8 = u8(3);
  let wraps: u32 = u32(0);
  do {
    d = u8(d - 1);
    wraps = u32(wraps + 1);
  } while (d !== 250);
  showU8("d", d);
  showU32("do-while rounds", wraps);
  let k: i32 = i32(0);
  let acc: i32 = i32(0);
  for (k = i32(5); k > -5; k = i32(k - 2)) acc = i32(acc + acc + k);
  showI32("k", k);
  showI32("acc", acc);
  let total: u64 = u64(0n);
  for (let i: usize = usize(0); i < 1000; i = usize(i + 7)) total = u64(total + u64(i));
  showU64("total", total);
  let spins: u32 = u32(0);
  for (;;) {
    spins = u32(spins + 1);
    if (spins === 17) break;
  }
  showU32("spins", spins);
  println("end");
}
