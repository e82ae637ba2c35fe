// Booleans: `!`, `&&`, `||` short-circuit in both languages (the calls print, so their order
// and count are visible), `?:` evaluates one branch, and booleans compare with === and !==.
// @rule R-INT-12
// @rule R-STMT-8
// @rule R-TYPE-4

import { u32 } from "../../../kernel/int.ts";
import { print, println, showBool, showU32 } from "../lib/out.ts";

let calls: u32 = u32(0);

function yes(tag: string): boolean {
  print(tag);
  print(" ");
  calls = u32(calls + 1);
  return true;
}

function no(tag: string): boolean {
  print(tag);
  print(" ");
  calls = u32(calls + 1);
  return false;
}

function pick(c: boolean, tag: string): u32 {
  print(tag);
  print(" ");
  return c ? u32(1) : u32(2);
}

export function main(): void {
  showBool("yes && no", yes("a") && no("b"));
  showBool("no && yes", no("c") && yes("d"));
  showBool("yes || no", yes("e") || no("f"));
  showBool("no || yes", no("g") || yes("h"));
  showBool("no || no || yes && no", no("i") || no("j") || yes("k") && no("l"));
  showBool("!(yes && yes)", !(yes("m") && yes("n")));
  showBool("yes ? no : yes", yes("o") ? no("p") : yes("q"));
  showBool("no ? no : yes", no("r") ? no("s") : yes("t"));
  showU32("calls", calls);
  const t: boolean = calls > 0;
  let f = !t;
  showBool("t === f", t === f);
  showBool("t !== f", t !== f);
  f = t && !f;
  showBool("f", f);
  showU32("pick true", pick(t, "u"));
  showU32("pick false", pick(!t, "v"));
  const ok = calls > 5 && calls < 100;
  showBool("ok", ok);
  println("end");
}
