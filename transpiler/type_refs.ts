// Type names that denote the subset's named types: enums, function type aliases and the type
// parameters of generic functions (docs/SUBSET.md §2).
//
// The checker does not keep type alias names (a function type is structural, an enum type is a
// union of its member types), so these are resolved from the written name: its symbol, followed
// through imports, leads to the declaration. An enum gives its enum type; an alias of a function
// type gives that signature (named, so its C typedef is used); an alias of another type name is
// followed; a type parameter gives the type it is bound to in the generic instance being lowered
// (monomorph.ts). Anything else is left to check_types.ts (branded integers, classes, ...).

import type { Ctx } from "./context.ts";
import { notCompiled } from "./emit_enum.ts";
import { fnSigOfAlias } from "./emit_fnptr.ts";
import { tyOfTypeNode, type TypeWhere } from "./check_types.ts";
import { ts } from "./tsapi.ts";
import type { Ty } from "./types.ts";

/** The type a type reference names, null if it is bad (reported), undefined if not ours. */
export function namedTy(
  ctx: Ctx,
  node: ts.TypeReferenceNode,
  where: TypeWhere,
): Ty | null | undefined {
  let sym = ctx.checker.getSymbolAtLocation(node.typeName);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = ctx.checker.getAliasedSymbol(sym);
  const decl = sym?.declarations?.[0];
  if (!decl) return undefined;
  if (ts.isEnumDeclaration(decl)) {
    const en = ctx.enums.get(decl);
    if (en) return { tag: "enum", en };
    notCompiled(ctx, node, decl); // or it failed its checks, reported
    return null;
  }
  if (ts.isEnumMember(decl)) {
    ctx.rep.at(node, "TSK2602", `'${node.getText()}': the type of one member; use the enum type`);
    return null;
  }
  if (ts.isTypeParameterDeclaration(decl)) {
    const ty = ctx.typeArgs?.get(decl);
    if (ty) return ty;
    ctx.rep.at(node, "TSK1401", `type parameter '${decl.name.text}' outside its generic function`);
    return null;
  }
  if (ts.isTypeAliasDeclaration(decl) && ctx.modules.has(decl.getSourceFile())) {
    if (decl.typeParameters) {
      ctx.rep.at(node, "TSK1401", `generic type alias '${decl.name.text}'`);
      return null;
    }
    if (ts.isFunctionTypeNode(decl.type)) {
      const sig = fnSigOfAlias(ctx, decl);
      return sig ? { tag: "fn", sig } : null;
    }
    if (ts.isTypeReferenceNode(decl.type) && !node.typeArguments) {
      return tyOfTypeNode(ctx, decl.type, where);
    }
  }
  return undefined;
}
