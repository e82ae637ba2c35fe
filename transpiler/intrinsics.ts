// The prelude: what each exported function of kernel/int.ts and kernel/intrinsics.ts lowers to.
//
// These two modules are never compiled. Every function they export has a fixed C lowering in
// transpiler/runtime/tsk_rt.h; this table is the one place that maps them. The wrap functions
// (u8 ... usize, and the unsafe address wrap `addr` of kernel/intrinsics.ts) are not in the
// table: they are lowered by emit_wrap.ts, because their C depends on the value they wrap. Any other prelude export (machine, SimMachine, CheckFailure,
// USIZE_LIMIT, ...) is unavailable to kernel code (TSK1003). `unsafe` entries may be called only
// from "use unsafe" modules; `arch` entries only when building that arch, and never in a hosted
// build (a Linux process, TranspileOptions.hosted); `hostedOnly` entries only in a hosted build;
// `metalOnly` entries (interrupt state, context switches, the cycle counter) never in one.
// kernel/layout.ts and kernel/array.ts are prelude modules too: their raw-memory slice
// constructors are in this table, and the names the transpiler lowers by hand (layout, the
// FixedArray and Slice classes, layout views' `at`) are listed in DATA_NAMES and UNSAFE_METHODS.
// kernel/fmt.ts is the prelude of klog templates: its `hex` is lowered by emit_klog.ts, only as a
// template substitution.

import type { Arch, PreludeModule } from "./program.ts";
import { BOOL, intTy, isIntKind, NEVER, type Ty, VOID } from "./types.ts";
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
  hostedOnly?: boolean;
  /** Only on the metal: never in a hosted build (CPU state a Linux process may not touch). */
  metalOnly?: boolean;
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

