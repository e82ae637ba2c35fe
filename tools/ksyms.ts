// The kernel's symbol table, embedded at build time so that a backtrace names TS functions.
//
// Mechanism (tools/build.ts calls embedSymbols after the link): kernel/symbols.ts reserves a
// fixed array of u64 words, `kernel_symbols__KSYMS`, initialised with a non-zero fill so that
// the C compiler places it in .data (file-backed) and not in .bss. The build reads the linked
// ELF's .symtab, keeps the code symbols (STT_FUNC, and the untyped labels of the asm glue in an
// executable section), names each one as the TS function it came from and writes the encoded
// table over the array's bytes in the ELF file. Nothing is linked twice and no address moves:
// the array's size is fixed by the TS source, and only its contents change.
//
// Names: the transpiler mangles `<module path>__<name>` (transpiler/names.ts modulePrefix; a
// method is `<prefix>__<Class>__<method>`, a generic instance `<prefix>__<fn>__<type keys>`).
// A prefix does not give back its path (`_` stands for `/`, `-` and `_`), so the map from prefix
// to path comes from the transpiler's own output: every module with code has `#line N "<path>"`
// directives in the generated C. `kernel_mem_heap__kmalloc` becomes `kernel/mem/heap.ts:kmalloc`,
// `kernel_mem_vm__AddressSpace__map` `kernel/mem/vm.ts:AddressSpace.map`, `kernel_util__max__u64`
// `kernel/util.ts:max<u64>`; a compiler suffix stays (`...:f.cold`); other symbols (asm glue,
// compiler_rt) keep their C name.
//
// Table layout (u64 words, little-endian; decoded by kernel/symbols.ts):
//   w0 SYMBOLS_MAGIC ("TSKSYMS1"), w1 symbol count N, w2 module count M, w3 first word of strings
//   w4 .. w4+M-1            module path: (byte offset << 16) | length
//   then N entries of 3 words, sorted by address: address, size in bytes,
//                           (module index + 1) << 48 | (byte offset << 16) | length
//                           (module index + 1 = 0: no module, the name is the whole C name)
//   then the strings, bytes packed little-endian into words.
// Invariants: addresses strictly increase (one name per address: a global function wins over a
// local label); names are ASCII; every length < 2^16 and every offset < 2^32.

import { modulePrefix } from "../transpiler/names.ts";
import type { Arch } from "./qemu.ts";

/** "TSKSYMS1" as a little-endian u64. */
export const SYMBOLS_MAGIC = 0x31534d59534b5354n;
/** The C name of kernel/symbols.ts's reserved array. */
export const KSYMS_C_NAME = "kernel_symbols__KSYMS";

export interface ElfSymbol {
  name: string;
  value: bigint;
  size: bigint;
  /** STT_* */
  type: number;
  /** STB_* */
  bind: number;
  shndx: number;
}

export interface ElfSection {
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
}

export interface ElfFile {
  sections: ElfSection[];
  symbols: ElfSymbol[];
}

const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const SHF_EXECINSTR = 4n;
const STT_NOTYPE = 0;
const STT_FUNC = 2;
const STB_GLOBAL = 1;

function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(at, end));
}

/** Reads the section headers and .symtab of an ELF64 little-endian file. */
export function readElf(bytes: Uint8Array): ElfFile {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, false) !== 0x7f454c46 || bytes[4] !== 2 || bytes[5] !== 1) {
    throw new Error("not an ELF64 little-endian file");
  }
  const shoff = Number(v.getBigUint64(0x28, true));
  const shentsize = v.getUint16(0x3a, true);
  const shnum = v.getUint16(0x3c, true);
  const shstrndx = v.getUint16(0x3e, true);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({
      nameOff: v.getUint32(o, true),
      type: v.getUint32(o + 4, true),
      flags: v.getBigUint64(o + 8, true),
      addr: v.getBigUint64(o + 0x10, true),
      offset: v.getBigUint64(o + 0x18, true),
      size: v.getBigUint64(o + 0x20, true),
      link: v.getUint32(o + 0x28, true),
      entsize: v.getBigUint64(o + 0x38, true),
    });
  }
  const shstr = raw[shstrndx];
  const sections: ElfSection[] = raw.map((s) => ({
    name: shstr ? cString(bytes, Number(shstr.offset) + s.nameOff) : "",
    type: s.type,
    flags: s.flags,
    addr: s.addr,
    offset: s.offset,
    size: s.size,
  }));
  const symbols: ElfSymbol[] = [];
  for (const s of raw) {
    if (s.type !== SHT_SYMTAB) continue;
    const strtab = raw[s.link];
    const n = Number(s.size / (s.entsize || 24n));
    for (let i = 1; i < n; i++) {
      const o = Number(s.offset) + i * 24;
      const info = v.getUint8(o + 4);
      symbols.push({
        name: cString(bytes, Number(strtab.offset) + v.getUint32(o, true)),
        type: info & 0xf,
        bind: info >> 4,
        shndx: v.getUint16(o + 6, true),
        value: v.getBigUint64(o + 8, true),
        size: v.getBigUint64(o + 16, true),
      });
    }
  }
  return { sections, symbols };
}

/** The modules of a transpiled C file: prefix -> root-relative path, from its #line lines. */
export function modulesOfC(c: string, arch: Arch): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of c.matchAll(/^#line \d+ "([^"]+\.ts)"$/gm)) {
    map.set(modulePrefix(m[1], arch), m[1]);
  }
  return map;
}

