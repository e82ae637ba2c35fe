// Type annotations (docs/SUBSET.md §2): which written types the subset has.
//
// The walker looks at the annotation's syntax first, so each forbidden form gets its own code
// (bare number/bigint TSK2001; any, unknown, object, unions, optional, null, undefined and literal
// types TSK2002; arrays, tuples and object types TSK2004; an unnamed function type TSK1301); a
// type reference names an enum, a function type alias or a type parameter (type_refs.ts), or is
// resolved with the checker and must be a branded integer, boolean, string or compiled class.
// `void` and `never` are return types only. A type node kind not listed here is TSK1000.

import { type Ctx } from "./context.ts";
import { kindName, ts } from "./tsapi.ts";
import { namedTy } from "./type_refs.ts";
import { dataTyOfTypeNode } from "./data_types.ts";
import { BOOL, classifyType, NEVER, STR, type Ty, tyName, VOID } from "./types.ts";

/** Where an annotation is written; void/never are allowed for returns only. */
export type TypeWhere = "param" | "return" | "local" | "global" | "field";

const SK = ts.SyntaxKind;

/** The subset type of an annotation; null if it is not one (reported). */
export function tyOfTypeNode(ctx: Ctx, node: ts.TypeNode, where: TypeWhere): Ty | null {
  const rep = ctx.rep;
  switch (node.kind) {
    case SK.NumberKeyword:
    case SK.BigIntKeyword:
      rep.at(node, "TSK2001", `bare '${node.getText()}': say which integer (u8 ... u64, usize)`);
      return null;
    case SK.BooleanKeyword:
      return BOOL;
    case SK.StringKeyword:
      return STR;
    case SK.VoidKeyword:
    case SK.NeverKeyword:
      if (where === "return") return node.kind === SK.VoidKeyword ? VOID : NEVER;
      rep.at(node, "TSK2002", `'${node.getText()}' is a return type only`);
      return null;
    case SK.AnyKeyword:
    case SK.UnknownKeyword:
    case SK.ObjectKeyword:
    case SK.UndefinedKeyword:
    case SK.SymbolKeyword:
    case SK.LiteralType:
    case SK.UnionType:
    case SK.OptionalType:
      rep.at(node, "TSK2002", `unsupported type '${node.getText()}'`);
      return null;
    case SK.ArrayType:
    case SK.TupleType:
    case SK.TypeLiteral:
      rep.at(node, "TSK2004", `array or object type '${node.getText()}' (until issue 3)`);
      return null;
    case SK.IntersectionType:
      rep.at(node, "TSK2002", `unsupported type '${node.getText()}'`);
      return null;
    case SK.FunctionType:
      rep.at(
        node,
        "TSK1301",
        "a function type is named by a type alias (type F = (a: u32) => u32)",
      );
      return null;
    case SK.ParenthesizedType:
      return tyOfTypeNode(ctx, (node as ts.ParenthesizedTypeNode).type, where);
    case SK.TypeReference:
      return tyOfTypeRef(ctx, node as ts.TypeReferenceNode, where);
    default:
      rep.at(node, "TSK1000", `unsupported syntax: ${kindName(node.kind)}`);
      return null;
  }
}

function tyOfTypeRef(ctx: Ctx, node: ts.TypeReferenceNode, where: TypeWhere): Ty | null {
  const named = namedTy(ctx, node, where);
  if (named !== undefined) return named;
  const data = dataTyOfTypeNode(ctx, node, where);
  if (data !== undefined) return data;
  if (node.typeArguments) {
    ctx.rep.at(node, "TSK1000", `unsupported syntax: generic type '${node.getText()}'`);
    return null;
  }
  const cls = classifyType(ctx.checker, ctx.classes, ctx.checker.getTypeFromTypeNode(node));
  if (cls.tag === "raw") {
    ctx.rep.at(node, "TSK2001", `'${node.getText()}' is a bare number or bigint`);
    return null;
  }
  if (cls.tag === "bad") {
    ctx.rep.at(node, "TSK2002", `unsupported type '${node.getText()}' (${cls.what})`);
    return null;
  }
  const t = cls.ty;
  if ((t.tag === "void" || t.tag === "never") && where !== "return") {
    ctx.rep.at(node, "TSK2002", `'${tyName(t)}' is a return type only`);
    return null;
  }
  return t;
}
