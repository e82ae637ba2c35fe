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

/** The concepts every arch implements, under the same file names (the design card's mirrored
 *  layout). Each arch may add private helpers named for its hardware (x86_64: apic.ts, gdt.ts,
 *  cpu_hw.ts ...; aarch64: gic_v2.ts, gic_v3.ts, sysregs.ts ...): mod.ts is the only door, and
 *  the test above checks that both doors offer the same names. */
const MIRRORED = [
  "arch_name.ts",
  "boot_info.ts",
  "clock.ts",
  "console.ts",
  "entry.S",
  "linker.ld",
  "mmu.ts",
  "mod.ts",
  "page_table.ts",
  "percpu.ts",
  "platform.ts",
  "power.ts",
  "rtc.ts",
  "smp.ts",
  "switch.S",
  "timer.ts",
  "trap.S",
  "trap.ts",
];

Deno.test("arch: both arch folders have the mirrored files", () => {
  const names = (dir: string) =>
    new Set([...Deno.readDirSync(new URL(dir, import.meta.url))].map((e) => e.name));
  for (const dir of ["./x86_64/", "./aarch64/"]) {
    const have = names(dir);
    const missing = MIRRORED.filter((n) => !have.has(n));
    assert.deepEqual(missing, [], `${dir} lacks mirrored files`);
  }
});
