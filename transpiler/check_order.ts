// Evaluation order: JavaScript evaluates operands and arguments left to right, C in an
// unspecified order. The two agree whenever at most one of a group of unsequenced operands does
// anything observable; this check enforces exactly that.
//
// Unsequenced groups are the two operands of an arithmetic or comparison operator and the
// arguments of a call (with a method's receiver). `&&`, `||` and `?:` are sequenced in both
// languages and need no check. In a group, an operand that calls a function with side effects
// (a kernel function, an intrinsic) conflicts with any other operand that also calls one or
// reads mutable state (a module `let`, a struct field) that the call could change. The fix is
// always to bind one operand to a local first (TSK1207). Runtime checks that may panic are not
// ordered: a panic ends the kernel in both worlds, only which of two failures is reported first
// (or whether a call's output precedes it) may differ.

import type { Ctx, Fx } from "./context.ts";
import type { ts } from "./tsapi.ts";

/** Reports when the unsequenced parts of node could run differently in C than in Deno. */
export function checkOrder(ctx: Ctx, node: ts.Node, parts: Fx[]): void {
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].call) continue;
    for (let j = 0; j < parts.length; j++) {
      if (i === j) continue;
      const o = parts[j];
      if (o.call || o.read) {
        ctx.rep.at(
          node,
          "TSK1207",
          "operands with side effects run in an unspecified order in C: bind one to a local first",
        );
        return;
      }
    }
  }
}
