// `new` in a function: stack instances of classes and local fixed arrays (docs/SUBSET.md §5.1, §9).
//
// `const t = new Token();` (or `let`) in a function body makes a C local struct initialised with
// the class's constant field initialisers, and binds `t` to its address, so t is a struct pointer
// like every other class value: `struct X tsk_obj_t = {...}; struct X *const t = &tsk_obj_t;`.
// In a loop body each iteration starts from a fresh, re-initialised object, as in JavaScript.
// `new` takes no arguments (there are no constructors) and appears only as the initialiser of a
// local or module-level binding or of a class field (TSK2502 elsewhere). The object must not
// outlive its block (check_escape.ts, TSK2501). A local `new FixedArray(...)` is emit_array.ts's.

import { noteStackObject } from "./check_escape.ts";
import type { ClassInfo, Ctx, FnCtx } from "./context.ts";
import { declOf } from "./context.ts";
import { fieldInitializers } from "./emit_class.ts";
import { emitLocalArray, isArrayNew, isStructArrayNew } from "./emit_array.ts";
import type { Out } from "./emit_stmt.ts";
import { localName } from "./names.ts";
import { ts } from "./tsapi.ts";
import { cDecl, type Ty } from "./types.ts";

/** The kernel class that `new C()` makes, or undefined (reported when not a FixedArray). */
export function newClass(ctx: Ctx, node: ts.NewExpression): ClassInfo | undefined {
  const decl = ts.isIdentifier(node.expression) ? declOf(ctx, node.expression) : undefined;
  const cls = decl && ctx.classes.get(decl);
  if (!cls) return undefined;
  if (node.typeArguments || (node.arguments?.length ?? 0) > 0) {
    ctx.rep.at(node, "TSK2502", "new C() takes no arguments: classes have no constructors");
  }
  return cls;
}

/** A local `const x = new C()` or `new FixedArray(...)`: emits it and returns its type (null
 *  when it is not one, reported). */
export function emitLocalNew(
  fc: FnCtx,
  d: ts.VariableDeclaration & { name: ts.Identifier },
  isConst: boolean,
  out: Out,
): Ty | null {
  const { ctx } = fc;
  const init = d.initializer as ts.NewExpression;
  const cName = localName(d.name.text);
  if (isArrayNew(ctx, init)) {
    const ty = emitLocalArray(fc, d, isConst, cName, out);
    if (ty) noteStackObject(fc, d);
    return ty;
  }
  if (isStructArrayNew(ctx, init)) {
    ctx.rep.at(init, "TSK2402", "a StructArray is a module-level const");
    return null;
  }
  const cls = newClass(ctx, init);
  if (!cls) {
    ctx.rep.at(init, "TSK2502", "'new' of something other than a kernel class or FixedArray");
    return null;
  }
  const ty: Ty = { tag: "struct", cls };
  if (d.type) {
    const declared = ctx.checker.getTypeFromTypeNode(d.type);
    if (declared !== ctx.checker.getTypeAtLocation(init)) {
      ctx.rep.at(d.type, "TSK2502", `the type of a local instance is its class, ${cls.name}`);
      return null;
    }
  }
  const inits = fieldInitializers(ctx, cls);
  if (!inits) return null;
  const obj = `tsk_obj_${cName}`;
  const fields = [...inits].map(([f, c]) => `.${f} = ${c}`);
  out.line(`struct ${cls.cName} ${obj} = {${fields.length ? ` ${fields.join(", ")} ` : "0"}};`);
  out.line(`${cDecl(ty, cName, isConst)} = &${obj};`);
  noteStackObject(fc, d);
  return ty;
}