/** The unsafe wrap of kernel/intrinsics.ts: an address, usize() unchecked in C. */
export const ADDR_WRAP = "addr";

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
  x86ReadCr0: fn("tsk_x86_read_cr0", [], U64, "call", true, X86),
  x86WriteCr0: fn("tsk_x86_write_cr0", ["u64"], VOID, "call", true, X86),
  x86ReadCr2: fn("tsk_x86_read_cr2", [], U64, "call", true, X86),
  x86ReadCr3: fn("tsk_x86_read_cr3", [], U64, "call", true, X86),
  x86WriteCr3: fn("tsk_x86_write_cr3", ["u64"], VOID, "call", true, X86),
  x86ReadCr4: fn("tsk_x86_read_cr4", [], U64, "call", true, X86),
  x86WriteCr4: fn("tsk_x86_write_cr4", ["u64"], VOID, "call", true, X86),
  x86Invlpg: fn("tsk_x86_invlpg", ["usize"], VOID, "call", true, X86),
  x86Rdmsr: fn("tsk_x86_rdmsr", ["u32"], U64, "call", true, X86),
  x86Wrmsr: fn("tsk_x86_wrmsr", ["u32", "u64"], VOID, "call", true, X86),
  armReadSctlr: fn("tsk_arm_read_sctlr", [], U64, "call", true, ARM),
  armWriteSctlr: fn("tsk_arm_write_sctlr", ["u64"], VOID, "call", true, ARM),
  armWriteMair: fn("tsk_arm_write_mair", ["u64"], VOID, "call", true, ARM),
  armWriteTcr: fn("tsk_arm_write_tcr", ["u64"], VOID, "call", true, ARM),
  armReadTtbr0: fn("tsk_arm_read_ttbr0", [], U64, "call", true, ARM),
  armWriteTtbr0: fn("tsk_arm_write_ttbr0", ["u64"], VOID, "call", true, ARM),
  armReadMmfr0: fn("tsk_arm_read_mmfr0", [], U64, "call", true, ARM),
  armReadEsr: fn("tsk_arm_read_esr", [], U64, "call", true, ARM),
  armReadFar: fn("tsk_arm_read_far", [], U64, "call", true, ARM),
  armTlbiVa: fn("tsk_arm_tlbi_va", ["usize"], VOID, "call", true, ARM),
  armTlbiAll: fn("tsk_arm_tlbi_all", [], VOID, "call", true, ARM),
  x86Cpuid: fn("tsk_x86_cpuid", ["u32", "u32", "u32"], U32, "call", true, X86),
  armReadMpidr: fn("tsk_arm_read_mpidr", [], U64, "call", true, ARM),
  armReadTpidr: fn("tsk_arm_read_tpidr", [], U64, "call", true, ARM),
  armWriteTpidr: fn("tsk_arm_write_tpidr", ["u64"], VOID, "call", true, ARM),
  armReadCntfrq: fn("tsk_arm_read_cntfrq", [], U64, "call", true, ARM),
  armWriteCntvCval: fn("tsk_arm_write_cntv_cval", ["u64"], VOID, "call", true, ARM),
  armReadCntvCtl: fn("tsk_arm_read_cntv_ctl", [], U64, "call", true, ARM),
  armWriteCntvCtl: fn("tsk_arm_write_cntv_ctl", ["u64"], VOID, "call", true, ARM),
  armIccReadIar1: fn("tsk_arm_read_icc_iar1", [], U64, "call", true, ARM),
  armIccWriteEoir1: fn("tsk_arm_write_icc_eoir1", ["u64"], VOID, "call", true, ARM),
  armIccWritePmr: fn("tsk_arm_write_icc_pmr", ["u64"], VOID, "call", true, ARM),
  armIccWriteBpr1: fn("tsk_arm_write_icc_bpr1", ["u64"], VOID, "call", true, ARM),
  armIccWriteIgrpen1: fn("tsk_arm_write_icc_igrpen1", ["u64"], VOID, "call", true, ARM),
  armIccReadSre: fn("tsk_arm_read_icc_sre", [], U64, "call", true, ARM),
  armIccWriteSre: fn("tsk_arm_write_icc_sre", ["u64"], VOID, "call", true, ARM),
  armIccWriteSgi1r: fn("tsk_arm_write_icc_sgi1r", ["u64"], VOID, "call", true, ARM),
  armSev: fn("tsk_arm_sev", [], VOID, "call", true, ARM),
  armWfe: fn("tsk_arm_wfe", [], VOID, "call", true, ARM),
  irqSave: { ...fn("tsk_irq_save", [], U64, "call", true), metalOnly: true },
  irqRestore: { ...fn("tsk_irq_restore", ["u64"], VOID, "call", true), metalOnly: true },
  irqEnable: { ...fn("tsk_irq_enable", [], VOID, "call", true), metalOnly: true },
  irqDisable: { ...fn("tsk_irq_disable", [], VOID, "call", true), metalOnly: true },
  irqEnableAndWait: { ...fn("tsk_irq_enable_and_wait", [], VOID, "call", true), metalOnly: true },
  cycleCounter: { ...fn("tsk_cycle_counter", [], U64, "call", true), metalOnly: true },
  fpuSave: { ...fn("tsk_fpu_save", ["usize"], VOID, "call", true), metalOnly: true },
  fpuRestore: { ...fn("tsk_fpu_restore", ["usize"], VOID, "call", true), metalOnly: true },
  contextSwitch: {
    ...fn("tsk_context_switch", ["usize", "usize"], VOID, "call", true),
    metalOnly: true,
  },
  contextInit: { ...fn("tsk_context_init", ["usize"], USIZE, "call", true), metalOnly: true },
  memCopy: fn("tsk_mem_copy", ["usize", "usize", "usize"], VOID, "call", true),
  memSet: fn("tsk_mem_set", ["usize", "u8", "usize"], VOID, "call", true),
  memCompare: fn("tsk_mem_compare", ["usize", "usize", "usize"], intTy("i32"), "call", true),
  atomicLoad32: fn("tsk_atomic_load32", ["usize"], U32, "call", true),
  atomicLoad64: fn("tsk_atomic_load64", ["usize"], U64, "call", true),
  atomicStore32: fn("tsk_atomic_store32", ["usize", "u32"], VOID, "call", true),
  atomicStore64: fn("tsk_atomic_store64", ["usize", "u64"], VOID, "call", true),
  atomicAdd32: fn("tsk_atomic_add32", ["usize", "u32"], U32, "call", true),
  atomicAdd64: fn("tsk_atomic_add64", ["usize", "u64"], U64, "call", true),
  atomicSwap32: fn("tsk_atomic_swap32", ["usize", "u32"], U32, "call", true),
  atomicSwap64: fn("tsk_atomic_swap64", ["usize", "u64"], U64, "call", true),
  atomicCas32: fn("tsk_atomic_cas32", ["usize", "u32", "u32"], BOOL, "call", true),
  atomicCas64: fn("tsk_atomic_cas64", ["usize", "u64", "u64"], BOOL, "call", true),
  fenceFull: fn("tsk_fence_full", [], VOID, "call"),
  fenceAcquire: fn("tsk_fence_acquire", [], VOID, "call"),
  fenceRelease: fn("tsk_fence_release", [], VOID, "call"),
  halt: fn("tsk_halt", [], VOID, "call"),
  cpuRelax: fn("tsk_cpu_relax", [], VOID, "call"),
  unreachable: fn("tsk_unreachable", [], NEVER, "call"),
  debugPutByte: { ...fn("tsk_debug_put_byte", ["u8"], VOID, "call"), hostedOnly: true },
};

