// The C side of differential testing: subset programs as hosted Linux executables.
//
// Many programs (each a module exporting `main(): void`) are transpiled together, with
// `hosted: true`, into one translation unit: their names differ by path, so one C file holds
// them all. A generated harness adds `main()` and the kernel's panic, `kernel_panic__panic`,
// which prints the fixed line `panic: <msg>` on stdout (the line the Deno runner prints for a
// CheckFailure, run_deno.ts) and then either exits with PANIC_EXIT (mode "exit": one program per
// process, chosen by argv[1]) or longjmps back to main to run the next program (mode "batch":
// all programs in one process, from the index in argv[1] if given, each introduced by a
// `== <name>` line, as the fuzzer wants; a crash loses only the rest of that run). The
// C is compiled by `zig cc` for x86_64- and aarch64-linux-musl, with UBSan in trap mode so any
// undefined behaviour ends the process with SIGILL (a disagreement); aarch64 binaries run under
// qemu-aarch64 (Debian's qemu-user).

import { fileURLToPath } from "node:url";
import { formatDiagnostic, transpile } from "../../transpiler/mod.ts";
import { modulePrefix } from "../../transpiler/names.ts";

export const TOP = fileURLToPath(new URL("../../", import.meta.url));
const ZIG = TOP + ".toolchain/bin/zig";

/** The exit status of a program that panicked, in both worlds. */
export const PANIC_EXIT = 101;

/** Raw memory of a hosted program (docs/SUBSET.md R-INTR-4): RAM_SIZE zeroed bytes at
 *  RAM_BASE, a fixed mapping in the process and simulated RAM under Deno (run_deno.ts). */
export const RAM_BASE = 0x40000000;
export const RAM_SIZE = 1 << 20;

export type Target = "x86_64" | "aarch64";
export type Opt = "-O0" | "-O2";

/** One way of compiling and running the C. */
export interface Config {
  target: Target;
  opt: Opt;
}

export function configName(c: Config): string {
  return `${c.target}${c.opt}`;
}

/** The five executions of the corpus are Deno and these four. */
export const ALL_CONFIGS: Config[] = [
  { target: "x86_64", opt: "-O0" },
  { target: "x86_64", opt: "-O2" },
  { target: "aarch64", opt: "-O0" },
  { target: "aarch64", opt: "-O2" },
];

export type Mode = "exit" | "batch";

/** A program of a hosted build: its display name and root-relative path. */
export interface Program {
  name: string;
  path: string;
}

/** The C symbol of a program's main. */
export function mainSymbol(path: string): string {
  return `${modulePrefix(path, "x86_64")}__main`;
}

/** Transpiles the programs (paths relative to TOP) as one hosted C file; throws with every
 *  diagnostic if there are any. */
export function transpileHosted(programs: Program[]): string {
  const [first, ...rest] = programs.map((p) => p.path);
  const { c, diagnostics } = transpile({
    root: TOP,
    entry: first,
    extraEntries: rest,
    arch: "x86_64",
    hosted: true,
  });
  if (diagnostics.length > 0) {
    throw new Error(`transpiler diagnostics:\n${diagnostics.map(formatDiagnostic).join("\n")}`);
  }
  return c;
}

