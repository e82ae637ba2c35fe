// deno-lint-ignore-file
// deno-fmt-ignore-file
// Syntax the transpiler does not know fails closed with TSK1000.

import { u32 } from "../../../kernel/int.ts";

function tag(s: TemplateStringsArray): u32 { // @expect-error TSK2002
  return u32(0);
}

function dec(value: Function, context: ClassDecoratorContext): void {} // @expect-error TSK2002

@dec // @expect-error TSK1000
export class Decorated {}

export class Members {
  static count: u32 = u32(0); // @expect-error TSK1000
  constructor() {} // @expect-error TSK1000
  get size(): u32 { // @expect-error TSK1000
    return u32(0);
  }
}

export function tagged(): u32 {
  return tag`x`; // @expect-error TSK1000
}
