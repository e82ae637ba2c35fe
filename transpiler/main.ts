// The transpiler's command line:
//   deno run -A transpiler/main.ts --arch x86_64 --root . --entry kernel/main.ts --out k.c
// Prints nothing and writes --out on success; on any diagnostic prints them all to stderr in
// tsc's layout (diagnostics.ts) followed by an `N errors` line, writes nothing, and exits 1.
// Usage errors exit 2.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type Arch, formatDiagnostics, transpile } from "./mod.ts";

const USAGE = "usage: main.ts --arch x86_64|aarch64 --root DIR --entry FILE.ts --out FILE.c";

function parseArgs(args: string[]): Record<string, string> | null {
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    if (!key.startsWith("--") || i + 1 >= args.length) return null;
    opts[key.slice(2)] = args[i + 1];
  }
  return opts;
}

function main(args: string[]): number {
  const opts = parseArgs(args);
  const arch = opts?.arch;
  if (!opts || (arch !== "x86_64" && arch !== "aarch64") || !opts.entry || !opts.out) {
    console.error(USAGE);
    return 2;
  }
  const { c, diagnostics } = transpile({
    root: opts.root ?? ".",
    entry: opts.entry,
    arch: arch as Arch,
  });
  if (diagnostics.length > 0) {
    console.error(formatDiagnostics(diagnostics));
    return 1;
  }
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, c);
  return 0;
}

Deno.exit(main(Deno.args));
