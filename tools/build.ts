// Builds the Tsuki kernel image for one or both arches: `deno task build [--arch X]`.
//
// Pipeline per arch: transpile kernel/main.ts in-process (transpiler/mod.ts) to
// build/<arch>/kernel.c, then one `zig cc` run compiles that C with arch/<arch>/entry.S and
// links build/<arch>/tsuki.elf with arch/<arch>/linker.ld; last, the kernel's symbol table is
// written into the image (tools/ksyms.ts embedSymbols: kernel/symbols.ts reserves a fixed array
// in .data, so no address moves and one link suffices), so backtraces name TS functions.
// The C keeps frame pointers on both arches (kernel/backtrace.ts walks them).
// A variant image (BuildOptions.entry/out, e.g. the boot bench's "floor" kernel
// kernel/floor_main.ts -> build/<arch>/floor.elf) is built the same way; the entry glue calls
// kernel_main__kernelMain, so the variant's kernelMain is compiled under that name (-D). zig cc links its compiler_rt (memcpy,
// memset, memmove, memcmp, integer helpers) into every freestanding executable by itself, even
// with -nostdlib, built with the same target flags as the kernel (-mno-red-zone, -mstrict-align);
// `-lcompiler_rt` would be a no-op, so it is not passed.
// Invariants: a failed step leaves no tsuki.elf (it is removed before rebuilding), so the next
// build redoes it; the image is rebuilt only when a *.ts/*.S/*.ld/*.h/*.c file under kernel/,
// arch/ or transpiler/ (tests excluded) or this file is newer than it, or when it was built
// from another C source (`--c FILE`, a stand-in kernel; recorded in tsuki.elf.source).

import { type Arch, ARCHES, isArch } from "./qemu.ts";
import { embedSymbols, modulesOfC } from "./ksyms.ts";
import { modulePrefix } from "../transpiler/names.ts";

export const ROOT: string = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Compiler flags per arch. Both: freestanding, no PIC/PIE, no stack protector, no UBSan. */
export const CFLAGS: Record<Arch, string[]> = {
  // The kernel is linked at 1 MiB, below 2 GiB, so the default small code model is right
  // (-mcmodel=kernel would need it in the top 2 GiB). No red zone: interrupts use the stack.
  x86_64: ["-target", "x86_64-freestanding-none", "-mno-red-zone"],
  // The MMU is off at boot, so all memory is Device memory: no unaligned accesses.
  aarch64: ["-target", "aarch64-freestanding-none", "-mstrict-align"],
};
const COMMON_CFLAGS = [
  "-O2",
  "-Wall",
  "-Wextra",
  "-ffreestanding",
  "-fno-pic",
  "-fno-pie",
  "-fno-stack-protector",
  "-fno-sanitize=undefined",
  "-fno-asynchronous-unwind-tables",
  "-fno-unwind-tables",
  "-ffunction-sections",
  "-fdata-sections",
  // Frame records in every function, leaf ones included, for kernel/backtrace.ts.
  "-fno-omit-frame-pointer",
  "-mno-omit-leaf-frame-pointer",
  "-g",
];

export interface BuildOptions {
  /** Use this C file instead of transpiling kernel/main.ts (boot-glue development). */
  cSource?: string;
  /** Rebuild even when the image is newer than every input. */
  force?: boolean;
  /** The TS entry module (root-relative; default kernel/main.ts). It must export
   *  kernelMain(bootArg: usize, imageArg: usize). */
  entry?: string;
  /** The image (root-relative or absolute; default build/<arch>/tsuki.elf). */
  out?: string;
  /** Do not write the symbol table into the image (kernel/symbols.ts keeps no names). */
  noSymbols?: boolean;
}

export interface ImageSize {
  /** Bytes loaded from the file (sum of PT_LOAD p_filesz). */
  loaded: number;
  /** Bytes of memory the image occupies (sum of PT_LOAD p_memsz: + .bss). */
  memory: number;
  /** Size of the ELF file (debug info included). */
  file: number;
}

export interface BuildResult {
  arch: Arch;
  elf: string;
  cFile: string;
  rebuilt: boolean;
  size: ImageSize;
  /** Symbols written into the image (null: not rebuilt, or it has no table). */
  symbols: number | null;
}

/** A build failure; the message holds the transpiler diagnostics or the compiler output. */
export class BuildError extends Error {
  constructor(readonly arch: Arch, readonly step: string, detail: string) {
    super(`${arch}: ${step} failed\n${detail.trimEnd()}`);
    this.name = "BuildError";
  }
}

export function buildDir(arch: Arch): string {
  return `${ROOT}/build/${arch}`;
}

