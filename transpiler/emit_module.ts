// The translation unit: all compiled modules of a build as one C file.
//
// Two passes. The declare pass checks each module's top level (check_module.ts) and records
// every class, then every field, method and function signature and module-level variable, so
// that the emit pass can resolve any reference regardless of module order (enums and function
// type aliases come first: fields and signatures use them; a generic function declares all its
// instances, monomorph.ts). The emit pass writes five sections, each in module order then source
// order: types (enum and function pointer typedefs, when there are any), struct definitions,
// prototypes of all functions (so definition order never matters), globals, and function
// definitions. All symbols have external linkage; two declarations that mangle to the same C name
// are an error.

import { checkModule, type ModuleDecls } from "./check_module.ts";
import type { ClassInfo, Ctx, FuncInfo, GlobalInfo } from "./context.ts";
import {
  classesInOrder,
  declareMembers,
  emitStruct,
  fieldInitializers,
  registerClass,
} from "./emit_class.ts";
import { cSignature, declareFunction, emitFunction, signatureOk } from "./emit_func.ts";
import { declareEnum, emitEnumType } from "./emit_enum.ts";
import { declareAlias, emitFnTypedefs } from "./emit_fnptr.ts";
import { declareGlobal, emitGlobal } from "./emit_global.ts";
import { emitLayoutStruct } from "./emit_layout.ts";
import { layoutsInOrder, registerLayouts } from "./layout_model.ts";
import { declareGeneric } from "./monomorph.ts";
import { Out } from "./emit_stmt.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";

/** Lowers the modules (in dependency order) to one C translation unit. */
export function emitProgram(ctx: Ctx, modules: ModuleInfo[], banner: string): string {
  const decls = new Map<ModuleInfo, ModuleDecls>();
  for (const m of modules) decls.set(m, checkModule(ctx, m));
  registerLayouts(ctx, modules.map((m) => [m, decls.get(m)!.vars]));
  for (const m of modules) for (const c of decls.get(m)!.classes) registerClass(ctx, m, c);
  for (const m of modules) for (const e of decls.get(m)!.enums) declareEnum(ctx, m, e);
  for (const m of modules) for (const a of decls.get(m)!.aliases) declareAlias(ctx, a);
  const classes = [...ctx.classes.values()];
  for (const cls of classes) declareMembers(ctx, cls);
  const globals: GlobalInfo[] = [];
  for (const m of modules) {
    const d = decls.get(m)!;
    for (const f of d.functions) {
      if (f.typeParameters) {
        declareGeneric(ctx, m, f);
        continue;
      }
      const fi = declareFunction(ctx, m, f);
      if (fi) ctx.functions.set(f, fi);
    }
    for (const v of d.vars) {
      const g = declareGlobal(ctx, m, v.decl, v.isConst);
      if (g) {
        ctx.globals.set(v.decl, g);
        globals.push(g);
      }
    }
  }
  const order = new Map(modules.map((m, i) => [m, i]));
  const instances = [...ctx.generics.values()].flatMap((g) => [...g.instances.values()]);
  const functions = [...ctx.functions.values(), ...instances].sort((a, b) =>
    order.get(a.mod)! - order.get(b.mod)! || a.decl.pos - b.decl.pos
  );
  checkNames(ctx, functions, globals, classes);

  const out = new Out();
  out.line(banner);
  if (ctx.hosted) out.line("#define TSK_HOSTED 1 /* a Linux process: tsk_rt.h uses libc */");
  out.line('#include "tsk_rt.h"');
  if (ctx.layouts.size > 0) {
    section(out, "layouts");
    for (const lay of layoutsInOrder(ctx)) emitLayoutStruct(lay, out);
  }
  if (ctx.enums.size > 0 || ctx.fnTypes.size > 0) {
    section(out, "types");
    if (ctx.fnTypes.size > 0) { for (const cls of classes) out.line(`struct ${cls.cName};`); }
    for (const en of ctx.enums.values()) emitEnumType(en, out);
    emitFnTypedefs(ctx, out);
  }
  section(out, "structs");
  for (const cls of classesInOrder(ctx, classes)) emitStruct(cls, out);
  section(out, "prototypes");
  for (const f of functions) if (signatureOk(f)) out.line(`${cSignature(f)};`);
  section(out, "globals");
  const inits = new Map<ClassInfo, Map<string, string> | null>();
  for (const cls of classes) inits.set(cls, fieldInitializers(ctx, cls));
  for (const g of globals) emitGlobal(ctx, g, inits, out);
  section(out, "functions");
  for (const f of functions) {
    out.line("");
    emitFunction(ctx, f, out);
  }
  return out.lines.join("\n");
}

function section(out: Out, name: string): void {
  out.line("");
  out.line(`/* ---- ${name} ---- */`);
}

function checkNames(
  ctx: Ctx,
  functions: FuncInfo[],
  globals: GlobalInfo[],
  classes: ClassInfo[],
): void {
  const seen = new Map<string, ts.Node>();
  const claim = (name: string, node: ts.Node) => {
    const prev = seen.get(name);
    if (prev) {
      const where = `${ctx.rep.pathOf(prev.getSourceFile().fileName)}`;
      ctx.rep.at(node, "TSK1001", `C name ${name} is also the name of a declaration in ${where}`);
    } else seen.set(name, node);
  };
  for (const f of functions) claim(f.cName, f.decl);
  for (const g of globals) claim(g.cName, g.decl);
  for (const en of ctx.enums.values()) {
    claim(en.cName, en.decl);
    for (const mem of en.members.values()) claim(mem.cName, en.decl);
  }
  for (const [decl, sig] of ctx.fnTypes) claim(sig.cName!, decl);
  const tags = new Map<string, ts.Node>();
  for (const c of classes) {
    if (tags.has(c.cName)) ctx.rep.at(c.decl, "TSK1001", `struct ${c.cName} is defined twice`);
    tags.set(c.cName, c.decl);
  }
}
