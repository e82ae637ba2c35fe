// Fixed layouts in C (docs/SUBSET.md §5.2): struct definitions with static asserts, and views.
//
// A layout X becomes `struct <prefix>__X` with one member per field in declaration order,
// `__attribute__((may_alias))` (raw memory is untyped: a view's accesses must see raw accesses of
// other types to the same bytes) and `packed` when packed, followed by a `_Static_assert` of every
// field's offset, of the size and of the alignment that layout_model.ts computed: if the C compiler
// lays the struct out differently from kernel/layout.ts, the build fails. A view (the value of
// `X.at(addr)`) is a `struct X *`: `X.at(a)` checks that a is aligned for X (panic otherwise, in
// both worlds) and casts; `v.f` is `v->f` (byte-swapped for the big-endian kinds; for mmio
// layouts a tsk_mmio_read/write of the field's address, volatile between compiler barriers);
// an array field is a slice {v->f, N}, a nested layout field the view `&v->f`. Array and
// nested fields cannot be assigned (assign their elements or fields). `X.size`, `X.align` and
// `X.offsetOf("f")` are usize constants. `X.at` is unsafe like the raw-memory intrinsics
// (TSK3001); a layout is not a value (TSK2303). Views live in locals, parameters and return
// values, and in module-level consts `const R = X.at(addr)` whose address is a constant aligned
// for X (checked here, as Deno checks it when the module loads): a device's register block, C
// `struct X *const R`. Other module-level variables and class fields of view type are TSK2303.

import { cLine, cString } from "./c_text.ts";
import { constEval } from "./const_eval.ts";
import type { Ctx, FnCtx, GlobalInfo, LayoutField, LayoutInfo, Val } from "./context.ts";
import { BAD, fxJoin } from "./context.ts";
import { emitTyped, type TyVal } from "./emit_expr.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { UNSAFE_METHODS } from "./intrinsics.ts";
import { constInitializer } from "./emit_global.ts";
import { kindBytes, layoutNamed } from "./layout_model.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind, intTy, type Ty } from "./types.ts";

const USIZE = intTy("usize");
const CALL = { call: true, panic: false, read: false };
const PANIC = { call: false, panic: true, read: false };

function memberDecl(f: LayoutField): string {
  switch (f.kind.tag) {
    case "scalar":
      return `${INT_KINDS[f.kind.kind].c} ${f.cName}`;
    case "array":
      return `${INT_KINDS[f.kind.kind].c} ${f.cName}[${f.kind.count}]`;
    case "nested":
      return `struct ${f.kind.lay.cName} ${f.cName}`;
  }
}

/** The C definition of a layout's struct and its static asserts. */
export function emitLayoutStruct(lay: LayoutInfo, out: Out): void {
  if (!lay.ok) return;
  const tag = `struct ${lay.cName}`;
  out.directive(cLine(lineOf(lay.decl), lay.mod.path));
  // may_alias: a view's accesses must see raw accesses of other types to the same bytes.
  const attrs = lay.packed ? "packed, may_alias" : "may_alias";
  out.open(`struct __attribute__((${attrs})) ${lay.cName} {`);
  for (const f of lay.fields.values()) out.line(`${memberDecl(f)};`);
  out.close("};");
  for (const f of lay.fields.values()) {
    const msg = cString(`${lay.name}.${f.name} is at offset ${f.offset}`);
    out.line(`_Static_assert(offsetof(${tag}, ${f.cName}) == ${f.offset}, ${msg});`);
  }
  out.line(
    `_Static_assert(sizeof(${tag}) == ${lay.size}, ${
      cString(`${lay.name} is ${lay.size} bytes`)
    });`,
  );
  const alignMsg = cString(`${lay.name} is aligned to ${lay.align}`);
  out.line(`_Static_assert(_Alignof(${tag}) == ${lay.align}, ${alignMsg});`);
}

/** The layout X of an initialiser `X.at(addr)`, if it is one. */
export function layoutAtCall(ctx: Ctx, init: ts.Expression | undefined): LayoutInfo | undefined {
  if (!init || !ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression)) {
    return undefined;
  }
  return init.expression.name.text === "at"
    ? layoutNamed(ctx, init.expression.expression)
    : undefined;
}

