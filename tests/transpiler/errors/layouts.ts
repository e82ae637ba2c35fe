// deno-lint-ignore-file
// deno-fmt-ignore-file
// Fixed layouts outside the rules (docs/SUBSET.md §5.2); this module is not "use unsafe".

import { u32, u8, usize } from "../../../kernel/int.ts";
import { layout, type LayoutOf } from "../../../kernel/layout.ts";
import { TWIN_MARK } from "./lib/layout_twin.ts";

export const Good = layout("Good", { a: "u32", b: "u8[4]", n: "u16be" });
export type Good = LayoutOf<typeof Good>;
export const Inner = layout("Inner", { x: "u32" });
export const Outer = layout("Outer", { inner: Inner, y: "u32" });
export type Outer = LayoutOf<typeof Outer>;

// @rule R-LAYOUT-1
export const Renamed = layout("Other", { a: "u8" }); // @expect-error TSK2301
// @rule R-LAYOUT-1
export let Mutable = layout("Mutable", { a: "u8" }); // @expect-error TSK2301
// @rule R-LAYOUT-1
export const NoFields = layout("NoFields", {}); // @expect-error TSK2301
// @rule R-LAYOUT-1
// @ts-expect-error
export const BadOpt = layout("BadOpt", { a: "u8" }, { align: 8 }); // @expect-error TSK2301
// @rule R-LAYOUT-1
export const Both = layout("Both", { a: "u8" }, { packed: true, mmio: true }); // @expect-error TSK2301
// @rule R-LAYOUT-1
export const Quoted = layout("Quoted", { "a": "u8" }); // @expect-error TSK2301
// @rule R-LAYOUT-1
export const Dunder = layout("Dunder", { __layout: "u8" }); // @expect-error TSK2301
// @rule R-LAYOUT-1
export const Twin = layout("Twin", { a: "u8" }); // @expect-error TSK2301

// @rule R-LAYOUT-2
// @ts-expect-error
export const Wide = layout("Wide", { a: "u128" }); // @expect-error TSK2302
// @rule R-LAYOUT-2
// @ts-expect-error
export const Usize = layout("Usize", { a: "usize" }); // @expect-error TSK2302
// @rule R-LAYOUT-2
export const Zero = layout("Zero", { a: "u8[0]" }); // @expect-error TSK2302
// @rule R-LAYOUT-2
// @ts-expect-error
export const NotLayout = layout("NotLayout", { a: u32(1) }); // @expect-error TSK2302
// @rule R-LAYOUT-3
export const PackedArr = layout("PackedArr", { a: "u32[2]" }, { packed: true }); // @expect-error TSK2302
// @rule R-LAYOUT-3
export const PackedNest = layout("PackedNest", { i: Inner }, { packed: true }); // @expect-error TSK2302
// @rule R-LAYOUT-7
export const MmioArr = layout("MmioArr", { a: "u8[4]" }, { mmio: true }); // @expect-error TSK2302

// @rule R-LAYOUT-9
export const VIEW: Good = Good.at(usize(0x1000)); // @expect-error TSK3001
// @rule R-LAYOUT-9
export const ODD = Good.at(usize(0x1001)); // @expect-error TSK3001 TSK2303
// @rule R-LAYOUT-9
export let MOVING = Good.at(usize(0x1000)); // @expect-error TSK3001 TSK2303
// @rule R-LAYOUT-9
export const HELD: Good = VIEW; // @expect-error TSK2303

export function misuse(g: Good, o: Outer): u32 {
  // @rule R-LAYOUT-5
  const v = Good.at(usize(0x1000)); // @expect-error TSK3001
  // @rule R-LAYOUT-9
  const L = Good; // @expect-error TSK2303
  // @rule R-LAYOUT-9
  const n = Good.name; // @expect-error TSK2303
  // @rule R-LAYOUT-8
  // @ts-expect-error
  const off = Good.offsetOf(pick()); // @expect-error TSK2303
  // @rule R-LAYOUT-6
  // @ts-expect-error
  g.b = g.b; // @expect-error TSK2303
  // @rule R-LAYOUT-6
  // @ts-expect-error
  o.inner = o.inner; // @expect-error TSK2303
  // @rule R-LAYOUT-9
  // @ts-expect-error
  g.zz = u32(1); // @expect-error TSK2303
  // @rule R-LAYOUT-1
  const d = layout("D", { a: "u8" }); // @expect-error TSK2301
  return u32(g.a + o.inner.x + u32(g.n) + TWIN_MARK);
}

function pick(): string {
  return "a";
}
