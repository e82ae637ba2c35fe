// Constant conditions (§4): an if on build options and the arch's name is decided by the
// transpiler, which compiles only the live branch; Deno takes the same branch at run time.
// `@arch/` resolves to arch/x86_64/ in Deno's import map and in the hosted C, which is transpiled
// for x86_64: its aarch64 build prints what Deno does.
// @rule R-CONST-1
// @rule R-CONST-2
// @rule R-MOD-7

import { u32 } from "../../../kernel/int.ts";
import { ARCH_NAME } from "@arch/arch_name.ts";
import { println, showU32 } from "../lib/out.ts";

const TRACE: boolean = false;
const LEVEL: u32 = u32(3);
const TARGET: string = "x86_64";

let calls: u32 = u32(0);

function traced(x: u32): u32 {
  calls = u32(calls + 1);
  if (TRACE) {
    println("tracing");
    return u32(0);
  }
  if (LEVEL > 2 && !TRACE) return u32(x + LEVEL);
  return x;
}

export function main(): void {
  if (ARCH_NAME === "aarch64") {
    println("arch: aarch64");
  } else {
    println("arch: not aarch64");
  }
  if (TARGET === ARCH_NAME && LEVEL === 3) println("target matches");
  showU32("traced(7)", traced(u32(7)));
  showU32("calls", calls);
  if (TRACE || LEVEL < 1) {
    println("dead");
  } else {
    println("live");
  }
}
