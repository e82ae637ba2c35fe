// Generic functions by monomorphization (docs/SUBSET.md §4, "Generic functions").
//
// `function max<T extends u32 | u64>(a: T, b: T): T` declares one function per type its
// constraint lists: the constraint is the explicit, closed list of instantiations. Each instance
// is an ordinary function whose signature and body are lowered with T bound to one type
// (`ctx.typeArgs`, read by type_refs.ts), named `<prefix>__max__u32`; every instance is lowered
// and so checked, used or not, which is what makes a generic body legal for every instantiation
// (an error in one instance says which: "(in max<u32>)"). The linker drops unused instances.
// Deno runs the one JS function with whatever values it is given; an instance's C is exactly
// what the body means for values of its types, so the two agree for every call. A call site
// takes its type arguments from TypeScript's resolution of the call (explicit or inferred, which
// may be a type parameter of the calling instance), and they must be among the listed types.
// Constraints list integer kinds, boolean, string, enums and classes (TSK1401 otherwise, as for
// an unconstrained parameter, a default type, generic classes, methods and type aliases).

import { tyOfTypeNode } from "./check_types.ts";
import { BAD, type Ctx, declOf, type FnCtx, type GenericInfo, type Val } from "./context.ts";
import { EFFECT_FX, finishCall } from "./emit_call.ts";
import { declareFunction } from "./emit_func.ts";
import type { Reporter } from "./diagnostics.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { classifyType, type Ty, tyEq, tyName } from "./types.ts";

/** The most instances a generic function may have (the product of its constraints' sizes). */
export const MAX_INSTANCES = 64;

/** The part of an instance's C name that one type argument gives. */
function tyKey(t: Ty): string {
  switch (t.tag) {
    case "int":
      return t.kind;
    case "enum":
      return t.en.cName;
    case "struct":
      return t.cls.cName;
    default:
      return t.tag;
  }
}

/** The key of an instance: its type arguments' keys, `__`-separated. */
export function instanceKey(args: Ty[]): string {
  return args.map(tyKey).join("__");
}

/** Records a generic function and declares all its instances. */
export function declareGeneric(ctx: Ctx, m: ModuleInfo, decl: ts.FunctionDeclaration): void {
  const rep = ctx.rep;
  const name = decl.name?.text ?? "";
  const params: GenericInfo["params"] = [];
  for (const tp of decl.typeParameters ?? []) {
    if (tp.default) rep.at(tp.default, "TSK1401", "a type parameter default");
    if (!tp.constraint) {
      rep.at(tp, "TSK1401", `'${tp.name.text}' needs a constraint that lists its types`);
      return;
    }
    const members = ts.isUnionTypeNode(tp.constraint) ? tp.constraint.types : [tp.constraint];
    const choices: Ty[] = [];
    for (const mem of members) {
      const t = tyOfTypeNode(ctx, mem, "param");
      if (!t) return; // reported
      if (t.tag === "fn") {
        rep.at(mem, "TSK1401", "a function type as a type argument");
        return;
      }
      if (!choices.some((c) => tyEq(c, t))) choices.push(t);
    }
    params.push({ decl: tp, choices });
  }
  const count = params.reduce((n, p) => n * p.choices.length, 1);
  if (count > MAX_INSTANCES) {
    rep.at(decl.name ?? decl, "TSK1401", `${count} instances (at most ${MAX_INSTANCES})`);
    return;
  }
  const gen: GenericInfo = { decl, mod: m, name, params, instances: new Map() };
  ctx.generics.set(decl, gen);
  for (const args of product(params.map((p) => p.choices))) {
    const typeArgs = new Map(params.map((p, i) => [p.decl as ts.Node, args[i]]));
    const key = instanceKey(args);
    const fi = declareFunction({ ...ctx, typeArgs }, m, decl, undefined, { typeArgs, key });
    if (fi) gen.instances.set(key, fi);
  }
}