export function elfPath(arch: Arch): string {
  return `${buildDir(arch)}/tsuki.elf`;
}

export function zigPath(): string {
  const local = `${ROOT}/.toolchain/bin/zig`;
  try {
    Deno.statSync(local);
    return local;
  } catch {
    return "zig";
  }
}

// ---- transpiler (in-process) ----

type TranspilerModule = typeof import("../transpiler/mod.ts");

let transpilerModule: Promise<TranspilerModule> | undefined;

/** Loads the transpiler on first use only: an up-to-date build never pays for TypeScript. */
function loadTranspiler(): Promise<TranspilerModule> {
  transpilerModule ??= import("../transpiler/mod.ts");
  return transpilerModule;
}

/** The default entry module; its kernelMain is what arch/<arch>/entry.S calls. */
export const MAIN_ENTRY = "kernel/main.ts";
const ENTRY_SYMBOL = "kernel_main__kernelMain";

async function transpileKernel(arch: Arch, entry: string): Promise<string> {
  let mod: TranspilerModule;
  try {
    mod = await loadTranspiler();
  } catch (e) {
    transpilerModule = undefined;
    throw new BuildError(arch, "loading transpiler/mod.ts", String(e));
  }
  const out = mod.transpile({ root: ROOT, entry, arch });
  if (out.diagnostics.length > 0) {
    throw new BuildError(arch, "transpile", mod.formatDiagnostics(out.diagnostics));
  }
  return out.c;
}

// ---- up-to-date check ----

const INPUT_DIRS = ["kernel", "arch", "transpiler"];
const INPUT_EXT = /\.(ts|S|ld|h|c)$/;

async function newestInput(): Promise<number> {
  let newest = 0;
  for (const tool of [import.meta.url, new URL("./ksyms.ts", import.meta.url).href]) {
    const m = (await Deno.stat(new URL(tool).pathname)).mtime?.getTime() ?? 0;
    if (m > newest) newest = m;
  }
  const walk = async (dir: string): Promise<void> => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (e.isFile && INPUT_EXT.test(e.name) && !e.name.endsWith("_test.ts")) {
        const m = (await Deno.stat(p)).mtime?.getTime() ?? 0;
        if (m > newest) newest = m;
      }
    }
  };
  for (const d of INPUT_DIRS) await walk(`${ROOT}/${d}`);
  return newest;
}

async function mtime(path: string): Promise<number | null> {
  try {
    return (await Deno.stat(path)).mtime?.getTime() ?? null;
  } catch {
    return null;
  }
}

// ---- ELF sizes ----

/** Sums the PT_LOAD segments of an ELF64 little-endian file. */
export function elfImageSize(bytes: Uint8Array): ImageSize {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, false) !== 0x7f454c46 || bytes[4] !== 2 || bytes[5] !== 1) {
    throw new Error("not an ELF64 little-endian file");
  }
  const phoff = Number(v.getBigUint64(0x20, true));
  const phentsize = v.getUint16(0x36, true);
  const phnum = v.getUint16(0x38, true);
  let loaded = 0;
  let memory = 0;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (v.getUint32(ph, true) !== 1) continue; // PT_LOAD
    loaded += Number(v.getBigUint64(ph + 0x20, true));
    memory += Number(v.getBigUint64(ph + 0x28, true));
  }
  return { loaded, memory, file: bytes.byteLength };
}

// ---- build ----

