// deno-lint-ignore-file
// deno-fmt-ignore-file
// Module-level rules (docs/SUBSET.md §1).

import * as clean from "./lib/clean.ts"; // @expect-error TSK1001
import { one as uno } from "./lib/clean.ts"; // @expect-error TSK1001
import { USIZE_LIMIT, u32 } from "../../../kernel/int.ts"; // @expect-error TSK1003
import { halt, machine } from "../../../kernel/intrinsics.ts"; // @expect-error TSK1003
import type { MmioDevice } from "../../../kernel/intrinsics.ts"; // @expect-error TSK1003

export * from "./lib/clean.ts"; // @expect-error TSK1001
export { TWO as DOS } from "./lib/clean.ts"; // @expect-error TSK1001
export { one } from "./lib/clean.ts";

export let counter: u32 = u32(0);
counter = u32(1); // @expect-error TSK1002
if (counter === u32(1)) {} // @expect-error TSK1002

export const NOT_CONST: u32 = u32(uno()); // @expect-error TSK1002
export const CONST_OK: u32 = u32(counter + 1); // @expect-error TSK1002

export interface Shape {} // @expect-error TSK1000
export enum Color { Red } // @expect-error TSK2601

export default function main(): void {} // @expect-error TSK1001

export function usesNames(): u32 {
  halt();
  const m = machine; // @expect-error TSK1207
  const f = halt; // @expect-error TSK1301
  return u32(clean.one()); // @expect-error TSK1207
}
