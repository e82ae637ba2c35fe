// Fixed layouts (docs/SUBSET.md §5.2): reading `layout(...)` declarations and laying them out.
//
// A layout is declared only as `export const X = layout("X", { f: "u32", ... }, options?)` at
// module level: the name argument is a string literal equal to the const's name (it becomes the
// `__layout` brand of the view type, so it must be unique in the build), the fields an object
// literal of plain names whose values are kind strings ("u8" ... "i64", "u16be" "u32be" "u64be",
// "u8[16]"-style arrays) or other layouts, the options an object literal of boolean literals
// `packed` and `mmio`. Anything else is TSK2301; an unknown kind, or a kind that the options do
// not allow, TSK2302. Layouts are registered in a pass before classes and functions, so any
// signature can name a view type, and resolved in a second pass (nested layouts may live in other
// modules; a cycle is TSK2301).
//
// computeLayout is the layout algorithm, duplicated from kernel/layout.ts (the transpiler never
// imports kernel code; tests/transpiler/layout_test.ts checks the two agree): declaration order,
// each field at the next multiple of its alignment, size rounded up to the largest alignment;
// packed makes every alignment 1. The C side asserts the result (emit_layout.ts).

import type { ModuleVar } from "./check_module.ts";
import { type Ctx, declOf, type LayoutField, type LayoutInfo, preludeOf } from "./context.ts";
import { globalName, localName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind } from "./types.ts";

/** Size and alignment of one field. */
export interface FieldShape {
  size: number;
  align: number;
}

/** Field offsets, size and alignment: the algorithm of kernel/layout.ts. */
export function computeLayout(
  fields: FieldShape[],
  packed: boolean,
): { offsets: number[]; size: number; align: number } {
  const offsets: number[] = [];
  let off = 0;
  let align = 1;
  for (const f of fields) {
    const a = packed ? 1 : f.align;
    off = Math.ceil(off / a) * a;
    offsets.push(off);
    off += f.size;
    align = Math.max(align, a);
  }
  return { offsets, size: Math.ceil(off / align) * align, align };
}

const MEMORY_KINDS = new Set(["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64"]);
const BIG_ENDIAN: Record<string, IntKind> = { u16be: "u16", u32be: "u32", u64be: "u64" };
const ARRAY_KIND = /^(u8|u16|u32|u64|i8|i16|i32|i64)\[([1-9][0-9]{0,8})\]$/;

/** The byte width of an integer kind stored in memory. */
export function kindBytes(k: IntKind): number {
  return INT_KINDS[k].bits / 8;
}

/** Whether init is a call of kernel/layout.ts's `layout`. */
export function isLayoutCall(ctx: Ctx, init: ts.Expression | undefined): init is ts.CallExpression {
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) return false;
  const decl = declOf(ctx, init.expression);
  const pre = decl && preludeOf(ctx, decl);
  return pre?.module === "layout" && pre.name === "layout";
}

interface Pending {
  lay: LayoutInfo;
  fields: ts.ObjectLiteralExpression;
}

/** Registers and resolves every layout declaration of the build (before classes and functions). */
export function registerLayouts(ctx: Ctx, vars: [ModuleInfo, ModuleVar[]][]): void {
  const pending = new Map<LayoutInfo, ts.ObjectLiteralExpression>();
  const byName = new Map<string, LayoutInfo>();
  for (const [m, list] of vars) {
    for (const v of list) {
      if (!isLayoutCall(ctx, v.decl.initializer)) continue;
      const p = declare(ctx, m, v.decl, v.isConst, v.decl.initializer);
      if (!p) continue;
      const prev = byName.get(p.lay.name);
      if (prev) {
        const where = ctx.rep.pathOf(prev.decl.getSourceFile().fileName);
        ctx.rep.at(
          v.decl.name,
          "TSK2301",
          `layout name ${p.lay.name} is also declared in ${where}`,
        );
        continue;
      }
      byName.set(p.lay.name, p.lay);
      ctx.layouts.set(v.decl, p.lay);
      pending.set(p.lay, p.fields);
    }
  }
  const state = new Map<LayoutInfo, "busy" | "done">();
  const resolveOne = (lay: LayoutInfo): void => {
    if (state.get(lay) === "done") return;
    if (state.get(lay) === "busy") {
      ctx.rep.at(lay.decl.name, "TSK2301", `layout ${lay.name} contains itself`);
      return;
    }
    state.set(lay, "busy");
    resolveFields(ctx, lay, pending.get(lay)!, resolveOne);
    state.set(lay, "done");
  };
  for (const lay of pending.keys()) resolveOne(lay);
}

