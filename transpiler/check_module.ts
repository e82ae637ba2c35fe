// Module level (docs/SUBSET.md §1): what a kernel module may contain besides declarations.
//
// A module is a list of declarations, so module order never matters: imports of named,
// unrenamed bindings from relative or `@arch/` `.ts` specifiers; `export { a } from` re-exports;
// functions, classes, enums, consts/lets and type aliases. Everything else at module level is a
// statement (TSK1002) or an unsupported import/export form (TSK1001). Only the exported
// functions of the prelude with a C lowering (intrinsics.ts) may be imported (TSK1003); this is
// checked on the resolved symbol, so it also holds through re-exports. The "use unsafe"
// directive is only meaningful as the first statement.

import { type Ctx, declOf, preludeOf } from "./context.ts";
import { preludeName } from "./intrinsics.ts";
import { isUnsafeDirective, type ModuleInfo } from "./program.ts";
import { kindName, ts } from "./tsapi.ts";

const SK = ts.SyntaxKind;

export interface ModuleVar {
  decl: ts.VariableDeclaration;
  isConst: boolean;
}

/** The declarations of a module that produce C. */
export interface ModuleDecls {
  functions: ts.FunctionDeclaration[];
  classes: ts.ClassDeclaration[];
  vars: ModuleVar[];
  enums: ts.EnumDeclaration[];
  aliases: ts.TypeAliasDeclaration[];
}

function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false;
}

/** Checks the module-level statements of m and returns its declarations. */
export function checkModule(ctx: Ctx, m: ModuleInfo): ModuleDecls {
  const rep = ctx.rep;
  checkIdentifiers(ctx, m.sf);
  const out: ModuleDecls = { functions: [], classes: [], vars: [], enums: [], aliases: [] };
  m.sf.statements.forEach((st, i) => {
    if (i === 0 && isUnsafeDirective(st)) return;
    if (
      ts.canHaveModifiers(st) && hasModifier(st, SK.DefaultKeyword) ||
      ts.isExportAssignment(st)
    ) {
      rep.at(st, "TSK1001", "default export");
      return;
    }
    if (ts.canHaveModifiers(st) && hasModifier(st, SK.DeclareKeyword)) {
      rep.at(st, "TSK1000", "unsupported syntax: declare");
      return;
    }
    switch (st.kind) {
      case SK.ImportDeclaration:
        return checkImport(ctx, st as ts.ImportDeclaration);
      case SK.ExportDeclaration:
        return checkExport(ctx, st as ts.ExportDeclaration);
      case SK.FunctionDeclaration: {
        const f = st as ts.FunctionDeclaration;
        if (!f.body) rep.at(st, "TSK1000", "unsupported syntax: function overload or declaration");
        else out.functions.push(f);
        return;
      }
      case SK.ClassDeclaration:
        out.classes.push(st as ts.ClassDeclaration);
        return;
      case SK.VariableStatement: {
        const list = (st as ts.VariableStatement).declarationList;
        if ((list.flags & ts.NodeFlags.BlockScoped) === 0) {
          rep.at(st, "TSK1103", "'var': use let or const");
        } else if ((list.flags & ts.NodeFlags.Using) !== 0) {
          rep.at(st, "TSK1000", "unsupported syntax: using");
          return;
        }
        const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
        for (const decl of list.declarations) out.vars.push({ decl, isConst });
        return;
      }
      case SK.TypeAliasDeclaration:
        out.aliases.push(st as ts.TypeAliasDeclaration);
        return;
      case SK.EmptyStatement:
        return;
      case SK.InterfaceDeclaration:
        rep.at(st, "TSK1000", "unsupported syntax: interface (use a class of fields)");
        return;
      case SK.EnumDeclaration:
        out.enums.push(st as ts.EnumDeclaration);
        return;
      case SK.ModuleDeclaration:
        rep.at(st, "TSK1000", "unsupported syntax: namespace");
        return;
      case SK.ImportEqualsDeclaration:
        rep.at(st, "TSK1001", "import = require");
        return;
      case SK.ExpressionStatement:
      case SK.IfStatement:
      case SK.DoStatement:
      case SK.WhileStatement:
      case SK.ForStatement:
      case SK.ForInStatement:
      case SK.ForOfStatement:
      case SK.Block:
      case SK.ReturnStatement:
      case SK.SwitchStatement:
      case SK.LabeledStatement:
      case SK.ThrowStatement:
      case SK.TryStatement:
      case SK.BreakStatement:
      case SK.ContinueStatement:
      case SK.WithStatement:
      case SK.DebuggerStatement:
        rep.at(st, "TSK1002", "statement at module level (module order would matter)");
        return;
      default:
        rep.at(st, "TSK1000", `unsupported syntax: ${kindName(st.kind)}`);
    }
  });
  return out;
}

