// Formatted kernel log lines without allocation (docs/SUBSET.md §6, "klog templates").
//
// A template literal is allowed in exactly one place: as the argument of a statement that calls
// `klog` or `kprint` of kernel/klog.ts (the klog.ts beside the prelude's int.ts). Deno builds the
// JS string and writes its bytes; C never builds it. The statement becomes a block that first
// evaluates every substitution into a temporary, left to right (JS evaluates them all before
// klog runs, so a call in a substitution, or a panic, comes before any byte of the line in both
// worlds), then writes the text and the values with klog.ts's writers, which print exactly what
// JS's string conversion gives: unsigned kinds in decimal (kprintU32/kprintU64), signed kinds
// with a '-' (kprintI64), booleans as true/false, strings as they are, enums as their integer,
// and hex(x) of an unsigned kind (kernel/fmt.ts) as 0x and lowercase digits (kprintHex32/64).
// klog then ends the line with kputc('\n'); kprint does not. Text parts follow the string
// literal rules (ASCII, escapes \n \t \\ \" \0, plus \` and \$). Any other substitution
// (a raw integer, a struct, a function value) or a missing writer is TSK2202; a template
// anywhere else stays TSK1207.

import { dirname, resolve } from "node:path";
import { cString } from "./c_text.ts";
import { type Ctx, declOf, type FnCtx, preludeOf } from "./context.ts";
import { emitValue, type TyVal } from "./emit_expr.ts";
import type { Out } from "./emit_stmt.ts";
import { ts } from "./tsapi.ts";
import { cDecl, INT_KINDS, type IntKind, type Ty, tyEq, tyName } from "./types.ts";

/** The writers of kernel/klog.ts that the lowering calls, with their parameter types. */
const WRITERS: Record<string, Ty> = {
  kprint: { tag: "str" },
  kputc: { tag: "int", kind: "u8" },
  kprintU32: { tag: "int", kind: "u32" },
  kprintU64: { tag: "int", kind: "u64" },
  kprintI64: { tag: "int", kind: "i64" },
  kprintHex32: { tag: "int", kind: "u32" },
  kprintHex64: { tag: "int", kind: "u64" },
};

/** The sinks: functions of kernel/klog.ts that take a template, and whether they add a newline. */
const SINKS: Record<string, boolean> = { klog: true, kprint: false };

/** The file name of the klog module: klog.ts in the prelude's folder. */
function klogPath(ctx: Ctx): string | undefined {
  for (const [file, module] of ctx.prelude) {
    if (module === "int") return resolve(dirname(file), "klog.ts");
  }
  return undefined;
}

/** If `e` is a call of a sink with a template literal argument: emits it and returns true. */
export function emitKlogTemplate(fc: FnCtx, e: ts.Expression, out: Out): boolean {
  if (!ts.isCallExpression(e) || e.arguments.length !== 1 || !ts.isIdentifier(e.expression)) {
    return false;
  }
  const tpl = e.arguments[0];
  if (!ts.isTemplateExpression(tpl) && !ts.isNoSubstitutionTemplateLiteral(tpl)) return false;
  const { ctx } = fc;
  const decl = declOf(ctx, e.expression);
  const path = klogPath(ctx);
  const sink = decl && ts.isFunctionDeclaration(decl) && decl.name?.text;
  if (!sink || !Object.hasOwn(SINKS, sink) || decl.getSourceFile().fileName !== path) return false;
  const writers = findWriters(fc, e, path);
  const temps: string[] = [];
  const puts: string[] = [];
  const text = (part: ts.TemplateLiteralLikeNode): void => {
    if (checkText(fc, part) && part.text !== "" && writers) {
      puts.push(writers.kprint(`TSK_STR(${cString(part.text)})`));
    }
  };
  if (ts.isNoSubstitutionTemplateLiteral(tpl)) text(tpl);
  else {
    text(tpl.head);
    tpl.templateSpans.forEach((span, i) => {
      const put = substitution(fc, span.expression, `tsk_fmt${i}`, temps);
      if (put && writers) puts.push(writers[put.writer](put.arg));
      text(span.literal);
    });
  }
  if (SINKS[sink] && writers) puts.push(writers.kputc("10"));
  out.open("{");
  for (const t of temps) out.line(t);
  for (const p of puts) out.line(`${p};`);
  out.close("}");
  return true;
}

type Writers = Record<keyof typeof WRITERS, (arg: string) => string>;

