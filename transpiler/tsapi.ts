// The one door to the TypeScript compiler: the rest of the transpiler imports `ts` from here.
//
// ts-morph is used only to build the project (it brings the lib .d.ts files and a file system
// host); every walker then works on the plain compiler API (`ts.Node`, `ts.TypeChecker`) with
// `ts.forEachChild`-style walking, which is fast and stable. Swapping ts-morph for another way
// to obtain a `ts.Program` touches only this file and program.ts.

import { Project, ts } from "ts-morph";

export { Project, ts };

let kindNames: Map<number, string> | undefined;

/** The name of a syntax kind for messages (`ts.SyntaxKind[k]` may give a First/Last alias). */
export function kindName(kind: ts.SyntaxKind): string {
  if (!kindNames) {
    kindNames = new Map();
    for (const [name, value] of Object.entries(ts.SyntaxKind)) {
      if (typeof value !== "number" || /^(First|Last)/.test(name)) continue;
      if (!kindNames.has(value)) kindNames.set(value, name);
    }
  }
  return kindNames.get(kind) ?? String(kind);
}
