// Classes as structs (docs/SUBSET.md §5, v0).
//
// A class with no heritage (TSK1202), no constructor, no static or accessor members, and only
// typed scalar fields with constant initialisers becomes `struct <prefix>__<Name>`; its methods
// become functions taking `struct ... *self`. Instances exist only as module-level consts
// (emit_global.ts), so a field initialiser is a constant computed once per class.

import { tyOfTypeNode } from "./check_types.ts";
import { cLine } from "./c_text.ts";
import type { ClassInfo, Ctx } from "./context.ts";
import { declareFunction } from "./emit_func.ts";
import { constInitializer } from "./emit_global.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { globalName, localName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { kindName, ts } from "./tsapi.ts";
import { cDecl } from "./types.ts";

const SK = ts.SyntaxKind;
const FIELD_MODIFIERS = new Set([
  SK.ReadonlyKeyword,
  SK.PublicKeyword,
  SK.PrivateKeyword,
  SK.ExportKeyword,
]);

/** Records a class (its members come in declareMembers, once all classes are known). */
export function registerClass(ctx: Ctx, m: ModuleInfo, decl: ts.ClassDeclaration): void {
  const rep = ctx.rep;
  if (!decl.name) {
    rep.at(decl, "TSK1000", "unsupported syntax: class without a name");
    return;
  }
  if (decl.heritageClauses?.length) {
    rep.at(decl.heritageClauses[0], "TSK1202", "class heritage (extends/implements)");
  }
  if (decl.typeParameters) rep.at(decl, "TSK1000", "unsupported syntax: generic class");
  if (ts.getDecorators(decl)?.length) rep.at(decl, "TSK1000", "unsupported syntax: decorator");
  if (ts.getModifiers(decl)?.some((x) => x.kind === SK.AbstractKeyword)) {
    rep.at(decl, "TSK1000", "unsupported syntax: abstract class");
  }
  const name = decl.name.text;
  ctx.classes.set(decl, {
    decl,
    mod: m,
    name,
    cName: globalName(m.prefix, name),
    fields: new Map(),
    methods: new Map(),
  });
}

/** Records the fields and method signatures of a class. */
export function declareMembers(ctx: Ctx, cls: ClassInfo): void {
  const rep = ctx.rep;
  for (const mem of cls.decl.members) {
    if (ts.canHaveDecorators(mem) && ts.getDecorators(mem)?.length) {
      rep.at(mem, "TSK1000", "unsupported syntax: decorator");
      continue;
    }
    const bad = ts.canHaveModifiers(mem) &&
      ts.getModifiers(mem)?.find((x) => !FIELD_MODIFIERS.has(x.kind) && x.kind !== SK.AsyncKeyword);
    if (bad) {
      rep.at(bad, "TSK1000", `unsupported syntax: '${bad.getText()}' member`);
      continue;
    }
    if (mem.name && !ts.isIdentifier(mem.name)) {
      rep.at(mem.name, "TSK1000", `unsupported syntax: ${kindName(mem.name.kind)} member name`);
      continue;
    }
    switch (mem.kind) {
      case SK.PropertyDeclaration: {
        const p = mem as ts.PropertyDeclaration;
        const name = (p.name as ts.Identifier).text;
        if (p.questionToken) rep.at(p, "TSK2002", "optional field");
        if (p.exclamationToken) rep.at(p, "TSK1000", "unsupported syntax: definite assignment");
        if (!p.type || !p.initializer) {
          rep.at(p, "TSK2005", `field '${name}' needs a type and a wrap-call initialiser`);
          continue;
        }
        const ty = tyOfTypeNode(ctx, p.type, "field");
        if (ty && ty.tag === "struct") {
          rep.at(p.type, "TSK2002", "a field of class type (until issue 3)");
        } else if (ty) cls.fields.set(name, { name, cName: localName(name), ty, decl: p });
        continue;
      }
      case SK.MethodDeclaration: {
        const md = mem as ts.MethodDeclaration;
        if (md.questionToken || !md.body) {
          rep.at(md, "TSK1000", "unsupported syntax: optional or bodiless method");
          continue;
        }
        const f = declareFunction(ctx, cls.mod, md, cls);
        if (f) {
          cls.methods.set(f.name, f);
          ctx.functions.set(md, f);
        }
        continue;
      }
      case SK.SemicolonClassElement:
        continue;
      case SK.Constructor:
        rep.at(mem, "TSK1000", "unsupported syntax: constructor (v0 classes are field structs)");
        continue;
      default:
        rep.at(mem, "TSK1000", `unsupported syntax: ${kindName(mem.kind)}`);
    }
  }
}

/** The C struct definition of a class. */
export function emitStruct(cls: ClassInfo, out: Out): void {
  out.directive(cLine(lineOf(cls.decl), cls.mod.path));
  out.open(`struct ${cls.cName} {`);
  for (const f of cls.fields.values()) out.line(`${cDecl(f.ty, f.cName)};`);
  if (cls.fields.size === 0) out.line("uint8_t unused_;");
  out.close("};");
}

/** The constant initialiser of each field; null if one is not constant (reported). */
export function fieldInitializers(ctx: Ctx, cls: ClassInfo): Map<string, string> | null {
  const inits = new Map<string, string>();
  let ok = true;
  for (const f of cls.fields.values()) {
    const c = constInitializer(ctx, cls.mod, f.decl.initializer!, f.ty);
    if (c === null) ok = false;
    else inits.set(f.cName, c);
  }
  return ok ? inits : null;
}
