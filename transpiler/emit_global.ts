// Module-level variables and the constant initialisers of globals and class fields.
//
// A module-level `const`/`let` of a scalar type (integer, boolean, string, enum, function) becomes
// a C global (`const` for const) whose initialiser is the constant the JS initialiser evaluates to
// (const_eval.ts; an enum's enumerator, a function's name); anything else would run code at module
// load, where order matters (TSK1002).
// `export const x = new C();` is the one way to make a class instance: a static struct, with the
// constant field initialisers of C, referred to by address. Globals have external linkage.

import { tyOfTypeNode } from "./check_types.ts";
import { constEval } from "./const_eval.ts";
import { cLine, cString, cTypedLit } from "./c_text.ts";
import type { ClassInfo, Ctx, FnCtx, GlobalInfo } from "./context.ts";
import { declareDataGlobal, emitDataGlobal } from "./emit_data.ts";
import { enumConstant } from "./emit_enum.ts";
import { emitTyped } from "./emit_expr.ts";
import { fnConstant } from "./emit_fnptr.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { globalName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { cDecl, type Ty, tyName } from "./types.ts";

/** Records a module-level variable. */
export function declareGlobal(
  ctx: Ctx,
  m: ModuleInfo,
  decl: ts.VariableDeclaration,
  isConst: boolean,
): GlobalInfo | null {
  const rep = ctx.rep;
  if (!ts.isIdentifier(decl.name)) {
    rep.at(decl.name, "TSK2004", "destructuring");
    return null;
  }
  const name = decl.name.text;
  const cName = globalName(m.prefix, name);
  if (decl.exclamationToken) rep.at(decl, "TSK1000", "unsupported syntax: definite assignment '!'");
  const init = decl.initializer;
  const data = declareDataGlobal(ctx, m, decl, isConst, cName);
  if (data !== undefined) return data;
  if (init && ts.isNewExpression(init)) {
    const cls = ts.isIdentifier(init.expression) ? classOf(ctx, init.expression) : undefined;
    if (!cls) {
      rep.at(init, "TSK1207", "'new' of something other than a kernel class");
      return null;
    }
    if (!isConst) {
      rep.at(decl, "TSK1002", "a class instance is a module-level const");
      return null;
    }
    return {
      decl,
      mod: m,
      cName,
      ty: { tag: "struct", cls },
      mutable: false,
      instance: true,
    };
  }
  if (!decl.type) {
    rep.at(decl.name, "TSK2005", `module-level '${name}' needs a type annotation`);
    return null;
  }
  const ty = tyOfTypeNode(ctx, decl.type, "global");
  if (!ty) return null;
  if (ty.tag === "struct") {
    rep.at(decl.type, "TSK2002", "a module-level reference (make the instance with new)");
    return null;
  }
  if (!init) {
    rep.at(decl.name, "TSK2005", `module-level '${name}' needs an initialiser`);
    return null;
  }
  return { decl, mod: m, cName, ty, mutable: !isConst, instance: false };
}

function classOf(ctx: Ctx, id: ts.Identifier): ClassInfo | undefined {
  let sym = ctx.checker.getSymbolAtLocation(id);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = ctx.checker.getAliasedSymbol(sym);
  for (const d of sym?.declarations ?? []) {
    const cls = ctx.classes.get(d);
    if (cls) return cls;
  }
  return undefined;
}

/** The C constant for the initialiser of a global or field of type ty; null if not constant. */
export function constInitializer(
  ctx: Ctx,
  m: ModuleInfo,
  init: ts.Expression,
  ty: Ty,
): string | null {
  const fc: FnCtx = { ctx, mod: m, locals: new Map() };
  if (!emitTyped(fc, init, ty, "stored")) return null;
  const v = constEval(ctx, init);
  const hex = /0[xX]/.test(init.getText());
  if (ty.tag === "int" && (typeof v === "number" || typeof v === "bigint")) {
    return cTypedLit(ty.kind, BigInt(v), hex);
  }
  if (ty.tag === "bool" && typeof v === "boolean") return v ? "true" : "false";
  if (ty.tag === "str" && typeof v === "string") return `TSK_STR_INIT(${cString(v)})`;
  const named = ty.tag === "enum"
    ? enumConstant(ctx, ty.en, init)
    : ty.tag === "fn"
    ? fnConstant(ctx, init)
    : null;
  if (named !== null) return named;
  ctx.rep.at(
    init,
    "TSK1002",
    `initialiser of a ${tyName(ty)} must be a constant (wraps of literals and consts)`,
  );
  return null;
}

/** Emits a global's definition; fieldInits gives each class's field initialisers. */
export function emitGlobal(
  ctx: Ctx,
  g: GlobalInfo,
  fieldInits: Map<ClassInfo, Map<string, string> | null>,
  out: Out,
): void {
  const line = cLine(lineOf(g.decl), g.mod.path);
  if (emitDataGlobal(ctx, g, out)) return;
  if (g.ty.tag === "struct") {
    const inits = fieldInits.get(g.ty.cls);
    if (!inits) return;
    const fields = [...inits].map(([f, c]) => `.${f} = ${c}`);
    out.directive(line);
    out.line(`struct ${g.ty.cls.cName} ${g.cName} = { ${fields.join(", ")} };`);
    return;
  }
  const c = constInitializer(ctx, g.mod, g.decl.initializer!, g.ty);
  if (c === null) return;
  out.directive(line);
  out.line(`${cDecl(g.ty, g.cName, !g.mutable)} = ${c};`);
}