async function zigCc(arch: Arch, args: string[]): Promise<void> {
  const out = await new Deno.Command(zigPath(), {
    args: ["cc", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (!out.success) {
    throw new BuildError(arch, "zig cc", `${text}\n(zig cc ${args.join(" ")})`);
  }
  if (text.trim() !== "") console.error(`${arch}: zig cc:\n${text.trimEnd()}`); // warnings
}

/** Transpiles, compiles and links build/<arch>/tsuki.elf (skipped when it is up to date). */
export async function buildKernel(arch: Arch, opts: BuildOptions = {}): Promise<BuildResult> {
  const dir = buildDir(arch);
  const entry = opts.entry ?? MAIN_ENTRY;
  const elf = opts.out === undefined
    ? elfPath(arch)
    : opts.out.startsWith("/")
    ? opts.out
    : `${ROOT}/${opts.out}`;
  const cFile = opts.cSource ??
    (opts.out === undefined ? `${dir}/kernel.c` : elf.replace(/(\.elf)?$/, ".c"));
  await Deno.mkdir(dir, { recursive: true });
  await Deno.mkdir(elf.replace(/\/[^/]*$/, ""), { recursive: true });

  // The stamp names the C source of the current image: an image built from a --c stand-in is
  // never "up to date" for a real build.
  const stamp = `${elf}.source`;
  const source = opts.cSource ?? entry;
  const built = await mtime(elf);
  const stampText = await Deno.readTextFile(stamp).catch(() => "");
  const upToDate = !opts.force && !opts.cSource && built !== null &&
    stampText === source && built > await newestInput();
  let symbols: number | null = null;
  if (!upToDate) {
    await Deno.remove(elf).catch(() => {});
    await Deno.writeTextFile(stamp, source);
    if (!opts.cSource) await Deno.writeTextFile(cFile, await transpileKernel(arch, entry));
    const flags = [...CFLAGS[arch], ...COMMON_CFLAGS];
    // A variant entry's kernelMain is what the entry glue's call reaches: the C defines it
    // under the glue's name (zig cc's linker driver has no --defsym).
    const alias = entry === MAIN_ENTRY || opts.cSource
      ? []
      : [`-D${modulePrefix(entry, arch)}__kernelMain=${ENTRY_SYMBOL}`];
    await zigCc(arch, [
      ...flags,
      "-I",
      `${ROOT}/transpiler/runtime`,
      "-nostdlib",
      "-T",
      `${ROOT}/arch/${arch}/linker.ld`,
      "-Wl,-z,max-page-size=4096",
      "-Wl,--gc-sections",
      ...alias,
      `${ROOT}/arch/${arch}/entry.S`,
      `${ROOT}/arch/${arch}/trap.S`,
      `${ROOT}/arch/${arch}/switch.S`,
      cFile,
      "-o",
      elf,
    ]);
    if (!opts.noSymbols) symbols = await embedKernelSymbols(arch, elf, cFile);
  }
  const size = elfImageSize(await Deno.readFile(elf));
  return { arch, elf, cFile, rebuilt: !upToDate, size, symbols };
}

/** Writes the symbol table into the linked image (tools/ksyms.ts); on failure the image is
 *  removed, so the next build redoes it. */
async function embedKernelSymbols(arch: Arch, elf: string, cFile: string): Promise<number | null> {
  try {
    const bytes = await Deno.readFile(elf);
    const modules = modulesOfC(await Deno.readTextFile(cFile), arch);
    const n = embedSymbols(bytes, modules);
    if (n !== null) await Deno.writeFile(elf, bytes);
    return n;
  } catch (e) {
    await Deno.remove(elf).catch(() => {});
    throw new BuildError(arch, "symbol table", (e as Error).message);
  }
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

/** One line per arch: path, image size (loaded / in memory) and file size. */
export function describeBuild(r: BuildResult): string {
  const rel = r.elf.startsWith(`${ROOT}/`) ? r.elf.slice(ROOT.length + 1) : r.elf;
  const note = (r.rebuilt ? "" : " (up to date)") +
    (r.symbols === null ? "" : `, ${r.symbols} symbols`);
  return `${r.arch}: ${rel} image ${kib(r.size.loaded)} loaded, ${kib(r.size.memory)} in memory` +
    ` (file ${kib(r.size.file)})${note}`;
}

/** Parses `--arch X`, `--c FILE`, `--force`; returns the arches to build. */
function parseArgs(argv: string[]): { arches: Arch[]; opts: BuildOptions } {
  const arches: Arch[] = [];
  const opts: BuildOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--arch") {
      const a = value();
      if (!isArch(a)) throw new Error(`unknown arch ${a} (x86_64, aarch64)`);
      arches.push(a);
    } else if (flag === "--c") opts.cSource = value();
    else if (flag === "--force") opts.force = true;
    else if (flag === "--entry") opts.entry = value();
    else if (flag === "--out") opts.out = value();
    else {
      throw new Error(
        `unknown option ${argv[i]} (--arch X, --c FILE, --entry MODULE, --out ELF, --force)`,
      );
    }
  }
  if ((opts.cSource || opts.out) && arches.length !== 1) {
    throw new Error("--c and --out need exactly one --arch");
  }
  return { arches: arches.length > 0 ? arches : [...ARCHES], opts };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(Deno.args);
  } catch (e) {
    console.error(`build: ${(e as Error).message}`);
    return 2;
  }
  const results = await Promise.allSettled(parsed.arches.map((a) => buildKernel(a, parsed.opts)));
  let ok = true;
  for (const r of results) {
    if (r.status === "fulfilled") console.log(describeBuild(r.value));
    else {
      ok = false;
      const e = r.reason;
      console.error(e instanceof BuildError ? e.message : `build: ${e?.stack ?? e}`);
    }
  }
  return ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