function declare(
  ctx: Ctx,
  m: ModuleInfo,
  decl: ts.VariableDeclaration,
  isConst: boolean,
  call: ts.CallExpression,
): Pending | null {
  const rep = ctx.rep;
  if (!ts.isIdentifier(decl.name)) return null; // destructuring: reported by emit_global.ts
  const name = decl.name.text;
  let ok = true;
  const bad = (node: ts.Node, msg: string): void => {
    rep.at(node, "TSK2301", msg);
    ok = false;
  };
  if (!isConst) bad(decl, "a layout is declared with const");
  if (decl.type) bad(decl.type, "a layout declaration has no type annotation");
  if (call.typeArguments) bad(call, "layout() takes no type arguments");
  const [nameArg, fieldsArg, optArg] = call.arguments;
  if (call.arguments.length < 2 || call.arguments.length > 3) {
    bad(call, "layout(name, fields, options?)");
    return null;
  }
  if (!ts.isStringLiteral(nameArg) || nameArg.text !== name) {
    bad(nameArg, `the layout's name must be the string literal "${name}"`);
  }
  if (!ts.isObjectLiteralExpression(fieldsArg) || fieldsArg.properties.length === 0) {
    bad(fieldsArg, "the fields of a layout are a non-empty object literal");
    return null;
  }
  let packed = false, mmio = false;
  if (optArg) {
    if (!ts.isObjectLiteralExpression(optArg)) bad(optArg, "layout options are an object literal");
    else {
      for (const p of optArg.properties) {
        const key = p.name && ts.isIdentifier(p.name) ? p.name.text : "";
        const val = ts.isPropertyAssignment(p) ? p.initializer.kind : undefined;
        const isBool = val === ts.SyntaxKind.TrueKeyword || val === ts.SyntaxKind.FalseKeyword;
        if ((key !== "packed" && key !== "mmio") || !isBool) {
          bad(p, "layout options are packed: and mmio: with true or false");
          continue;
        }
        if (key === "packed") packed = val === ts.SyntaxKind.TrueKeyword;
        else mmio = val === ts.SyntaxKind.TrueKeyword;
      }
    }
  }
  if (packed && mmio) bad(optArg!, "a layout cannot be both packed and mmio");
  const lay: LayoutInfo = {
    decl,
    mod: m,
    name,
    cName: globalName(m.prefix, name),
    packed,
    mmio,
    fields: new Map(),
    size: 0,
    align: 1,
    ok,
  };
  return { lay, fields: fieldsArg };
}

function resolveFields(
  ctx: Ctx,
  lay: LayoutInfo,
  lit: ts.ObjectLiteralExpression,
  resolveNested: (l: LayoutInfo) => void,
): void {
  const rep = ctx.rep;
  const fields: Omit<LayoutField, "offset">[] = [];
  for (const p of lit.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) {
      rep.at(p, "TSK2301", "a layout field is `name: kind` with a plain name");
      lay.ok = false;
      continue;
    }
    const name = p.name.text;
    if (name.startsWith("__")) {
      rep.at(p.name, "TSK2301", "a layout field name may not begin with __");
      lay.ok = false;
      continue;
    }
    const f = fieldOf(ctx, lay, name, p.initializer, resolveNested);
    if (f) fields.push(f);
    else lay.ok = false;
  }
  const { offsets, size, align } = computeLayout(fields, lay.packed);
  fields.forEach((f, i) => lay.fields.set(f.name, { ...f, offset: offsets[i] }));
  lay.size = size;
  lay.align = align;
}

