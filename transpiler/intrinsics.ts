// The prelude: what each exported function of kernel/int.ts and kernel/intrinsics.ts lowers to.
//
// These two modules are never compiled. Every function they export has a fixed C lowering in
// transpiler/runtime/tsk_rt.h; this table is the one place that maps them. The wrap functions
// (u8 ... usize) are not in the table: they are lowered by emit_int.ts, because their C depends
// on the value they wrap. Any other prelude export (machine, SimMachine, CheckFailure,
// USIZE_LIMIT, ...) is unavailable to kernel code (TSK1003). `unsafe` entries may be called only
// from "use unsafe" modules; `arch` entries only when building that arch.

import type { Arch, PreludeModule } from "./program.ts";
import { intTy, isIntKind, NEVER, type Ty, VOID } from "./types.ts";
import type { IntKind } from "./types.ts";

/** What a call can do, for the evaluation-order check (check_order.ts). */
export type Effect = "pure" | "panic" | "call";

export interface PreludeFn {
  c: string;
  params: IntKind[];
  ret: Ty;
  unsafe: boolean;
  arch?: Arch;
  effect: Effect;
}

function fn(
  c: string,
  params: IntKind[],
  ret: Ty,
  effect: Effect,
  unsafe = false,
  arch?: Arch,
): PreludeFn {
  return { c, params, ret, unsafe, arch, effect };
}

const U8 = intTy("u8");
const U16 = intTy("u16");
const U32 = intTy("u32");
const U64 = intTy("u64");
const USIZE = intTy("usize");

/** The non-wrap functions of kernel/int.ts. */
const INT_FNS: Record<string, PreludeFn> = {
  mulU32: fn("tsk_mul_u32", ["u32", "u32"], U32, "pure"),
  mulI32: fn("tsk_mul_i32", ["i32", "i32"], intTy("i32"), "pure"),
  alignUp: fn("tsk_align_up", ["usize", "usize"], USIZE, "panic"),
  alignDown: fn("tsk_align_down", ["usize", "usize"], USIZE, "panic"),
};

const X86: Arch = "x86_64";
const ARM: Arch = "aarch64";

/** The functions of kernel/intrinsics.ts. */
const INTRINSIC_FNS: Record<string, PreludeFn> = {
  load8: fn("tsk_load8", ["usize"], U8, "call", true),
  load16: fn("tsk_load16", ["usize"], U16, "call", true),
  load32: fn("tsk_load32", ["usize"], U32, "call", true),
  load64: fn("tsk_load64", ["usize"], U64, "call", true),
  store8: fn("tsk_store8", ["usize", "u8"], VOID, "call", true),
  store16: fn("tsk_store16", ["usize", "u16"], VOID, "call", true),
  store32: fn("tsk_store32", ["usize", "u32"], VOID, "call", true),
  store64: fn("tsk_store64", ["usize", "u64"], VOID, "call", true),
  mmioRead8: fn("tsk_mmio_read8", ["usize"], U8, "call", true),
  mmioRead16: fn("tsk_mmio_read16", ["usize"], U16, "call", true),
  mmioRead32: fn("tsk_mmio_read32", ["usize"], U32, "call", true),
  mmioRead64: fn("tsk_mmio_read64", ["usize"], U64, "call", true),
  mmioWrite8: fn("tsk_mmio_write8", ["usize", "u8"], VOID, "call", true),
  mmioWrite16: fn("tsk_mmio_write16", ["usize", "u16"], VOID, "call", true),
  mmioWrite32: fn("tsk_mmio_write32", ["usize", "u32"], VOID, "call", true),
  mmioWrite64: fn("tsk_mmio_write64", ["usize", "u64"], VOID, "call", true),
  outb: fn("tsk_outb", ["u16", "u8"], VOID, "call", true, X86),
  outw: fn("tsk_outw", ["u16", "u16"], VOID, "call", true, X86),
  outl: fn("tsk_outl", ["u16", "u32"], VOID, "call", true, X86),
  inb: fn("tsk_inb", ["u16"], U8, "call", true, X86),
  inw: fn("tsk_inw", ["u16"], U16, "call", true, X86),
  inl: fn("tsk_inl", ["u16"], U32, "call", true, X86),
  psciCall: fn("tsk_psci_call", ["u32", "u64", "u64", "u64"], U64, "call", true, ARM),
  semihostCall: fn("tsk_semihost_call", ["u32", "usize"], USIZE, "call", true, ARM),
  semihostExit: fn("tsk_semihost_exit", ["u32"], VOID, "call", true, ARM),
  halt: fn("tsk_halt", [], VOID, "call"),
  cpuRelax: fn("tsk_cpu_relax", [], VOID, "call"),
  unreachable: fn("tsk_unreachable", [], NEVER, "call"),
};

/** A prelude name that kernel code may use: a wrap (lowered by kind) or a table function. */
export type PreludeName =
  | { tag: "wrap"; kind: IntKind }
  | { tag: "fn"; name: string; fn: PreludeFn };

/** Looks up an export of a prelude module; undefined if kernel code may not use it. */
export function preludeName(module: PreludeModule, name: string): PreludeName | undefined {
  if (module === "int") {
    if (isIntKind(name)) return { tag: "wrap", kind: name };
    return Object.hasOwn(INT_FNS, name) ? { tag: "fn", name, fn: INT_FNS[name] } : undefined;
  }
  return Object.hasOwn(INTRINSIC_FNS, name)
    ? { tag: "fn", name, fn: INTRINSIC_FNS[name] }
    : undefined;
}
