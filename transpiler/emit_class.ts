// Classes as structs (docs/SUBSET.md §5, v0).
//
// A class with no heritage (TSK1202), no constructor, no static or accessor members, and only
// typed fields with constant initialisers becomes `struct <prefix>__<Name>`; its methods become
// functions taking `struct ... *self`. A field is an integer, boolean, string or function value
// with a constant initialiser, or is held by value: a struct (`inner: Inner = new Inner()`, C
// `struct Inner inner;`, read as the pointer `&o->inner` and never assigned: TSK2502) or a
// FixedArray (`items: FixedArray<u32> = new FixedArray<u32>(16, u32(0))`, C `uint32_t
// items[16];`). A class may not contain itself by value (TSK2502); structs are emitted in an
// order where every embedded struct comes first. Instances are module-level consts
// (emit_global.ts) or function locals (emit_new.ts); both start from the field initialisers,
// which are constants computed once per class.

import { tyOfTypeNode } from "./check_types.ts";
import { cLine } from "./c_text.ts";
import type { ClassInfo, Ctx, FieldInfo } from "./context.ts";
import { arrayNew, arrayStaticInit, isArrayNew } from "./emit_array.ts";
import { declareFunction } from "./emit_func.ts";
import { constInitializer } from "./emit_global.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { globalName, localName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { kindName, ts } from "./tsapi.ts";
import { cDecl, cType, type Ty, tyEq } from "./types.ts";
import { newClass } from "./emit_new.ts";

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
  if (decl.typeParameters) rep.at(decl, "TSK1401", "generic class (only functions are generic)");
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
        if (!ty) continue;
        if (ty.tag !== "struct" && ty.tag !== "array") {
          cls.fields.set(name, { name, cName: localName(name), ty, decl: p });
          continue;
        }
        const held = heldType(ctx, p, ty);
        if (held) {
          cls.fields.set(name, { name, cName: localName(name), ty: held, decl: p, embedded: true });
        }
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

/** The type of a field held by value: `new C()` of its class, or a `new FixedArray(...)` of its
 *  element type (with the length of the `new`); null if the initialiser is not that (reported). */
function heldType(ctx: Ctx, p: ts.PropertyDeclaration, ty: Ty): Ty | null {
  const init = p.initializer!;
  if (ty.tag === "array") {
    const a = isArrayNew(ctx, init) ? arrayNew(ctx, init) : null;
    if (a && tyEq(a.elem, ty.elem)) return { tag: "array", elem: a.elem, len: a.len };
    if (!isArrayNew(ctx, init)) {
      ctx.rep.at(init, "TSK2502", "a FixedArray field is initialised with new FixedArray(...)");
    }
    return null;
  }
  const cls = ts.isNewExpression(init) ? newClass(ctx, init) : undefined;
  if (ty.tag === "struct" && cls === ty.cls) return ty;
  ctx.rep.at(
    init,
    "TSK2502",
    "a struct field holds its struct by value: initialise it with new C()",
  );
  return null;
}

/** The C member declaration of a field. */
function memberDecl(f: FieldInfo): string {
  if (f.embedded && f.ty.tag === "struct") return `struct ${f.ty.cls.cName} ${f.cName}`;
  if (f.ty.tag === "array") return `${cType(f.ty.elem)} ${f.cName}[${f.ty.len}]`;
  return cDecl(f.ty, f.cName);
}

/** The C struct definition of a class. */
export function emitStruct(cls: ClassInfo, out: Out): void {
  out.directive(cLine(lineOf(cls.decl), cls.mod.path));
  out.open(`struct ${cls.cName} {`);
  for (const f of cls.fields.values()) out.line(`${memberDecl(f)};`);
  if (cls.fields.size === 0) out.line("uint8_t unused_;");
  out.close("};");
}

/** The classes in an order where every struct held by value comes before its holder; a class
 *  that holds itself, directly or not, is reported (TSK2502) and left out. */
export function classesInOrder(ctx: Ctx, classes: ClassInfo[]): ClassInfo[] {
  const out: ClassInfo[] = [];
  const state = new Map<ClassInfo, "busy" | "done" | "bad">();
  const visit = (cls: ClassInfo): boolean => {
    const s = state.get(cls);
    if (s === "busy") {
      ctx.rep.at(cls.decl.name ?? cls.decl, "TSK2502", `class ${cls.name} holds itself by value`);
      return false;
    }
    if (s) return s === "done";
    state.set(cls, "busy");
    let ok = true;
    for (const f of cls.fields.values()) {
      if (f.embedded && f.ty.tag === "struct" && !visit(f.ty.cls)) ok = false;
    }
    state.set(cls, ok ? "done" : "bad");
    if (ok) out.push(cls);
    return ok;
  };
  for (const cls of classes) visit(cls);
  return out;
}

/** A C struct initialiser from field initialisers. */
export function structInit(inits: Map<string, string>): string {
  const fields = [...inits].map(([f, c]) => `.${f} = ${c}`);
  return fields.length ? `{ ${fields.join(", ")} }` : "{0}";
}

/** The constant initialiser of each field; null if one is not constant (reported) or the class
 *  holds itself by value. */
export function fieldInitializers(
  ctx: Ctx,
  cls: ClassInfo,
  visiting = new Set<ClassInfo>(),
): Map<string, string> | null {
  if (visiting.has(cls)) return null; // reported by classesInOrder
  visiting.add(cls);
  const inits = new Map<string, string>();
  let ok = true;
  for (const f of cls.fields.values()) {
    let c: string | null;
    if (f.embedded && f.ty.tag === "struct") {
      const inner = fieldInitializers(ctx, f.ty.cls, visiting);
      c = inner && structInit(inner);
    } else if (f.ty.tag === "array") {
      const a = arrayNew(ctx, f.decl.initializer as ts.NewExpression);
      c = a && arrayStaticInit(ctx, cls.mod, a);
    } else c = constInitializer(ctx, cls.mod, f.decl.initializer!, f.ty);
    if (c === null) ok = false;
    else inits.set(f.cName, c);
  }
  visiting.delete(cls);
  return ok ? inits : null;
}
