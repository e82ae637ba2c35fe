// Boot test of the floor kernel (kernel/floor_main.ts), the boot bench's baseline: built as a
// variant image with the real entry glue, it prints its one line and powers off on both arches.

import assert from "node:assert/strict";
import { buildKernel } from "../tools/build.ts";
import { type Arch, ARCHES, formatCommand, runQemu } from "../tools/qemu.ts";
import {
  FLOOR_ENTRY,
  floorBanner,
  floorOut,
  formatBootRatio,
  median,
} from "../tools/bench_boot.ts";

for (const arch of ARCHES as readonly Arch[]) {
  Deno.test(`floor kernel boots and powers off (${arch})`, async () => {
    const r0 = await buildKernel(arch, { entry: FLOOR_ENTRY, out: floorOut(arch) });
    assert.ok(r0.elf.endsWith(`build/${arch}/floor.elf`));
    const r = await runQemu(arch, r0.elf, { timeoutMs: 60_000 });
    const log = `\n$ ${formatCommand(r.command)}\n${r.serial}${r.stderr}`;
    assert.equal(r.status, 0, `status ${r.status}${log}`);
    assert.equal(r.serial, `${floorBanner(arch)}\n`, log);
  });
}

Deno.test("boot bench: median and the ratio line", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(formatBootRatio("x86_64", 90, 60), "boot x86_64: tsuki/floor = 1.50");
});