function fieldOf(
  ctx: Ctx,
  lay: LayoutInfo,
  name: string,
  init: ts.Expression,
  resolveNested: (l: LayoutInfo) => void,
): Omit<LayoutField, "offset"> | null {
  const rep = ctx.rep;
  const cName = localName(name);
  const where = `field ${lay.name}.${name}`;
  if (ts.isIdentifier(init)) {
    const decl = declOf(ctx, init);
    const inner = decl && ctx.layouts.get(decl);
    if (!inner) {
      rep.at(init, "TSK2302", `${where}: '${init.text}' is not a layout`);
      return null;
    }
    if (lay.mmio) {
      rep.at(init, "TSK2302", `${where}: an mmio layout has integer fields only`);
      return null;
    }
    resolveNested(inner);
    if (!inner.ok) return null;
    if (lay.packed && inner.align !== 1) {
      rep.at(init, "TSK2302", `${where}: a layout nested in a packed layout must be packed`);
      return null;
    }
    return {
      name,
      cName,
      kind: { tag: "nested", lay: inner },
      size: inner.size,
      align: inner.align,
    };
  }
  if (!ts.isStringLiteral(init)) {
    rep.at(init, "TSK2302", `${where}: a field kind is a string literal or a layout`);
    return null;
  }
  const k = init.text;
  if (MEMORY_KINDS.has(k)) {
    const b = kindBytes(k as IntKind);
    return {
      name,
      cName,
      kind: { tag: "scalar", kind: k as IntKind, bigEndian: false },
      size: b,
      align: b,
    };
  }
  if (Object.hasOwn(BIG_ENDIAN, k)) {
    const b = kindBytes(BIG_ENDIAN[k]);
    const kind = { tag: "scalar" as const, kind: BIG_ENDIAN[k], bigEndian: true };
    return { name, cName, kind, size: b, align: b };
  }
  const m = k.match(ARRAY_KIND);
  if (!m) {
    rep.at(init, "TSK2302", `${where}: unknown kind "${k}" (u8 ... i64, u16be/u32be/u64be, u8[N])`);
    return null;
  }
  if (lay.mmio) {
    rep.at(init, "TSK2302", `${where}: an mmio layout has integer fields only`);
    return null;
  }
  const ek = m[1] as IntKind;
  const b = kindBytes(ek);
  if (lay.packed && b !== 1) {
    rep.at(init, "TSK2302", `${where}: an array in a packed layout has u8 or i8 elements`);
    return null;
  }
  const count = Number(m[2]);
  return { name, cName, kind: { tag: "array", kind: ek, count }, size: b * count, align: b };
}

/** The layout a `X` identifier names, if it is one. */
export function layoutNamed(ctx: Ctx, node: ts.Expression): LayoutInfo | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const decl = declOf(ctx, node);
  return decl ? ctx.layouts.get(decl) : undefined;
}

/** The value of `X.size`, `X.align` or `X.offsetOf("f")` for a layout X, for constant
 *  evaluation (const_eval.ts); undefined for anything else. */
export function layoutConstant(ctx: Ctx, node: ts.Expression): number | undefined {
  if (ts.isPropertyAccessExpression(node)) {
    const lay = layoutNamed(ctx, node.expression);
    if (!lay?.ok) return undefined;
    if (node.name.text === "size") return lay.size;
    if (node.name.text === "align") return lay.align;
    return undefined;
  }
  if (
    ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === "offsetOf" && node.arguments.length === 1 &&
    ts.isStringLiteral(node.arguments[0])
  ) {
    const lay = layoutNamed(ctx, node.expression.expression);
    return lay?.ok ? lay.fields.get(node.arguments[0].text)?.offset : undefined;
  }
  return undefined;
}

/** The layouts in an order where every nested layout comes before its container. */
export function layoutsInOrder(ctx: Ctx): LayoutInfo[] {
  const out: LayoutInfo[] = [];
  const seen = new Set<LayoutInfo>();
  const visit = (lay: LayoutInfo): void => {
    if (seen.has(lay)) return;
    seen.add(lay);
    for (const f of lay.fields.values()) if (f.kind.tag === "nested") visit(f.kind.lay);
    out.push(lay);
  };
  for (const lay of ctx.layouts.values()) visit(lay);
  return out;
}
