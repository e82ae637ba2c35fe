// Shared by the vector-based Deno-vs-C tests (smoke_test.ts, data_test.ts): the integer
// signatures of a program's exported functions, read from its source, and every combination of
// edge-value arguments for them.

import { type IntKind, isIntKind } from "../../transpiler/types.ts";

/** An exported function whose parameters and result are integers. */
export interface IntFn {
  name: string;
  params: IntKind[];
  ret: IntKind;
}

/** The exported functions of source as `(firstParam ...ints): int`; firstParam is a regex
 *  source for leading parameters the caller supplies itself (e.g. `mem: usize(?:, )?`). */
export function intSignatures(source: string, firstParam = ""): IntFn[] {
  const re = new RegExp(`^export function (\\w+)\\(${firstParam}([^)]*)\\): (\\w+)`, "gm");
  const out: IntFn[] = [];
  for (const m of source.matchAll(re)) {
    const params = m[2] === "" ? [] : m[2].split(", ").map((p) => p.split(": ")[1]);
    if (!isIntKind(m[3]) || !params.every(isIntKind)) throw new Error(`bad signature ${m[0]}`);
    out.push({ name: m[1], params: params as IntKind[], ret: m[3] });
  }
  return out;
}

/** Every combination of the vectors of kinds, in order. */
export function combos(kinds: IntKind[], vectors: Record<IntKind, bigint[]>): bigint[][] {
  if (kinds.length === 0) return [[]];
  const rest = combos(kinds.slice(1), vectors);
  return vectors[kinds[0]].flatMap((v) => rest.map((r) => [v, ...r]));
}