function product(lists: Ty[][]): Ty[][] {
  return lists.reduce<Ty[][]>((acc, l) => acc.flatMap((a) => l.map((t) => [...a, t])), [[]]);
}

/** How an instance is written in messages: `max<u32>`. */
export function instanceName(name: string, typeArgs: Map<ts.Node, Ty>): string {
  return `${name}<${[...typeArgs.values()].map(tyName).join(", ")}>`;
}

/** Whether a call's callee is a generic kernel function (so it may have type arguments). */
export function isGenericCall(ctx: Ctx, node: ts.CallExpression): boolean {
  const decl = ts.isIdentifier(node.expression) ? declOf(ctx, node.expression) : undefined;
  return !!decl && ctx.generics.has(decl);
}

/** A call of a generic function: the instance for TypeScript's type arguments. */
export function callGeneric(fc: FnCtx, node: ts.CallExpression, gen: GenericInfo): Val {
  const { ctx } = fc;
  const checker = ctx.checker;
  const sig = checker.getResolvedSignature(node);
  const targs = sig && checker.getTypeArgumentsForResolvedSignature(sig);
  if (!targs || targs.length !== gen.params.length) {
    ctx.rep.at(node, "TSK1402", `cannot tell the type arguments of ${gen.name}: write them`);
    return BAD;
  }
  const args: Ty[] = [];
  for (let i = 0; i < targs.length; i++) {
    const t = tyOfType(ctx, targs[i]);
    const p = gen.params[i];
    const list = p.choices.map(tyName).join(" | ");
    const tp = p.decl.name.text;
    if (!t) {
      const what = checker.typeToString(targs[i]);
      ctx.rep.at(node, "TSK1402", `${gen.name}: ${tp} is '${what}', not one of ${list}`);
      return BAD;
    }
    if (!p.choices.some((c) => tyEq(c, t))) {
      ctx.rep.at(node, "TSK1402", `${gen.name}: ${tp} = ${tyName(t)} is not one of ${list}`);
      return BAD;
    }
    args.push(t);
  }
  const inst = gen.instances.get(instanceKey(args));
  if (!inst || inst.params.some((p) => !p.ty) || !inst.ret) return BAD; // reported
  const params = inst.params.map((p) => p.ty);
  return finishCall(fc, node, inst.cName, [], [], params, inst.ret, EFFECT_FX.call);
}

/** The subset type of a type the checker computed (a type argument); null if none. */
function tyOfType(ctx: Ctx, type: ts.Type): Ty | null {
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const decl = type.getSymbol()?.declarations?.[0];
    return (decl && ctx.typeArgs?.get(decl)) ?? null;
  }
  // An enum, one of its members, or a union of its members (inferred from member arguments).
  const parts = type.isUnion() ? type.types : [type];
  if (parts.every((t) => t.flags & ts.TypeFlags.EnumLike)) {
    const found = new Set(parts.map((t) => {
      const decl = t.getSymbol()?.declarations?.[0];
      return decl && ts.isEnumMember(decl) ? decl.parent : decl;
    }));
    const [decl] = found;
    const en = found.size === 1 && decl ? ctx.enums.get(decl) : undefined;
    return en ? { tag: "enum", en } : null;
  }
  const c = classifyType(ctx.checker, ctx.classes, type);
  return c.tag === "ty" ? c.ty : null;
}

/** The context an instance's body is lowered in: T bound, and each message naming the instance.
 *  (The reporter is the build's own, seen through a prototype whose `add` appends the note.) */
export function instanceCtx(ctx: Ctx, name: string, typeArgs: Map<ts.Node, Ty>): Ctx {
  const note = ` (in ${instanceName(name, typeArgs)})`;
  const base = ctx.rep;
  const rep: Reporter = Object.create(base);
  rep.add = (d) => base.add({ ...d, message: d.message + note });
  return { ...ctx, rep, typeArgs };
}
