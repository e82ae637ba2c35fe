// Functions and methods: signatures (the declare pass) and bodies (the emit pass).
//
// Only module-level `function` declarations and class methods exist (nesting and closures are
// TSK1101 where they appear). Every parameter and return type is annotated (TSK2005); parameters
// have no default, rest or `?` (TSK1102). A function returning `never` is `_Noreturn void`, so
// its C prototype matches the runtime header's declaration of kernel_panic__panic. A method
// takes its object as `self`, a struct pointer. A signature that fails its checks is recorded
// with null types: the function is not emitted and calls to it are not checked further. A body
// starts by telling the C compiler that each usize parameter is below 2^53 (TSK_ASSUME_USIZE),
// the invariant of the type, so it can drop the range checks that follow from it; a parameter
// named `_x` (unused on purpose) is cast to void, so -Wextra does not warn.

import { tyOfTypeNode } from "./check_types.ts";
import { cLine } from "./c_text.ts";
import type { ClassInfo, Ctx, FnCtx, FuncInfo, ParamInfo } from "./context.ts";
import { checkEscapes } from "./check_escape.ts";
import { emitStatements, lineOf, Out } from "./emit_stmt.ts";
import { instanceCtx } from "./monomorph.ts";
import { globalName, localName, methodName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { cDecl, cType, type Ty } from "./types.ts";

const SK = ts.SyntaxKind;

/** Records the signature of a function or method. */
export function declareFunction(
  ctx: Ctx,
  m: ModuleInfo,
  decl: ts.FunctionDeclaration | ts.MethodDeclaration,
  cls?: ClassInfo,
  inst?: { typeArgs: Map<ts.Node, Ty>; key: string },
): FuncInfo | null {
  const rep = ctx.rep;
  if (!decl.name || !ts.isIdentifier(decl.name)) {
    rep.at(decl, "TSK1000", "unsupported syntax: function without a plain name");
    return null;
  }
  const name = decl.name.text;
  if (decl.asteriskToken) rep.at(decl, "TSK1203", "generator function");
  if (ts.getModifiers(decl)?.some((x) => x.kind === SK.AsyncKeyword)) {
    rep.at(decl, "TSK1203", "async function");
  }
  if (decl.typeParameters && !inst) {
    rep.at(decl, "TSK1401", `generic ${cls ? "method" : "function"} (only module-level functions)`);
  }
  const params: ParamInfo[] = [];
  for (const p of decl.parameters) {
    if (ts.getDecorators(p)?.length) rep.at(p, "TSK1000", "unsupported syntax: decorator");
    if (!ts.isIdentifier(p.name)) {
      rep.at(p.name, "TSK2004", "destructuring parameter");
      continue;
    }
    if (p.dotDotDotToken || p.initializer || p.questionToken || p.name.text === "this") {
      rep.at(p, "TSK1102", "parameter default, rest, optional or 'this' parameter");
    }
    let ty: Ty | null = null;
    if (p.type) ty = tyOfTypeNode(ctx, p.type, "param");
    else rep.at(p, "TSK2005", `parameter '${p.name.text}' needs a type annotation`);
    params.push({ decl: p, cName: localName(p.name.text), ty: ty! });
  }
  let ret: Ty | null = null;
  if (decl.type) ret = tyOfTypeNode(ctx, decl.type, "return");
  else rep.at(decl.name, "TSK2005", `'${name}' needs a return type annotation`);
  let cName = cls ? methodName(m.prefix, cls.name, name) : globalName(m.prefix, name);
  if (inst) cName += `__${inst.key}`;
  return { decl, mod: m, name, cName, params, ret: ret!, cls, typeArgs: inst?.typeArgs };
}

/** Whether a signature passed its checks. */
export function signatureOk(f: FuncInfo): boolean {
  return !!f.ret && f.params.every((p) => !!p.ty) &&
    f.params.length === f.decl.parameters.length;
}

/** The C signature `ret name(params)`. */
export function cSignature(f: FuncInfo): string {
  const params = f.params.map((p) => cDecl(p.ty, p.cName));
  if (f.cls) params.unshift(`struct ${f.cls.cName} *self`);
  const ret = f.ret.tag === "never" ? "_Noreturn void" : cType(f.ret);
  const sep = ret.endsWith("*") ? "" : " ";
  return `${ret}${sep}${f.cName}(${params.length ? params.join(", ") : "void"})`;
}

/** Emits the definition of a function or method. A function whose signature failed its checks
 *  is still walked, for the diagnostics of its body, but its C goes to a scratch Out. */
export function emitFunction(ctx: Ctx, f: FuncInfo, out: Out): void {
  if (f.typeArgs) ctx = instanceCtx(ctx, f.name, f.typeArgs);
  const fc: FnCtx = { ctx, mod: f.mod, fn: f, locals: new Map() };
  for (const p of f.params) if (p.ty) fc.locals.set(p.decl, { cName: p.cName, ty: p.ty });
  const ok = signatureOk(f);
  const dest = ok ? out : new Out();
  dest.directive(cLine(lineOf(f.decl), f.mod.path));
  dest.open(`${ok ? cSignature(f) : f.cName} {`);
  for (const p of f.params) {
    if (p.ty?.tag === "int" && p.ty.kind === "usize") dest.line(`TSK_ASSUME_USIZE(${p.cName});`);
    // A parameter named _x is unused on purpose (TypeScript's and deno lint's convention):
    // say so to the C compiler too, so -Wextra stays quiet.
    const name = ts.isIdentifier(p.decl.name) ? p.decl.name.text : "";
    if (name.startsWith("_")) dest.line(`(void)${p.cName};`);
  }
  emitStatements(fc, f.decl.body?.statements ?? [], dest);
  checkEscapes(fc);
  dest.close("}");
}