/** A C symbol as the TS function it came from: module path (or "") and the name in it. */
export interface TsName {
  module: string;
  name: string;
}

/** Maps a C name back to TS (see the file comment); unknown prefixes keep the C name. */
export function tsName(cName: string, modules: Map<string, string>): TsName {
  const dot = cName.indexOf(".");
  const base = dot < 0 ? cName : cName.slice(0, dot);
  const suffix = dot < 0 ? "" : cName.slice(dot);
  // The longest known prefix followed by "__" wins (a module's prefix may contain "_").
  let best = "";
  for (const p of modules.keys()) {
    if (p.length > best.length && base.startsWith(p + "__")) best = p;
  }
  if (best === "") return { module: "", name: cName };
  const parts = base.slice(best.length + 2).split("__");
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (/^[A-Z]/.test(parts[0])) name = `${parts[0]}.${parts.slice(1).join("__")}`;
  else name = `${parts[0]}<${parts.slice(1).join(", ")}>`;
  return { module: modules.get(best)!, name: name + suffix };
}

/** The display form of a TS name: `kernel/mem/heap.ts:kmalloc`, or the C name alone. */
export function displayName(n: TsName): string {
  return n.module === "" ? n.name : `${n.module}:${n.name}`;
}

export interface CodeSymbol {
  addr: bigint;
  size: bigint;
  cName: string;
}

/** The code symbols of an ELF, sorted, one per address (global functions first). */
export function codeSymbols(elf: ElfFile): CodeSymbol[] {
  const exec = (i: number): boolean =>
    i > 0 && i < elf.sections.length && (elf.sections[i].flags & SHF_EXECINSTR) !== 0n;
  const rank = (s: ElfSymbol): number =>
    (s.type === STT_FUNC ? 0 : 2) + (s.bind === STB_GLOBAL ? 0 : 1);
  const chosen = new Map<bigint, ElfSymbol>();
  for (const s of elf.symbols) {
    if (s.type !== STT_FUNC && s.type !== STT_NOTYPE) continue;
    if (!exec(s.shndx) || s.name === "" || /^(\$|\.L|__)/.test(s.name)) continue;
    const old = chosen.get(s.value);
    if (!old || rank(s) < rank(old) || (rank(s) === rank(old) && s.name < old.name)) {
      chosen.set(s.value, s);
    }
  }
  return [...chosen.values()].sort((a, b) => (a.value < b.value ? -1 : 1))
    .map((s) => ({ addr: s.value, size: s.size, cName: s.name }));
}

/** Encodes the table (layout in the file comment) as u64 words. */
export function encodeSymbols(syms: CodeSymbol[], modules: Map<string, string>): bigint[] {
  const strings: number[] = [];
  const stringAt = new Map<string, number>();
  const intern = (s: string): bigint => {
    if (!/^[\x20-\x7e]*$/.test(s) || s.length >= 0x10000) throw new Error(`bad name ${s}`);
    let off = stringAt.get(s);
    if (off === undefined) {
      off = strings.length;
      stringAt.set(s, off);
      for (let i = 0; i < s.length; i++) strings.push(s.charCodeAt(i));
    }
    return (BigInt(off) << 16n) | BigInt(s.length);
  };
  const modIndex = new Map<string, number>();
  const modWords: bigint[] = [];
  const entries: bigint[] = [];
  for (const s of syms) {
    const n = tsName(s.cName, modules);
    let info = intern(n.name);
    if (n.module !== "") {
      let mi = modIndex.get(n.module);
      if (mi === undefined) {
        mi = modWords.length;
        modIndex.set(n.module, mi);
        modWords.push(intern(n.module));
      }
      info |= BigInt(mi + 1) << 48n;
    }
    entries.push(s.addr, s.size, info);
  }
  const head = 4 + modWords.length + entries.length;
  const words = [SYMBOLS_MAGIC, BigInt(syms.length), BigInt(modWords.length), BigInt(head)];
  words.push(...modWords, ...entries);
  for (let i = 0; i < strings.length; i += 8) {
    let w = 0n;
    for (let j = 7; j >= 0; j--) w = (w << 8n) | BigInt(strings[i + j] ?? 0);
    words.push(w);
  }
  return words;
}

/** Writes the symbol table of the linked kernel into its reserved array, in place in `bytes`.
 *  Returns the number of symbols, or null when the image has no array (e.g. the floor kernel). */
export function embedSymbols(bytes: Uint8Array, modules: Map<string, string>): number | null {
  const elf = readElf(bytes);
  const slot = elf.symbols.find((s) => s.name === KSYMS_C_NAME);
  if (!slot) return null;
  const sec = elf.sections[slot.shndx];
  if (!sec || sec.type === SHT_NOBITS) {
    throw new Error(`${KSYMS_C_NAME} is not file-backed (section ${sec?.name ?? "?"})`);
  }
  const syms = codeSymbols(elf);
  const words = encodeSymbols(syms, modules);
  if (BigInt(words.length * 8) > slot.size) {
    throw new Error(
      `the symbol table needs ${words.length} words, ${KSYMS_C_NAME} holds ${slot.size / 8n}: ` +
        `raise SYMBOLS_WORDS in kernel/symbols.ts`,
    );
  }
  const at = Number(sec.offset + (slot.value - sec.addr));
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  words.forEach((w, i) => v.setBigUint64(at + i * 8, w, true));
  return syms.length;
}