/** The raw-memory slice constructors of kernel/array.ts (unsafe; emit_array.ts). */
const ARRAY_FNS: Record<string, PreludeFn> = {
  bytesAt: fn("tsk_bytes_at", ["usize", "usize"], { tag: "slice", elem: U8 }, "panic", true),
  u16sAt: fn("tsk_u16s_at", ["usize", "usize"], { tag: "slice", elem: U16 }, "panic", true),
  u32sAt: fn("tsk_u32s_at", ["usize", "usize"], { tag: "slice", elem: U32 }, "panic", true),
  u64sAt: fn("tsk_u64s_at", ["usize", "usize"], { tag: "slice", elem: U64 }, "panic", true),
};

/** Names of kernel/layout.ts and kernel/array.ts that the transpiler lowers by hand
 *  (layout_model.ts, emit_layout.ts, emit_array.ts) rather than by this table. */
const DATA_NAMES: Record<"layout" | "array", Set<string>> = {
  layout: new Set(["layout", "LayoutOf"]),
  array: new Set(["FixedArray", "Slice", "StructArray"]),
};

/** Methods of prelude values that are unsafe like the intrinsics: a layout's `at` (a view of
 *  raw memory). */
export const UNSAFE_METHODS: Record<string, Set<string>> = { layout: new Set(["at"]) };

/** A prelude name that kernel code may use: a wrap (lowered by kind), a table function, or a
 *  name of layout.ts/array.ts that the transpiler lowers by hand. */
export type PreludeName =
  | { tag: "wrap"; kind: IntKind; unchecked?: boolean }
  | { tag: "fn"; name: string; fn: PreludeFn }
  | { tag: "data"; name: string }
  | { tag: "fmt"; name: string };

/** Looks up an export of a prelude module; undefined if kernel code may not use it. */
export function preludeName(module: PreludeModule, name: string): PreludeName | undefined {
  if (module === "int") {
    if (isIntKind(name)) return { tag: "wrap", kind: name };
    return Object.hasOwn(INT_FNS, name) ? { tag: "fn", name, fn: INT_FNS[name] } : undefined;
  }
  if (module === "fmt") return name === "hex" ? { tag: "fmt", name } : undefined;
  if (module === "layout" || module === "array") {
    if (DATA_NAMES[module].has(name)) return { tag: "data", name };
    if (module === "array" && Object.hasOwn(ARRAY_FNS, name)) {
      return { tag: "fn", name, fn: ARRAY_FNS[name] };
    }
    return undefined;
  }
  // addr(): usize() without the C range check, for address arithmetic in unsafe modules
  // (docs/SUBSET.md R-UNSAFE-4); lowered by emit_wrap.ts like the other wraps.
  if (name === ADDR_WRAP) return { tag: "wrap", kind: "usize", unchecked: true };
  return Object.hasOwn(INTRINSIC_FNS, name)
    ? { tag: "fn", name, fn: INTRINSIC_FNS[name] }
    : undefined;
}
