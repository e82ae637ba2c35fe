// C names for TypeScript declarations (docs/SUBSET.md §1, "Names are mangled").
//
// Module-level names become `<path>__<name>`, where <path> is the module's path relative to the
// root without `.ts`, with every character outside [A-Za-z0-9_] written `_`, and with the
// `arch/<ARCH>/` of the arch being built written `arch/`. Methods are `<path>__<Class>__<name>`
// and struct tags `<path>__<Class>`. Locals and parameters keep their TypeScript name unless it
// would collide with C: a C keyword, a libc/stdint macro or type, a runtime name (`tsk_*`,
// `TSK_*`), or `self` (the receiver of methods); those get a trailing `_`.

import type { Arch } from "./program.ts";

/** The mangling prefix of a module, from its root-relative path. */
export function modulePrefix(path: string, arch: Arch): string {
  let p = path.replace(/\.ts$/, "");
  const archDir = `arch/${arch}/`;
  if (p.startsWith(archDir)) p = "arch/" + p.slice(archDir.length);
  return p.replace(/[^A-Za-z0-9_]/g, "_");
}

/** The C name of a module-level declaration. */
export function globalName(prefix: string, name: string): string {
  return `${prefix}__${cIdent(name)}`;
}

/** The C name of a method of a class. */
export function methodName(prefix: string, cls: string, name: string): string {
  return `${prefix}__${cIdent(cls)}__${cIdent(name)}`;
}

const C_RESERVED = new Set([
  "auto",
  "bool",
  "char",
  "double",
  "extern",
  "float",
  "goto",
  "inline",
  "int",
  "long",
  "main",
  "register",
  "restrict",
  "self",
  "short",
  "signed",
  "sizeof",
  "struct",
  "typedef",
  "union",
  "unsigned",
  "volatile",
  "asm",
  "errno",
  "offsetof",
  "alignas",
  "alignof",
  "noreturn",
  "static_assert",
  "NULL",
]);

/** The C name of a local or parameter. */
export function localName(name: string): string {
  const c = cIdent(name);
  if (/^_[A-Z_]/.test(c)) return "l" + c;
  const clash = C_RESERVED.has(c) || /^(tsk_|TSK_)/.test(c) ||
    /_t$/.test(c) || /^U?INT[A-Z0-9_]*$/.test(c) ||
    /^(SIZE|PTRDIFF|WCHAR|WINT|SIG_ATOMIC)_/.test(c) ||
    c.includes("__");
  return clash ? c + "_" : c;
}

/** A TypeScript identifier as a C identifier (`$` is the only character C lacks). */
function cIdent(name: string): string {
  return name.replaceAll("$", "_S_");
}
