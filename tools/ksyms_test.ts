// Tests of the build's symbol table: C name -> TS name, the code-symbol filter, the encoding
// (decoded by kernel/symbols.ts under Deno), and the table of a real linked image.

import assert from "node:assert/strict";
import {
  codeSymbols,
  displayName,
  type ElfFile,
  embedSymbols,
  encodeSymbols,
  modulesOfC,
  readElf,
  SYMBOLS_MAGIC,
  tsName,
} from "./ksyms.ts";
import { u64, usize } from "../kernel/int.ts";
import {
  KSYMS,
  SymbolHit,
  SYMBOLS_WORDS,
  symbolsLookup,
  symbolsPrintName,
} from "../kernel/symbols.ts";
import { setupX86 } from "../kernel/testing/devices.ts";

const C = [
  '#line 3 "kernel/mem/heap.ts"',
  '#line 9 "kernel/mem/heap_core.ts"',
  '#line 1 "arch/x86_64/trap.ts"',
  '#line 4 "kernel/mem/vm.ts"',
  '#line 4 "kernel/util.ts"',
  '#line 4 "kernel/mem/vm.ts"',
].join("\n");

Deno.test("ksyms: the module map comes from the transpiler's #line paths", () => {
  const m = modulesOfC(C, "x86_64");
  assert.equal(m.size, 5);
  assert.equal(m.get("kernel_mem_heap"), "kernel/mem/heap.ts");
  assert.equal(m.get("arch_trap"), "arch/x86_64/trap.ts");
  assert.equal(
    modulesOfC('#line 1 "arch/aarch64/trap.ts"', "aarch64").get("arch_trap"),
    "arch/aarch64/trap.ts",
  );
});

Deno.test("ksyms: C names map back to TS functions", () => {
  const m = modulesOfC(C, "x86_64");
  const d = (c: string) => displayName(tsName(c, m));
  assert.equal(d("kernel_mem_heap__kmalloc"), "kernel/mem/heap.ts:kmalloc");
  // The longest prefix wins: heap_core is not heap's function `core...`.
  assert.equal(d("kernel_mem_heap_core__coreAlloc"), "kernel/mem/heap_core.ts:coreAlloc");
  assert.equal(d("arch_trap__trapEntry"), "arch/x86_64/trap.ts:trapEntry");
  assert.equal(d("kernel_mem_vm__AddressSpace__map"), "kernel/mem/vm.ts:AddressSpace.map");
  assert.equal(d("kernel_util__max__u64"), "kernel/util.ts:max<u64>");
  assert.equal(d("kernel_util__pair__u32__u64"), "kernel/util.ts:pair<u32, u64>");
  assert.equal(d("kernel_mem_heap__kfree.cold"), "kernel/mem/heap.ts:kfree.cold");
  assert.equal(d("memcpy"), "memcpy");
  assert.equal(d("long_mode"), "long_mode");
  assert.equal(d("kernel_other__f"), "kernel_other__f"); // a module with no #line: C name
});

Deno.test("ksyms: code symbols are sorted, one per address, functions and globals first", () => {
  const sec = (name: string, flags: bigint) => ({
    name,
    type: 1,
    flags,
    addr: 0n,
    offset: 0n,
    size: 0n,
  });
  const elf: ElfFile = {
    sections: [sec("", 0n), sec(".text", 6n), sec(".data", 3n)],
    symbols: [
      { name: "b", value: 0x2000n, size: 16n, type: 2, bind: 1, shndx: 1 },
      { name: "a_local", value: 0x1000n, size: 8n, type: 2, bind: 0, shndx: 1 },
      { name: "a", value: 0x1000n, size: 8n, type: 2, bind: 1, shndx: 1 },
      { name: "label", value: 0x1800n, size: 0n, type: 0, bind: 0, shndx: 1 },
      { name: "$x", value: 0x1900n, size: 0n, type: 0, bind: 0, shndx: 1 },
      { name: "__text_end", value: 0x3000n, size: 0n, type: 0, bind: 1, shndx: 1 },
      { name: "data", value: 0x4000n, size: 8n, type: 1, bind: 1, shndx: 2 },
      { name: "fn_in_data", value: 0x4100n, size: 8n, type: 2, bind: 1, shndx: 2 },
    ],
  };
  assert.deepEqual(codeSymbols(elf).map((s) => s.cName), ["a", "label", "b"]);
});

