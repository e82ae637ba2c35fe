// The error-code registry: every TSKnnnn the transpiler reports, with its title and a hint.
//
// This table is the one list of codes. A code's number is stable: once released it keeps its
// meaning, and a code that is no longer reported is removed, never renumbered or reused. Ranges:
// 0xxx TypeScript itself, 1xxx modules, statements and syntax, 2xxx types, integers and values,
// 3xxx unsafe code and arch. Reporter (diagnostics.ts) only accepts a key of CODES, so a code
// missing here is a type error; tests/transpiler/codes_test.ts checks that every code used in
// transpiler/*.ts is here and that docs/SUBSET.md §8 lists exactly these codes with these titles.
// The title is the §8 "meaning" cell (Markdown); the hint is printed under each diagnostic unless
// the call site gives a more specific one. Take a number only after checking it is free here:
// sub-ranges so far are 12xx statements, 13xx function values, 14xx generics, 22xx strings and
// klog, 23xx layouts, 24xx arrays and slices, 25xx stack structs and `new`, 26xx enums.

export interface CodeInfo {
  /** What the code means, as written in docs/SUBSET.md §8. */
  title: string;
  /** How to fix it, in one line. */
  hint: string;
}

export const CODES = {
  TSK0001: {
    title: "a TypeScript type error (e.g. a missing wrap)",
    hint: "`deno check` reports it too; a missing wrap, e.g. u32(a + b), is the usual cause",
  },
  TSK1000: {
    title: "unsupported syntax (unknown AST node kind)",
    hint: "the transpiler fails closed on syntax the subset does not define (docs/SUBSET.md)",
  },
  TSK1001: {
    title: "unsupported import/export form",
    hint: 'import named bindings, unrenamed, from a relative or "@arch/" .ts path',
  },
  TSK1002: {
    title: "statement at module level",
    hint: "a module holds only declarations: move the statement into a function",
  },
  TSK1003: {
    title: "prelude name not available in kernel code",
    hint: "only the wraps, int helpers and intrinsics of the prelude have a C lowering",
  },
  TSK1101: {
    title: "nested function, arrow function or closure",
    hint: "write a module-level function and pass what it needs as parameters",
  },
  TSK1102: {
    title: "parameter default, rest or optional parameter",
    hint: "declare every parameter with its type and pass every argument explicitly",
  },
  TSK1103: {
    title: "`var`",
    hint: "use let or const",
  },
  TSK1104: {
    title: "compound assignment or `++`/`--`",
    hint: "assign the wrapped value: x = u32(x + 1)",
  },
  TSK1201: {
    title: "`try` / `throw`",
    hint: "return an error value; a kernel bug calls panic()",
  },
  TSK1202: {
    title: "`class ... extends`",
    hint: "compose: give the class a field or write functions that take the struct",
  },
  TSK1203: {
    title: "generator or `async`",
    hint: "kernel code is synchronous: write a loop or a state machine",
  },
  TSK1204: {
    title: "`switch` outside the subset (discriminant, labels, declarations)",
    hint:
      "switch on an integer or enum; labels are distinct constants of its type; brace a declaring case",
  },
  TSK1205: {
    title: "`for ... of` / `for ... in`",
    hint: "use for (let i = usize(0); i < n; i = usize(i + 1))",
  },
  TSK1206: {
    title: "label",
    hint: "restructure the loop, e.g. move it into a function and return from it",
  },
  TSK1207: {
    title: "unsupported operator or expression, or an order-dependent evaluation",
    hint: "kernel code uses only the operators and expressions of docs/SUBSET.md §3-§4",
  },
  TSK1208: {
    title: "fall-through from a non-empty `case`",
    hint: "end every non-empty case with break, return, continue or a call that never returns",
  },
  TSK1209: {
    title: "identifier containing `$`",
    hint: "rename it without `$`: C mangling would write it `_S_` and could merge two names",
  },
  TSK1301: {
    title: "function value outside the subset",
    hint: "name a module-level kernel function whose signature matches the function type alias",
  },
  TSK1401: {
    title: "generic declaration outside the subset",
    hint: "give each type parameter a constraint listing its types, e.g. <T extends u32 | u64>",
  },
  TSK1402: {
    title: "generic call whose type arguments the constraint does not list",
    hint: "pass values of one of the listed types, or write the type arguments: max<u32>(a, b)",
  },
  TSK2001: {
    title: "bare `number` / `bigint`",
    hint: "say which integer: u8, u16, u32, u64, i8, i16, i32, i64 or usize",
  },
  TSK2002: {
    title: "unsupported type (any, unknown, union, optional, null, undefined)",
    hint: "every kernel value has one concrete type: an integer, boolean, string or class",
  },
  TSK2003: {
    title: "floating-point literal",
    hint: "the kernel has no floating point; a large u64/i64 value is a bigint literal (1n)",
  },
  TSK2004: {
    title: "array or object literal, array type `T[]` or `a[i]` indexing",
    hint: "use FixedArray or Slice with get/set (docs/SUBSET.md §9), a class for a record",
  },
  TSK2005: {
    title: "missing type annotation",
    hint: "annotate it, e.g. `let n: u32 = ...` or `function f(a: usize): void`",
  },
  TSK2101: {
    title: "raw operand where a wrapped value is needed",
    hint: "wrap the raw value with its type's function before using it, e.g. u32(a + b)",
  },
  TSK2102: {
    title: "`*` on u32/i32",
    hint: "use mulU32(a, b) or mulI32(a, b): a JS product above 2^53 loses its low bits",
  },
  TSK2103: {
    title: "`>>` on unsigned or `>>>` on signed",
    hint: "use >> on signed kinds and u64, >>> on unsigned kinds of up to 32 bits",
  },
  TSK2104: {
    title: "bitwise operator on usize",
    hint: "JS bitwise operators work on 32 bits: use alignUp, alignDown, % or u64",
  },
  TSK2105: {
    title: "`==` / `!=`",
    hint: "use === or !==",
  },
  TSK2106: {
    title: "mixed integer kinds",
    hint: "convert one side with a wrap, e.g. u32(h), and keep literals in the kind's range",
  },
  TSK2107: {
    title: "non-boolean condition",
    hint: "compare explicitly, e.g. if (x !== 0)",
  },
  TSK2201: {
    title: "unsupported string operation",
    hint: "a string offers usize(s.length) and u8(s.charCodeAt(i)), nothing else",
  },
  TSK2202: {
    title: "unsupported `klog` template (substitution or `hex()` elsewhere)",
    hint:
      "substitute integers, booleans, strings or hex(x) into a template passed to klog() or kprint()",
  },
  TSK2301: {
    title: "malformed `layout(...)` declaration",
    hint: 'write `export const X = layout("X", { f: "u32", ... }, options)` at module level',
  },
  TSK2302: {
    title: "unknown layout field kind, or one its options forbid",
    hint: 'a field kind is "u8" ... "i64", "u16be"/"u32be"/"u64be", "u8[N]", or another layout',
  },
  TSK2303: {
    title: "unsupported use of a layout or a layout view",
    hint: 'use X.at(a), X.size, X.offsetOf("f"); assign scalar fields; keep views in locals',
  },
  TSK2401: {
    title: "array length not a constant from 1 to 2^32 - 1",
    hint: "give new FixedArray a constant length, e.g. a module-level const",
  },
  TSK2402: {
    title: "unsupported array or slice element type",
    hint: "elements are integers (u8 ... i64, usize) or booleans",
  },
  TSK2403: {
    title: "`FixedArray` used as a value, or a slice stored outside a local",
    hint:
      "pass arr.asSlice() or arr.slice(a, b); keep slices in locals, parameters and return values",
  },
  TSK2404: {
    title: "local `FixedArray` too large for the stack",
    hint: "make the array a module-level const (at most 4096 bytes on the stack)",
  },
  TSK2501: {
    title: "a reference to a stack instance or array escapes",
    hint:
      "a local new C() or FixedArray may be passed to callees, not returned or kept past its block",
  },
  TSK2502: {
    title: "unsupported `new` or struct held by value",
    hint: "new C() takes no arguments and initialises a const, a let or a class field",
  },
  TSK2601: {
    title: "enum declaration outside the subset",
    hint: "give every member an explicit integer value; no const enums, no string members",
  },
  TSK2602: {
    title: "enum value used as an integer or mixed with another type",
    hint: "convert explicitly with u32(e); compare values of one enum with === or !==",
  },
  TSK3001: {
    title: "unsafe intrinsic outside an unsafe module",
    hint: 'move the access into a small module whose first statement is "use unsafe";',
  },
  TSK3002: {
    title: "intrinsic not available on this arch",
    hint: "move the call into arch/<ARCH>/ and reach it through @arch/mod.ts",
  },
} as const satisfies Record<string, CodeInfo>;

/** A registered code; Reporter accepts nothing else. */
export type TskCode = keyof typeof CODES;

/** Whether a string is a registered code. */
export function isTskCode(s: string): s is TskCode {
  return Object.hasOwn(CODES, s);
}
