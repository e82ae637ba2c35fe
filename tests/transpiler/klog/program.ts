// klog templates, hosted: klog_test.ts runs main() under Deno and, transpiled with kernel/klog.ts
// and compiled for Linux, as a process, and compares the bytes written to the console. The last
// line panics in a substitution, before any byte of that line is written, in both worlds.
// @rule R-KLOG-1
// @rule R-KLOG-2
// @rule R-KLOG-3

import { i16, i32, i64, i8, u16, u32, u64, u8, usize } from "../../../kernel/int.ts";
import { hex } from "../../../kernel/fmt.ts";
import { klog, kprint } from "../../../kernel/klog.ts";

enum Color {
  RED = 1,
  WHITE = 0xffffffff,
}

enum Level {
  LOW = -3,
  HIGH = 3,
}

let ticks: u32 = u32(0);
const LABEL: string = "const";
const ON: boolean = true;

function tick(): u32 {
  ticks = u32(ticks + 1);
  klog(`tick ${ticks}`);
  return ticks;
}

function answer(ok: boolean): string {
  return ok ? "yes" : "no";
}

export function main(): void {
  klog(`plain`);
  klog(`u8 ${u8(0)} ${u8(255)} u16 ${u16(65535)} u32 ${u32(0)} ${u32(4294967295)}`);
  klog(`i8 ${i8(-128)} ${i8(127)} i16 ${i16(-32768)} i32 ${i32(-2147483648)} ${i32(-1)}`);
  klog(`u64 ${u64(0n)} ${u64(18446744073709551615n)} ${u64(10000000000000000000n)}`);
  klog(`i64 ${i64(-9223372036854775808n)} ${i64(9223372036854775807n)} ${i64(-10n)}`);
  klog(`usize ${usize(0)} ${usize(9007199254740991)} ${usize(4096)}`);
  klog(`hex ${hex(u8(0))} ${hex(u8(0xab))} ${hex(u16(0x1000))} ${hex(u32(0xdeadbeef))}`);
  klog(`hex64 ${hex(u64(0xffffffffffffffffn))} ${hex(u64(0x10n))} ${hex(usize(4096))}`);
  const t = ticks === 0;
  klog(`bool ${t} ${!t} ${ON}`);
  klog(`str ${"lit"} ${answer(true)} ${answer(false)} ${LABEL}`);
  klog(`enum ${Color.RED} ${Color.WHITE} ${Level.LOW} ${Level.HIGH}`);
  klog(`${u32(1)}${u32(2)}`);
  klog(`escapes \t tab \\ back \` tick \$ {dollar} "q" 'a'`);
  klog(`two\nlines`);
  klog(`order ${tick()} then ${tick()} and ${ticks}`);
  kprint(`partial ${u8(7)}`);
  kprint(` more`);
  klog(``);
  kprint(`no newline`);
  klog(` end`);
  klog(`panics ${usize(u32(3) - u32(5))} never printed`);
}
