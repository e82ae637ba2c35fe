import assert from "node:assert/strict";
import { u64 } from "../../kernel/int.ts";
import { tssDescriptorHigh, tssDescriptorLow } from "./gdt.ts";

Deno.test("gdt: the TSS descriptor splits the base as SDM Figure 8-4 shows", () => {
  // base 0x0000_1234_5678_9abc: low quad = base[31:24] << 56 | 0x89 << 40 | base[23:0] << 16 | 103
  const base = u64(0x123456789abcn);
  assert.equal(tssDescriptorLow(base), (0x56n << 56n) | (0x89n << 40n) | (0x789abcn << 16n) | 103n);
  assert.equal(tssDescriptorHigh(base), 0x1234n);
  // the encoding trap.S computes for the boot TSS, at a low address
  assert.equal(tssDescriptorLow(u64(0x120000n)), 0x0000891200000067n);
});