/** The generated C of the programs plus the harness of the given mode. */
export function harness(programs: Program[], generated: string, mode: Mode): string {
  const table = programs.map((p) => `  { "${p.name}", ${mainSymbol(p.path)} },`);
  const panicEnd = mode === "exit"
    ? `  fflush(stdout);\n  exit(${PANIC_EXIT});`
    : "  longjmp(tsk_jump, 1);";
  const run = mode === "exit"
    ? [
      "  if (argc != 2) return 2;",
      "  ram_map();",
      "  for (size_t i = 0; i < sizeof PROGRAMS / sizeof PROGRAMS[0]; i++) {",
      "    if (strcmp(argv[1], PROGRAMS[i].name) == 0) {",
      "      PROGRAMS[i].main();",
      "      return 0;",
      "    }",
      "  }",
      '  fprintf(stderr, "no program %s\\n", argv[1]);',
      "  return 2;",
    ]
    : [
      "  size_t first = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 0;",
      "  ram_map();",
      "  for (volatile size_t i = first; i < sizeof PROGRAMS / sizeof PROGRAMS[0]; i++) {",
      '    printf("== %s\\n", PROGRAMS[i].name);',
      `    memset((void *)${RAM_BASE}UL, 0, ${RAM_SIZE});`,
      "    if (setjmp(tsk_jump) == 0) PROGRAMS[i].main();",
      "    fflush(stdout);",
      "  }",
      "  return 0;",
    ];
  return [
    generated,
    "/* ---- the differential-test harness (tests/diff/hosted.ts) ---- */",
    "/* libc comes after the kernel's C, whose names may be those of libc macros (EOF, ...) */",
    "#include <setjmp.h>",
    "#include <stdio.h>",
    "#include <stdlib.h>",
    "#include <string.h>",
    "#include <sys/mman.h>",
    "static jmp_buf tsk_jump;",
    "/* the program's raw memory, at the address where Deno's simulated RAM is */",
    "static void ram_map(void) {",
    `  void *want = (void *)${RAM_BASE}UL;`,
    `  void *p = mmap(want, ${RAM_SIZE}, PROT_READ | PROT_WRITE,`,
    "                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);",
    "  if (p != want) {",
    '    fputs("cannot map the raw memory\\n", stderr);',
    "    exit(3);",
    "  }",
    "}",
    "_Noreturn void kernel_panic__panic(tsk_str msg) {",
    '  fputs("panic: ", stdout);',
    "  fwrite(msg.ptr, 1, msg.len, stdout);",
    "  putchar('\\n');",
    panicEnd,
    "}",
    "static const struct {",
    "  const char *name;",
    "  void (*main)(void);",
    "} PROGRAMS[] = {",
    ...table,
    "};",
    "int main(int argc, char **argv) {",
    ...run,
    "}",
    "",
  ].join("\n");
}

/** Compiles a harness C file for one configuration; returns the executable's path. With
 *  `werror` (the corpus) a C warning fails the build; generated programs may well compare a
 *  variable with itself, which clang warns about, so the fuzzer passes false. */
export async function compile(
  cFile: string,
  config: Config,
  out: string,
  werror = true,
): Promise<string> {
  const args = [
    "cc",
    "-target",
    `${config.target}-linux-musl`,
    "-std=gnu11",
    config.opt,
    "-Wall",
    "-Wextra",
    werror ? "-Werror" : "-Wno-error",
    "-Wno-unused-parameter",
    "-Wno-unused-variable",
    "-Wno-unused-but-set-variable",
    "-fsanitize=undefined",
    "-fsanitize-trap=undefined",
    "-I",
    TOP + "transpiler/runtime",
    "-o",
    out,
    cFile,
  ];
  const r = await new Deno.Command(ZIG, { args, stdout: "piped", stderr: "piped" }).output();
  if (!r.success) {
    const lines = new TextDecoder().decode(r.stderr).split("\n");
    const errors = lines.filter((l) => /error|undefined|fatal/i.test(l) && !/warning:/.test(l));
    throw new Error(`zig cc (${configName(config)}) failed:\n${errors.slice(0, 40).join("\n")}`);
  }
  return out;
}

/** What one execution printed and how it ended. */
export interface Outcome {
  stdout: string;
  /** The exit status, or 128 + the signal number (SIGILL: UBSan trapped). */
  status: number;
}

/** Runs a hosted executable (under qemu-aarch64 for aarch64). */
export async function execute(exe: string, target: Target, args: string[]): Promise<Outcome> {
  const [cmd, argv] = target === "aarch64" ? ["qemu-aarch64", [exe, ...args]] : [exe, args];
  const r = await new Deno.Command(cmd, { args: argv, stdout: "piped", stderr: "piped" })
    .output();
  const status = r.signal ? 128 + signalNumber(r.signal) : r.code;
  return { stdout: new TextDecoder().decode(r.stdout), status };
}

function signalNumber(s: Deno.Signal): number {
  const nums: Partial<Record<Deno.Signal, number>> = {
    SIGILL: 4,
    SIGTRAP: 5,
    SIGABRT: 6,
    SIGBUS: 7,
    SIGFPE: 8,
    SIGKILL: 9,
    SIGSEGV: 11,
  };
  return nums[s] ?? 64;
}

/** Runs jobs with at most `limit` in flight, keeping their order. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  job: (x: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
