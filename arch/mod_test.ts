import assert from "node:assert/strict";
import * as x86 from "./x86_64/mod.ts";
import * as arm from "./aarch64/mod.ts";

// kernel/ sees one arch through `@arch/mod.ts`: both doors must offer the same names and arities.
Deno.test("arch: x86_64 and aarch64 mod.ts export the same names and arities", () => {
  const shape = (m: Record<string, unknown>) =>
    Object.keys(m).sort().map((k) => {
      const v = m[k];
      return typeof v === "function" ? `${k}/${v.length}` : `${k}:${typeof v}`;
    });
  assert.deepEqual(shape(x86), shape(arm));
  assert.equal(x86.ARCH_NAME, "x86_64");
  assert.equal(arm.ARCH_NAME, "aarch64");
});

Deno.test("arch: both arch folders have the same .ts files", () => {
  const names = (dir: string) =>
    [...Deno.readDirSync(new URL(dir, import.meta.url))]
      .filter((e) => e.isFile && e.name.endsWith(".ts"))
      .map((e) => e.name)
      .sort();
  assert.deepEqual(names("./x86_64/"), names("./aarch64/"));
});