/** The C address of a module-level view `const R = X.at(addr)`: addr is a constant aligned for X
 *  (checked here, where Deno checks it when the module loads); null if not (reported). */
function viewGlobalAddress(
  ctx: Ctx,
  m: ModuleInfo,
  init: ts.CallExpression,
  lay: LayoutInfo,
): string | null {
  if (init.arguments.length !== 1) return null; // TypeScript reports the arity
  const c = constInitializer(ctx, m, init.arguments[0], USIZE);
  const a = constEval(ctx, init.arguments[0]);
  if (c === null || typeof a !== "number") return null;
  if (a % lay.align !== 0) {
    ctx.rep.at(init, "TSK2303", `address ${a} is not aligned for ${lay.name} (${lay.align})`);
    return null;
  }
  return c;
}

/** Records a module-level `const R = X.at(addr)`: a constant view, e.g. a device's registers. */
export function declareViewGlobal(
  ctx: Ctx,
  m: ModuleInfo,
  decl: ts.VariableDeclaration,
  isConst: boolean,
  cName: string,
  lay: LayoutInfo,
): GlobalInfo | null {
  const init = decl.initializer as ts.CallExpression;
  if (!m.unsafe) {
    ctx.rep.at(init, "TSK3001", `'${lay.name}.at' is unsafe: call it from a "use unsafe" module`);
  }
  if (!isConst) {
    ctx.rep.at(decl, "TSK2303", "a module-level view is a const");
    return null;
  }
  if (!lay.ok || viewGlobalAddress(ctx, m, init, lay) === null) return null;
  return { decl, mod: m, cName, ty: { tag: "layout", lay }, mutable: false, instance: false };
}

/** Emits a module-level view: a constant pointer. */
export function emitViewGlobal(ctx: Ctx, g: GlobalInfo, out: Out): void {
  if (g.ty.tag !== "layout") return;
  const lay = g.ty.lay;
  const addr = viewGlobalAddress(ctx, g.mod, g.decl.initializer as ts.CallExpression, lay);
  if (addr === null) return;
  out.directive(cLine(lineOf(g.decl), g.mod.path));
  out.line(`struct ${lay.cName} *const ${g.cName} = (struct ${lay.cName} *)(uintptr_t)${addr};`);
}

/** `X.size` and `X.align` of a layout X. */
export function layoutDescProperty(
  fc: FnCtx,
  node: ts.PropertyAccessExpression,
  lay: LayoutInfo,
): Val {
  const name = node.name.text;
  const fx = { call: false, panic: false, read: false };
  if (name === "size") {
    return { tag: "ty", ty: USIZE, c: `((uint64_t)sizeof(struct ${lay.cName}))`, fx };
  }
  if (name === "align") {
    return { tag: "ty", ty: USIZE, c: `((uint64_t)_Alignof(struct ${lay.cName}))`, fx };
  }
  fc.ctx.rep.at(
    node.name,
    "TSK2303",
    `'${name}' of layout ${lay.name} (size, align, at, offsetOf)`,
  );
  return BAD;
}

/** `X.at(addr)` and `X.offsetOf("f")` of a layout X. */
export function layoutDescMethod(
  fc: FnCtx,
  node: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  lay: LayoutInfo,
): Val {
  const rep = fc.ctx.rep;
  const name = callee.name.text;
  if (node.arguments.length !== 1) return BAD; // TypeScript reports the arity
  const arg = node.arguments[0];
  if (name === "offsetOf") {
    const f = ts.isStringLiteral(arg) ? lay.fields.get(arg.text) : undefined;
    if (!f) {
      rep.at(
        arg,
        "TSK2303",
        `offsetOf takes the name of a field of ${lay.name} as a string literal`,
      );
      return BAD;
    }
    const fx = { call: false, panic: false, read: false };
    return { tag: "ty", ty: USIZE, c: `((uint64_t)offsetof(struct ${lay.cName}, ${f.cName}))`, fx };
  }
  if (name !== "at") {
    rep.at(callee.name, "TSK2303", `'${name}' of layout ${lay.name} (size, align, at, offsetOf)`);
    return BAD;
  }
  if (UNSAFE_METHODS.layout.has(name) && !fc.mod.unsafe) {
    rep.at(callee, "TSK3001", `'${lay.name}.at' is unsafe: call it from a "use unsafe" module`);
  }
  const a = emitTyped(fc, arg, USIZE, "passed");
  if (!a || !lay.ok) return BAD;
  const ty: Ty = { tag: "layout", lay };
  if (lay.align === 1) {
    return { tag: "ty", ty, c: `((struct ${lay.cName} *)(uintptr_t)${a.c})`, fx: a.fx };
  }
  const c = `((struct ${lay.cName} *)tsk_layout_at(${a.c}, ${lay.align}))`;
  return { tag: "ty", ty, c, fx: fxJoin(a.fx, PANIC) };
}

