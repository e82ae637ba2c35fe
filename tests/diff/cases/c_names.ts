// Names that are C's: keywords, libc and <stdint.h> macros and types, runtime names, `self`
// and `main`, as locals, parameters, fields and methods (docs/SUBSET.md R-MOD-8; names.ts
// renames them). SIG_ATOMIC_MAX once reached the C as itself, a <stdint.h> macro; EOF and
// BUFSIZ broke hosted builds while the runtime included <stdio.h>.
// @rule R-MOD-8

import { u32, u8 } from "../../../kernel/int.ts";
import { println, showU32 } from "../lib/out.ts";

class Names {
  int: u32 = u32(1);
  char: u8 = u8(2);
  EOF: u32 = u32(3);
  self: u32 = u32(4);
  size_t: u32 = u32(5);

  unsigned(main: u32, errno: u32): u32 {
    const NULL = u32(this.int + this.self);
    return u32(main + errno + NULL + this.size_t);
  }
}

export const names = new Names();

function register(auto: u32, volatile: u32, extern: u32): u32 {
  const inline = u32(auto + volatile);
  const restrict = u32(inline + extern);
  return restrict;
}

export function main(): void {
  const long = u32(10);
  const short = u32(20);
  const double = u32(30);
  const float = u32(40);
  const signed = u32(50);
  const goto = u32(60);
  const sizeof = u32(70);
  const typedef = u32(80);
  const struct = u32(90);
  const union = u32(100);
  const EOF = u32(1);
  const BUFSIZ = u32(2);
  const EXIT_FAILURE = u32(3);
  const SIG_ATOMIC_MAX = u32(4);
  const SIG_ATOMIC_MIN = u32(5);
  const INT32_MAX = u32(6);
  const UINT8_C = u32(7);
  const SIZE_MAX = u32(8);
  const uint8_t = u32(9);
  const tsk_str = u32(11);
  const TSK_PANIC = u32(12);
  const _Bool = u32(13);
  const asm = u32(14);
  const offsetof = u32(15);
  const noreturn = u32(16);
  const putchar = u32(17);
  const exit = u32(18);
  const stdout = u32(19);
  showU32("keywords", u32(long + short + double + float + signed + goto + sizeof + typedef));
  showU32("more keywords", u32(struct + union + _Bool + asm + offsetof + noreturn));
  showU32("macros", u32(EOF + BUFSIZ + EXIT_FAILURE + SIG_ATOMIC_MAX + SIG_ATOMIC_MIN));
  showU32("stdint", u32(INT32_MAX + UINT8_C + SIZE_MAX + uint8_t));
  showU32("runtime", u32(tsk_str + TSK_PANIC));
  showU32("libc", u32(putchar + exit + stdout));
  showU32("register", register(u32(1), u32(2), u32(3)));
  showU32("unsigned", names.unsigned(u32(100), u32(200)));
  names.EOF = u32(names.EOF + u32(names.char));
  showU32("names.EOF", names.EOF);
  println("end");
}
