// The data types of the prelude in annotations: Slice<T>, FixedArray<T> and layout views.
//
// kernel/array.ts and kernel/layout.ts are prelude modules, so their types are recognised by
// where they are declared, never by name alone: a Slice or FixedArray is a class declared in
// the prelude's array.ts, and a layout view is a type with a `__layout` brand whose string-literal
// type names a registered layout (like the `__brand` of the integers). Elements are integers or
// booleans (TSK2402). Where each may be written (docs/SUBSET.md §5.2, §9):
//   - a Slice: parameters, return types, locals (TSK2403 for module-level variables and fields);
//   - a FixedArray: a module-level or local const made with `new`, or a class field holding one
//     by value; never a parameter, return type or other value (TSK2403: pass arr.asSlice());
//   - a StructArray (elements: a kernel class): a module-level const only (TSK2402);
//   - a layout view: parameters, return types, locals, and module-level consts initialised with
//     `X.at(constant address)` (emit_layout.ts); TSK2303 for other module-level variables and for
//     fields.

import type { TypeWhere } from "./check_types.ts";
import type { Ctx, LayoutInfo } from "./context.ts";
import { ts } from "./tsapi.ts";
import { classifyType, type Ty } from "./types.ts";

/** The layout whose view type `type` is, if it is one. */
export function layoutOfType(ctx: Ctx, type: ts.Type): LayoutInfo | undefined {
  const brand = ctx.checker.getPropertyOfType(type, "__layout");
  if (!brand) return undefined;
  const bt = ctx.checker.getTypeOfSymbol(brand);
  if (!bt.isStringLiteral()) return undefined;
  for (const lay of ctx.layouts.values()) if (lay.name === bt.value) return lay;
  return undefined;
}

export type ArrayClass = "FixedArray" | "Slice" | "StructArray";

/** The class of the prelude's array.ts that type is an instance of, if any. */
export function arrayClassOf(ctx: Ctx, type: ts.Type): ArrayClass | undefined {
  const decl = type.getSymbol()?.declarations?.[0];
  if (!decl || !ts.isClassDeclaration(decl) || !decl.name) return undefined;
  if (ctx.prelude.get(decl.getSourceFile().fileName) !== "array") return undefined;
  const name = decl.name.text;
  return name === "FixedArray" || name === "Slice" || name === "StructArray" ? name : undefined;
}

/** The element type of a FixedArray<T>, Slice<T> (an integer or boolean) or StructArray<T> (a
 *  kernel class) type; null (reported at node) otherwise. */
export function elemTyOf(ctx: Ctx, type: ts.Type, node: ts.Node): Ty | null {
  if (arrayClassOf(ctx, type) === "StructArray") {
    const t = ctx.checker.getTypeArguments(type as ts.TypeReference)[0];
    const cls = t && classifyType(ctx.checker, ctx.classes, t);
    if (cls?.tag === "ty" && cls.ty.tag === "struct") return cls.ty;
    ctx.rep.at(node, "TSK2402", "a StructArray holds instances of a kernel class");
    return null;
  }
  const args = ctx.checker.getTypeArguments(type as ts.TypeReference);
  let t = args[0];
  const param = t && t.isTypeParameter() ? t.getSymbol()?.declarations?.[0] : undefined;
  const bound = param && ctx.typeArgs?.get(param);
  if (bound) return elemOk(ctx, bound, node);
  if (!t) t = ctx.checker.getAnyType();
  const cls = classifyType(ctx.checker, ctx.classes, t);
  if (cls.tag !== "ty") {
    ctx.rep.at(
      node,
      "TSK2402",
      `element type '${ctx.checker.typeToString(t)}' (integers, boolean)`,
    );
    return null;
  }
  return elemOk(ctx, cls.ty, node);
}

function elemOk(ctx: Ctx, t: Ty, node: ts.Node): Ty | null {
  if (t.tag === "int" || t.tag === "bool") return t;
  ctx.rep.at(node, "TSK2402", "array and slice elements are integers or booleans");
  return null;
}

/** The subset type of an annotation that names a prelude data type; undefined if it names none,
 *  null if it does but may not be written there (reported). */
export function dataTyOfTypeNode(
  ctx: Ctx,
  node: ts.TypeReferenceNode,
  where: TypeWhere,
): Ty | null | undefined {
  const type = ctx.checker.getTypeFromTypeNode(node);
  const lay = layoutOfType(ctx, type);
  if (lay) {
    if (where === "global" || where === "field") {
      const msg = "a view lives in a local, a parameter or a return value, or is a module-level " +
        "const R = X.at(constant address)";
      ctx.rep.at(node, "TSK2303", msg);
      return null;
    }
    return { tag: "layout", lay };
  }
  const cls = arrayClassOf(ctx, type);
  if (!cls) return undefined;
  const elem = elemTyOf(ctx, type, node);
  if (!elem) return null;
  if (cls === "Slice") {
    if (where === "global" || where === "field") {
      ctx.rep.at(node, "TSK2403", "a slice lives in a local, a parameter or a return value");
      return null;
    }
    return { tag: "slice", elem };
  }
  if (cls === "StructArray" && where !== "global") {
    ctx.rep.at(node, "TSK2402", "a StructArray is a module-level const");
    return null;
  }
  if (where !== "global" && where !== "local" && where !== "field") {
    ctx.rep.at(node, "TSK2403", "a FixedArray is not passed or returned: pass arr.asSlice()");
    return null;
  }
  // The length is not part of the type: the `new` that makes the array gives it (emit_array.ts).
  return { tag: "array", elem, len: 0 };
}