function fieldOf(fc: FnCtx, name: ts.Identifier, lay: LayoutInfo): LayoutField | null {
  const f = lay.fields.get(name.text);
  if (!f) fc.ctx.rep.at(name, "TSK2303", `'${name.text}' is not a field of layout ${lay.name}`);
  return f ?? null;
}

const BSWAP: Record<number, string> = {
  2: "__builtin_bswap16",
  4: "__builtin_bswap32",
  8: "__builtin_bswap64",
};

function mmioBits(k: IntKind): number {
  return kindBytes(k) * 8;
}

/** Reading `v.f` of a view v. */
export function viewProperty(
  fc: FnCtx,
  node: ts.PropertyAccessExpression,
  v: TyVal,
  lay: LayoutInfo,
): Val {
  const f = fieldOf(fc, node.name as ts.Identifier, lay);
  if (!f) return BAD;
  const member = `${v.c}->${f.cName}`;
  switch (f.kind.tag) {
    case "nested":
      return { tag: "ty", ty: { tag: "layout", lay: f.kind.lay }, c: `(&${member})`, fx: v.fx };
    case "array": {
      const elem = intTy(f.kind.kind);
      const c = `((tsk_slice_${f.kind.kind}){${member}, ${f.kind.count}})`;
      return { tag: "ty", ty: { tag: "slice", elem }, c, fx: v.fx };
    }
    case "scalar": {
      const k = f.kind.kind;
      const ty = intTy(k);
      if (lay.mmio) {
        const bits = mmioBits(k);
        let c = `tsk_mmio_read${bits}((uint64_t)(uintptr_t)&${member})`;
        if (f.kind.bigEndian) c = `${BSWAP[bits / 8]}(${c})`;
        if (INT_KINDS[k].signed) c = `(${INT_KINDS[k].c})${c}`;
        return { tag: "ty", ty, c: `(${c})`, fx: fxJoin(v.fx, CALL) };
      }
      const c = f.kind.bigEndian ? `${BSWAP[kindBytes(k)]}(${member})` : `(${member})`;
      return { tag: "ty", ty, c, fx: { ...v.fx, read: true } };
    }
  }
}

/** The target of `v.f = value` for a view v: the field's type and how to store a C value. */
export function viewAssignTarget(
  fc: FnCtx,
  t: ts.PropertyAccessExpression,
  v: TyVal,
  lay: LayoutInfo,
): { ty: Ty; assign: (value: string) => string } | null {
  const f = fieldOf(fc, t.name as ts.Identifier, lay);
  if (!f) return null;
  if (f.kind.tag !== "scalar") {
    const what = f.kind.tag === "array"
      ? "an array field (set its elements)"
      : "a nested layout (assign its fields)";
    fc.ctx.rep.at(t, "TSK2303", `cannot assign ${what}`);
    return null;
  }
  const k = f.kind.kind;
  const member = `${v.c}->${f.cName}`;
  const be = f.kind.bigEndian;
  const bytes = kindBytes(k);
  if (lay.mmio) {
    const bits = mmioBits(k);
    const u = `uint${bits}_t`;
    return {
      ty: intTy(k),
      assign: (value) => {
        const signed = INT_KINDS[k].signed;
        const bits_ = be ? `${BSWAP[bytes]}(${value})` : signed ? `(${u})${value}` : value;
        return `tsk_mmio_write${bits}((uint64_t)(uintptr_t)&${member}, ${bits_})`;
      },
    };
  }
  return {
    ty: intTy(k),
    assign: (value) => `${member} = ${be ? `${BSWAP[bytes]}(${value})` : value}`,
  };
}
