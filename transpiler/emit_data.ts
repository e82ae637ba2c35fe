// The doors from the general walkers to the data features (docs/SUBSET.md §5, §9, §10).
//
// emit_expr.ts, emit_call.ts, emit_stmt.ts and emit_global.ts call these when a value's type is
// one of the prelude's data types (a layout, a layout view, a FixedArray, a Slice) or a struct
// field held by value, so that each shared walker needs one line per hook and the rules live in
// emit_layout.ts, emit_array.ts, emit_new.ts and check_escape.ts. A hook returns undefined when
// the value is not one of its types, and the walker goes on as before.

import type { Ctx, FieldInfo, FnCtx, GlobalInfo, Val } from "./context.ts";
import { BAD } from "./context.ts";
import {
  arrayMethod,
  arrayProperty,
  declareArrayGlobal,
  emitArrayGlobal,
  isArrayNew,
  isStructArrayNew,
  sliceMethod,
} from "./emit_array.ts";
import type { TyVal } from "./emit_expr.ts";
import {
  declareViewGlobal,
  emitViewGlobal,
  layoutAtCall,
  layoutDescMethod,
  layoutDescProperty,
  viewAssignTarget,
  viewProperty,
} from "./emit_layout.ts";
import type { Out } from "./emit_stmt.ts";
import { isLayoutCall } from "./layout_model.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import type { Ty } from "./types.ts";

/** A module-level layout declaration or FixedArray; undefined for other variables. */
export function declareDataGlobal(
  ctx: Ctx,
  m: ModuleInfo,
  decl: ts.VariableDeclaration,
  isConst: boolean,
  cName: string,
): GlobalInfo | null | undefined {
  if (isLayoutCall(ctx, decl.initializer)) {
    const lay = ctx.layouts.get(decl);
    if (!lay) return null; // reported by layout_model.ts
    return { decl, mod: m, cName, ty: { tag: "layoutDesc", lay }, mutable: false, instance: false };
  }
  if (isArrayNew(ctx, decl.initializer) || isStructArrayNew(ctx, decl.initializer)) {
    return declareArrayGlobal(ctx, m, decl, isConst);
  }
  const viewOf = layoutAtCall(ctx, decl.initializer);
  if (viewOf) return declareViewGlobal(ctx, m, decl, isConst, cName, viewOf);
  return undefined;
}

/** Emits a data global (true), or leaves it to emit_global.ts (false). */
export function emitDataGlobal(ctx: Ctx, g: GlobalInfo, out: Out): boolean {
  if (g.ty.tag === "layoutDesc") return true; // a layout is its struct, emitted with the types
  if (g.ty.tag === "layout") emitViewGlobal(ctx, g, out);
  else if (g.ty.tag === "array") emitArrayGlobal(ctx, g, out);
  else return false;
  return true;
}

/** Reports a data value used where a value is needed (stored, passed, returned, compared). */
export function notAValue(fc: FnCtx, node: ts.Node, ty: Ty): boolean {
  if (ty.tag === "layoutDesc") {
    fc.ctx.rep.at(
      node,
      "TSK2303",
      `layout ${ty.lay.name} is not a value: use ${ty.lay.name}.at(addr)`,
    );
    return true;
  }
  if (ty.tag === "array") {
    fc.ctx.rep.at(node, "TSK2403", "a FixedArray is not a value: pass arr.asSlice()");
    return true;
  }
  return false;
}

/** `o.name` of a data value; undefined if o is not one. */
export function dataProperty(
  fc: FnCtx,
  node: ts.PropertyAccessExpression,
  o: TyVal,
): Val | undefined {
  switch (o.ty.tag) {
    case "layoutDesc":
      return layoutDescProperty(fc, node, o.ty.lay);
    case "layout":
      return viewProperty(fc, node, o, o.ty.lay);
    case "array":
    case "slice":
      return arrayProperty(fc, node, o);
    default:
      return undefined;
  }
}

/** `o.name(...)` of a data value; undefined if o is not one. */
export function dataMethod(
  fc: FnCtx,
  node: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  o: TyVal,
): Val | undefined {
  const name = callee.name.text;
  switch (o.ty.tag) {
    case "layoutDesc":
      return layoutDescMethod(fc, node, callee, o.ty.lay);
    case "array":
      return arrayMethod(fc, node, name, o);
    case "slice":
      return sliceMethod(fc, node, name, o);
    case "layout":
      fc.ctx.rep.at(callee.name, "TSK2303", `a layout view has fields, not methods`);
      return BAD;
    default:
      return undefined;
  }
}

/** The C of reading field f of struct o (a pointer): a field held by value is its address. */
export function fieldRead(o: TyVal, f: FieldInfo): string {
  const member = `${o.c}->${f.cName}`;
  return f.embedded && f.ty.tag === "struct" ? `(&${member})` : member;
}

/** The target of `o.name = value` when o is a layout view or the field is held by value;
 *  undefined for ordinary struct fields. null: reported. */
export function dataAssignTarget(
  fc: FnCtx,
  t: ts.PropertyAccessExpression,
  o: TyVal,
  f?: FieldInfo,
): { ty: Ty; assign: (value: string) => string } | null | undefined {
  if (o.ty.tag === "layout") return viewAssignTarget(fc, t, o, o.ty.lay);
  if (f?.embedded) {
    fc.ctx.rep.at(t, "TSK2502", `'${f.name}' is held by value: assign its fields or elements`);
    return null;
  }
  if (o.ty.tag === "layoutDesc" || o.ty.tag === "array" || o.ty.tag === "slice") {
    fc.ctx.rep.at(
      t,
      o.ty.tag === "layoutDesc" ? "TSK2303" : "TSK2403",
      `cannot assign a property of a ${o.ty.tag === "layoutDesc" ? "layout" : o.ty.tag}`,
    );
    return null;
  }
  return undefined;
}
