// Strings (§6): literals with every allowed escape, .length, charCodeAt with indexes of several
// kinds, and a checksum of the bytes.
// @rule R-STR-1
// @rule R-TYPE-5

import { u16, u32, u8, usize } from "../../../kernel/int.ts";
import { print, println, showU32, showU8, showUsize } from "../lib/out.ts";

const GREETING: string = 'Hello, "Tsuki"\t\\ end';
const WITH_NUL: string = "a\0b";
const EMPTY: string = "";
let current: string = GREETING;

class Label {
  text: string = "label";
}

export const label = new Label();

function pick(long: boolean): string {
  return long ? GREETING : "short";
}

function checksum(s: string): u32 {
  let h: u32 = u32(2166136261);
  for (let i: usize = usize(0); i < usize(s.length); i = usize(i + 1)) {
    h = fnvStep(u32(h ^ u32(u8(s.charCodeAt(i)))));
  }
  return h;
}

/** h * 16777619 (the FNV prime) without mulU32: h * (2^24 + 2^8 + 0x93). */
function fnvStep(h: u32): u32 {
  return u32(u32(h << 24) + u32(h << 8) + u32(h << 7) + u32(h << 4) + u32(h << 1) + h + h);
}

export function main(): void {
  println(GREETING);
  showUsize("GREETING.length", usize(GREETING.length));
  showUsize("WITH_NUL.length", usize(WITH_NUL.length));
  showU8("WITH_NUL[1]", u8(WITH_NUL.charCodeAt(1)));
  showUsize("EMPTY.length", usize(EMPTY.length));
  showU8("GREETING[0]", u8(GREETING.charCodeAt(0)));
  showU8("GREETING[7]", u8(GREETING.charCodeAt(usize(7))));
  showU8("GREETING[u16 8]", u8(GREETING.charCodeAt(u16(8))));
  showU32("checksum", checksum(GREETING));
  showU32("checksum empty", checksum(EMPTY));
  showU32("length * 2", u32("abc".length + "abc".length));
  print("tab:\there\n");
  showUsize("current.length", usize(current.length));
  current = pick(false);
  println(current);
  label.text = current;
  current = pick(true);
  showU8("current[1]", u8(current.charCodeAt(1)));
  println(label.text);
  showUsize("label.text.length", usize(label.text.length));
  println("end");
}
