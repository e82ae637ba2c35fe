// Test aid: a throw-away source tree for transpiler runs. The files given (path → text) are
// written under a new temporary root whose kernel/ also holds the prelude (int.ts,
// intrinsics.ts), so the tree transpiles like the real repository.

import { fileURLToPath } from "node:url";

const TOP = fileURLToPath(new URL("../", import.meta.url));

/** Writes files under a new temporary root (its name starting with prefix); returns the root. */
export function tempTree(prefix: string, files: Record<string, string>): string {
  const root = Deno.makeTempDirSync({ prefix });
  const all: Record<string, string> = {
    "kernel/int.ts": Deno.readTextFileSync(TOP + "kernel/int.ts"),
    "kernel/intrinsics.ts": Deno.readTextFileSync(TOP + "kernel/intrinsics.ts"),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    const full = `${root}/${path}`;
    Deno.mkdirSync(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(full, text);
  }
  return root;
}
