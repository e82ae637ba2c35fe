// Evaluation order where the subset allows side effects: calls bound to locals in statement
// order, calls in `&&`/`||`/`?:` operands (sequenced in both languages), a call's arguments
// that only read state, and assignments in a for step (§4, "Evaluation order").
// @rule R-STMT-8
// @rule R-STMT-5

import { u32 } from "../../../kernel/int.ts";
import { println, showU32 } from "../lib/out.ts";

let state: u32 = u32(1);

function next(): u32 {
  state = u32(u32(state << 1) + 1);
  return state;
}

function pair(a: u32, b: u32): u32 {
  return u32((a << 16) | b);
}

export function main(): void {
  const first = next();
  const second = next();
  showU32("pair(first, second)", pair(first, second));
  showU32("pair(state, state)", pair(state, state));
  const viaCond = state > 5 ? next() : u32(0);
  showU32("viaCond", viaCond);
  const both = next() > 10 && next() > 20;
  showU32("state after &&", state);
  let steps: u32 = u32(0);
  for (let i: u32 = next(); i < 1000; i = next()) steps = u32(steps + 1);
  showU32("steps", steps);
  showU32("state", state);
  println(both ? "both" : "not both");
}