/** A specifier must be relative or `@arch/`, and name a .ts file. */
function checkSpecifier(ctx: Ctx, spec: ts.Expression): void {
  const text = ts.isStringLiteral(spec) ? spec.text : "";
  const ok = /^(\.\.?\/|@arch\/)/.test(text) && text.endsWith(".ts");
  if (!ok) {
    ctx.rep.at(spec, "TSK1001", `module specifier must be relative or @arch/ and end in .ts`);
  }
}

function checkImport(ctx: Ctx, st: ts.ImportDeclaration): void {
  const rep = ctx.rep;
  checkSpecifier(ctx, st.moduleSpecifier);
  if (st.attributes) rep.at(st.attributes, "TSK1001", "import attributes");
  const clause = st.importClause;
  if (!clause) {
    rep.at(st, "TSK1001", "side-effect import (a module has no effects)");
    return;
  }
  if (clause.name) rep.at(clause.name, "TSK1001", "default import");
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) rep.at(nb, "TSK1001", "namespace import");
  if (nb && ts.isNamedImports(nb)) {
    for (const el of nb.elements) {
      if (el.propertyName) rep.at(el, "TSK1001", "renaming import ('as')");
      checkPreludeName(ctx, el.name);
    }
  }
}

function checkExport(ctx: Ctx, st: ts.ExportDeclaration): void {
  const rep = ctx.rep;
  if (st.moduleSpecifier) checkSpecifier(ctx, st.moduleSpecifier);
  if (st.attributes) rep.at(st.attributes, "TSK1001", "export attributes");
  const clause = st.exportClause;
  if (!clause) {
    rep.at(st, "TSK1001", "export * (list the names)");
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    rep.at(clause, "TSK1001", "export * as");
    return;
  }
  for (const el of clause.elements) {
    if (el.propertyName || !ts.isIdentifier(el.name)) {
      rep.at(el, "TSK1001", "renaming export ('as')");
    } else checkPreludeName(ctx, el.name);
  }
}

/** TSK1003 if name resolves to a prelude export that kernel code may not use. */
function checkPreludeName(ctx: Ctx, name: ts.Identifier): void {
  const decl = declOf(ctx, name);
  const pre = decl && preludeOf(ctx, decl);
  if (pre && !preludeName(pre.module, pre.name)) {
    ctx.rep.at(name, "TSK1003", `'${pre.name}' of the prelude is not available in kernel code`);
  }
}

/** Rejects identifiers with `$` (TSK1209): mangling writes it `_S_`, so `a$b` and `a_S_b` would
 * become one C name. */
function checkIdentifiers(ctx: Ctx, node: ts.Node): void {
  if (
    (node.kind === ts.SyntaxKind.Identifier || node.kind === ts.SyntaxKind.PrivateIdentifier) &&
    (node as ts.Identifier).text.includes("$")
  ) {
    ctx.rep.at(node, "TSK1209", `identifier '${(node as ts.Identifier).text}' contains '$'`);
  }
  ts.forEachChild(node, (child) => checkIdentifiers(ctx, child));
}
