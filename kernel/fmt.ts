// Formatting helpers for klog templates: part of the prelude, never compiled.
//
// A template literal passed to klog() or kprint() (kernel/klog.ts) may substitute integers,
// booleans and strings directly, and an unsigned integer through hex(x). Under Deno, hex builds
// the string the JS template then embeds: `0x` and the lowercase hex digits, without leading
// zeros (`0x0` for zero). The transpiler never calls this function: it lowers the substitution
// to klog's own hex printer (transpiler/emit_klog.ts), which writes the same bytes, and rejects
// hex() anywhere but in a klog template (TSK2202). docs/SUBSET.md §6 has the rules.

import type { u16, u32, u64, u8, usize } from "./int.ts";

/** `0x` and the lowercase hex digits of an unsigned integer, without leading zeros. */
export function hex(x: u8 | u16 | u32 | u64 | usize): string {
  return "0x" + x.toString(16);
}
