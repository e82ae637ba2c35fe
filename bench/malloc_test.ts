// The malloc benchmark's two halves agree: the transpiled kernel heap (over the kernel's page
// allocator) and glibc run the same workload and must compute the same digest on every check
// case (bench/c/malloc.c --verify exits 1 otherwise). No timing is judged here.

import assert from "node:assert/strict";
import { buildMallocBench } from "../tools/bench.ts";

Deno.test("malloc bench: the kernel heap and glibc compute the same workload digests", async () => {
  const exe = await buildMallocBench();
  const out = await new Deno.Command(exe, { args: ["--verify"], stdin: "null" }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `malloc --verify failed:\n${text}`);
});