/** The writers' C calls; null if klog.ts lacks one (reported). */
function findWriters(fc: FnCtx, call: ts.CallExpression, path: string): Writers | null {
  const found = new Map<string, string>();
  for (const f of fc.ctx.functions.values()) {
    if (f.cls || f.decl.getSourceFile().fileName !== path || !Object.hasOwn(WRITERS, f.name)) {
      continue;
    }
    const ok = f.ret?.tag === "void" && f.params.length === 1 && !!f.params[0].ty &&
      tyEq(f.params[0].ty, WRITERS[f.name]);
    if (ok) found.set(f.name, f.cName);
  }
  const missing = Object.keys(WRITERS).filter((w) => !found.has(w));
  if (missing.length > 0) {
    const list = missing.map((w) => `${w}(v: ${tyName(WRITERS[w])}): void`).join(", ");
    fc.ctx.rep.at(call, "TSK2202", `klog.ts lacks the writers of templates: ${list}`);
    return null;
  }
  const out = {} as Writers;
  for (const [name, cName] of found) out[name] = (arg) => `${cName}(${arg})`;
  return out;
}

/** Checks a text part against the string literal rules (docs/SUBSET.md §6). */
function checkText(fc: FnCtx, part: ts.TemplateLiteralLikeNode): boolean {
  const raw = part.rawText ?? "";
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const bad = code < 0x20 || code > 0x7e ||
      (raw[i] === "\\" && !/^\\([nt\\"`$]|0(?![0-9]))/.test(raw.slice(i, i + 3)));
    if (bad) {
      fc.ctx.rep.at(
        part,
        "TSK2201",
        'template text is ASCII with escapes \\n \\t \\\\ \\" \\0 \\` \\$ only',
      );
      return false;
    }
    if (raw[i] === "\\") i++;
  }
  return true;
}

/** One substitution: its temporary (pushed to temps) and the writer that prints it. */
function substitution(
  fc: FnCtx,
  e: ts.Expression,
  temp: string,
  temps: string[],
): { writer: keyof typeof WRITERS; arg: string } | null {
  const rep = fc.ctx.rep;
  const hexArg = hexArgument(fc, e);
  const v = emitValue(fc, hexArg ?? e, "formatted");
  if (!v) return null;
  const declare = (ty: Ty, c: string) => temps.push(`${cDecl(ty, temp, true)} = ${c};`);
  const kind: IntKind | null = v.ty.tag === "int"
    ? v.ty.kind
    : v.ty.tag === "enum"
    ? v.ty.en.repr
    : null;
  if (hexArg) {
    if (!kind || v.ty.tag !== "int" || INT_KINDS[kind].signed) {
      rep.at(e, "TSK2202", `hex() of a ${tyName(v.ty)}: an unsigned integer kind only`);
      return null;
    }
    declare(v.ty, v.c);
    return INT_KINDS[kind].bits <= 32
      ? { writer: "kprintHex32", arg: `(uint32_t)${temp}` }
      : { writer: "kprintHex64", arg: `(uint64_t)${temp}` };
  }
  if (kind) {
    declare(v.ty, v.c);
    if (INT_KINDS[kind].signed) return { writer: "kprintI64", arg: `(int64_t)${temp}` };
    return INT_KINDS[kind].bits <= 32
      ? { writer: "kprintU32", arg: `(uint32_t)${temp}` }
      : { writer: "kprintU64", arg: `(uint64_t)${temp}` };
  }
  return printable(fc, e, v, temp, declare);
}

function printable(
  fc: FnCtx,
  e: ts.Expression,
  v: TyVal,
  temp: string,
  declare: (ty: Ty, c: string) => void,
): { writer: keyof typeof WRITERS; arg: string } | null {
  if (v.ty.tag === "str") {
    declare(v.ty, v.c);
    return { writer: "kprint", arg: temp };
  }
  if (v.ty.tag === "bool") {
    declare(v.ty, v.c);
    return { writer: "kprint", arg: `${temp} ? TSK_STR("true") : TSK_STR("false")` };
  }
  fc.ctx.rep.at(e, "TSK2202", `a ${tyName(v.ty)} in a klog template (integers, booleans, strings)`);
  return null;
}

/** The argument of `hex(x)` (kernel/fmt.ts) if e is such a call. */
function hexArgument(fc: FnCtx, e: ts.Expression): ts.Expression | undefined {
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.arguments.length !== 1) {
    return undefined;
  }
  const decl = declOf(fc.ctx, e.expression);
  const pre = decl && preludeOf(fc.ctx, decl);
  return pre?.module === "fmt" && pre.name === "hex" ? e.arguments[0] : undefined;
}
