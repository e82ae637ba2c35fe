// Enums of constant integers (docs/SUBSET.md §2, "Enums").
//
// `export enum Errno { OK = 0, EIO = 5 }` is a set of named integer constants with a type of its
// own. Every member has an explicit initialiser that TypeScript evaluates to a constant integer
// (literals, operators and members of enums: TypeScript's "constant enum members", computed with
// JS semantics, so Deno's enum object holds the same numbers); the values fit u32, or i32 when
// one is negative, and that kind is the enum's representation. Deno keeps TypeScript's numeric
// enum object; C gets a typedef'd enum with that fixed underlying type, so a value is exactly a
// uint32_t/int32_t, and each member is an enumerator `<prefix>__<Enum>__<Member>` (an integer
// constant expression, usable in `case` labels). `const enum`, string members and `declare enum`
// are TSK2601. A value of an enum type only meets the same enum (=== and !==, `case`, stores and
// arguments); the integer is taken explicitly with a wrap, `u32(e)`, and no integer becomes an
// enum (write a switch). Everything else that treats an enum as a number is TSK2602.

import { cLine, cTypedLit } from "./c_text.ts";
import { constEval } from "./const_eval.ts";
import {
  BAD,
  type Ctx,
  declOf,
  type EnumInfo,
  type EnumMemberInfo,
  type FnCtx,
  NO_FX,
  type Val,
} from "./context.ts";
import { lineOf, type Out } from "./emit_stmt.ts";
import { globalName } from "./names.ts";
import type { ModuleInfo } from "./program.ts";
import { ts } from "./tsapi.ts";
import { INT_KINDS, type IntKind, kindRange } from "./types.ts";

const SK = ts.SyntaxKind;

/** Records an enum and computes its members' values. */
export function declareEnum(ctx: Ctx, m: ModuleInfo, decl: ts.EnumDeclaration): void {
  const rep = ctx.rep;
  const name = decl.name.text;
  if (ts.getModifiers(decl)?.some((x) => x.kind === SK.ConstKeyword)) {
    rep.at(decl, "TSK2601", `'const enum ${name}': write a plain enum`);
    return;
  }
  if (decl.members.length === 0) {
    rep.at(decl.name, "TSK2601", `enum ${name} has no members`);
    return;
  }
  const cName = globalName(m.prefix, name);
  const values: [ts.EnumMember, string, bigint][] = [];
  let ok = true;
  for (const mem of decl.members) {
    if (!ts.isIdentifier(mem.name)) {
      rep.at(mem.name, "TSK2601", "an enum member is named by an identifier");
      ok = false;
      continue;
    }
    const v = memberValue(ctx, mem);
    if (v === null) ok = false;
    else values.push([mem, mem.name.text, v]);
  }
  if (!ok) return;
  const repr: IntKind = values.some(([, , v]) => v < 0n) ? "i32" : "u32";
  const [min, max] = kindRange(repr);
  const members = new Map<string, EnumMemberInfo>();
  for (const [mem, mName, v] of values) {
    if (v < min || v > max) {
      rep.at(mem, "TSK2601", `${name}.${mName} = ${v} does not fit ${repr}, the enum's kind`);
      return;
    }
    members.set(mName, { name: mName, cName: `${cName}__${mName}`, value: v });
  }
  ctx.enums.set(decl, { decl, mod: m, name, cName, repr, members });
}

/** The integer value of a member's initialiser; null if it has none or it is not one. */
function memberValue(ctx: Ctx, mem: ts.EnumMember): bigint | null {
  const what = `${(mem.parent as ts.EnumDeclaration).name.text}.${mem.name.getText()}`;
  if (!mem.initializer) {
    ctx.rep.at(mem, "TSK2601", `${what} needs an explicit value (= <integer>)`);
    return null;
  }
  const v = ctx.checker.getConstantValue(mem);
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  const why = typeof v === "string"
    ? "a string enum member"
    : "not a constant integer (literals, operators and members of enums only)";
  ctx.rep.at(mem.initializer, "TSK2601", `${what}: ${why}`);
  return null;
}

/** The C typedef of an enum: an enum with its fixed underlying type (C23, a clang extension). */
export function emitEnumType(en: EnumInfo, out: Out): void {
  out.directive(cLine(lineOf(en.decl), en.mod.path));
  out.open(`typedef enum ${en.cName} : ${INT_KINDS[en.repr].c} {`);
  const hex = new Map(
    en.decl.members.map((mem) => [mem.name.getText(), /^0[xX]/.test(mem.initializer!.getText())]),
  );
  for (const mem of en.members.values()) {
    out.line(`${mem.cName} = ${cTypedLit(en.repr, mem.value, hex.get(mem.name) ?? false)},`);
  }
  out.close(`} ${en.cName};`);
}

/** The enum a name refers to (the enum object `Errno`), if it is one. */
export function enumOfName(ctx: Ctx, name: ts.Node): EnumInfo | undefined {
  const decl = declOf(ctx, name);
  return decl && ts.isEnumDeclaration(decl) ? ctx.enums.get(decl) : undefined;
}

/** Whether a declaration is an enum (compiled or not): the enum object is not a value. */
export function isEnumDecl(decl: ts.Node | undefined): boolean {
  return !!decl && (ts.isEnumDeclaration(decl) || ts.isEnumMember(decl));
}

/** `E.Member`: the enumerator; null if node is not a member access on an enum. */
export function emitEnumMember(fc: FnCtx, node: ts.PropertyAccessExpression): Val | null {
  const decl = declOf(fc.ctx, node.expression);
  if (!decl || !ts.isEnumDeclaration(decl)) return null;
  const en = fc.ctx.enums.get(decl);
  if (!en) return notCompiled(fc.ctx, node, decl);
  const mem = ts.isIdentifier(node.name) ? en.members.get(node.name.text) : undefined;
  if (!mem) return BAD; // TypeScript reports an unknown member
  return { tag: "ty", ty: { tag: "enum", en }, c: mem.cName, fx: NO_FX };
}

/** An enum that is not registered: it failed its checks (reported), or it is not compiled. */
export function notCompiled(ctx: Ctx, node: ts.Node, decl: ts.EnumDeclaration): Val {
  if (!ctx.modules.has(decl.getSourceFile())) {
    ctx.rep.at(node, "TSK2601", `enum ${decl.name.text} is not declared in a compiled module`);
  }
  return BAD;
}

/** The enumerator whose value a constant expression of enum type has (for C initialisers). */
export function enumConstant(ctx: Ctx, en: EnumInfo, init: ts.Expression): string | null {
  const v = constEval(ctx, init);
  if (typeof v !== "number") return null;
  for (const mem of en.members.values()) if (mem.value === BigInt(v)) return mem.cName;
  return null;
}