function printed(fn: () => void): string {
  const { uart } = setupX86();
  fn();
  return uart.text();
}

/** Loads words into kernel/symbols.ts's table (the rest stays as the build left it: 1s). */
export function loadTable(words: bigint[]): void {
  for (let i = 0; i < Number(SYMBOLS_WORDS); i++) {
    KSYMS.set(usize(i), u64(i < words.length ? words[i] : 1n));
  }
}

Deno.test("ksyms: the kernel decodes the encoded table", () => {
  const m = modulesOfC(C, "x86_64");
  const words = encodeSymbols([
    { addr: 0x100000n, size: 0n, cName: "_start" },
    { addr: 0x101000n, size: 0x40n, cName: "kernel_mem_heap__kmalloc" },
    { addr: 0x101040n, size: 0x20n, cName: "kernel_mem_heap__kfree" },
    { addr: 0x101100n, size: 0x10n, cName: "kernel_mem_vm__AddressSpace__map" },
  ], m);
  assert.equal(words[0], SYMBOLS_MAGIC);
  loadTable(words);
  const hit = new SymbolHit();
  const name = (pc: number): string | null => {
    if (!symbolsLookup(usize(pc), hit)) return null;
    return printed(() => symbolsPrintName(hit)) + `+${pc - hit.start}`;
  };
  assert.equal(name(0x0fffff), null);
  assert.equal(name(0x100004), "_start+4");
  assert.equal(name(0x101000), "kernel/mem/heap.ts:kmalloc+0");
  assert.equal(name(0x10103f), "kernel/mem/heap.ts:kmalloc+63");
  assert.equal(name(0x101040), "kernel/mem/heap.ts:kfree+0");
  assert.equal(name(0x101060), null); // past kfree's end, before map
  assert.equal(name(0x101105), "kernel/mem/vm.ts:AddressSpace.map+5");
  assert.equal(name(0x101110), null);
  loadTable([]);
  assert.equal(symbolsLookup(usize(0x101000), hit), false); // no table: no names
});

Deno.test("ksyms: embedSymbols writes the table of a linked image into KSYMS", async () => {
  const { transpile } = await import("../transpiler/mod.ts");
  const dir = await Deno.makeTempDir();
  const root = new URL("..", import.meta.url).pathname;
  const t = transpile({ root, entry: "kernel/backtrace.ts", arch: "x86_64" });
  assert.deepEqual(t.diagnostics, []);
  // Compile the C and link it with an entry that keeps KSYMS alive (no linker script: only
  // the symbol table and the array's file offset matter here).
  const c = `${dir}/k.c`;
  await Deno.writeTextFile(
    c,
    t.c + "\nvoid _start(void) { kernel_backtrace__backtraceWalk(0, 0x1000); }\n",
  );
  const zig = `${root}/.toolchain/bin/zig`;
  const out = await new Deno.Command(zig, {
    args: [
      "cc",
      "-target",
      "x86_64-freestanding-none",
      "-O2",
      "-ffreestanding",
      "-nostdlib",
      "-fno-pie",
      "-ffunction-sections",
      "-fdata-sections",
      "-Wl,--gc-sections",
      "-I",
      `${root}/transpiler/runtime`,
      c,
      "-o",
      `${dir}/k.elf`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const bytes = await Deno.readFile(`${dir}/k.elf`);
  const n = embedSymbols(bytes, modulesOfC(t.c, "x86_64"));
  assert.ok(n !== null && n > 3, `symbols: ${n}`);
  // Read the table back out of the patched file and look a function up by its ELF address.
  const elf = readElf(bytes);
  const slot = elf.symbols.find((s) => s.name === "kernel_symbols__KSYMS")!;
  const sec = elf.sections[slot.shndx];
  const at = Number(sec.offset + slot.value - sec.addr);
  const v = new DataView(bytes.buffer, bytes.byteOffset + at, Number(slot.size));
  loadTable(Array.from({ length: Number(slot.size) / 8 }, (_, i) => v.getBigUint64(i * 8, true)));
  const fn = elf.symbols.find((s) => s.name === "kernel_backtrace__backtraceWalk")!;
  const hit = new SymbolHit();
  assert.ok(symbolsLookup(usize(Number(fn.value) + 1), hit));
  assert.equal(printed(() => symbolsPrintName(hit)), "kernel/backtrace.ts:backtraceWalk");
  loadTable([]);
  await Deno.remove(dir, { recursive: true });
});
