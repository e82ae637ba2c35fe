// The Deno side of differential testing: a subset program run as the TypeScript it is.
//
// The program's module is imported and its `main()` called, with the machine's output hook
// (machine.debugOut, where debugPutByte writes) collecting the bytes. A failed runtime check
// ends the program the way the hosted C harness does (hosted.ts): the fixed line
// `panic: <msg>` and status PANIC_EXIT. A CheckFailure carries the C runtime's message already
// (kernel/int.ts); the errors V8 itself throws for bigints and the prelude's `unreachable` are
// given the messages transpiler/runtime/tsk_rt.h panics with. Any other exception is a bug of
// the program or the harness and is printed as `deno error: ...`, which never matches the C.

import { CheckFailure } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { type Outcome, PANIC_EXIT, RAM_BASE, RAM_SIZE } from "./hosted.ts";

/** The panic message the C runtime prints for an exception, or null if it has none. */
export function panicMessage(e: unknown): string | null {
  if (e instanceof CheckFailure) return e.message;
  if (e instanceof RangeError && e.message === "Division by zero") return "division by zero";
  if (e instanceof RangeError && e.message === "Maximum BigInt size exceeded") {
    return "bigint too large";
  }
  if (e instanceof Error && e.message === "unreachable code reached") return e.message;
  return null;
}

/** Runs fn on a machine with RAM_SIZE zeroed bytes of RAM at RAM_BASE (as the hosted C has),
 *  with debugPutByte's output collected; returns the text and the exit status. */
export function capture(fn: () => void): Outcome {
  machine.reset();
  machine.mapRam(RAM_BASE, new Uint8Array(RAM_SIZE));
  const bytes: number[] = [];
  const saved = machine.debugOut;
  machine.debugOut = (b) => bytes.push(b);
  let tail = "";
  let status = 0;
  try {
    fn();
  } catch (e) {
    const msg = panicMessage(e);
    tail = msg !== null
      ? `panic: ${msg}\n`
      : `deno error: ${e instanceof Error ? e.stack : String(e)}\n`;
    status = PANIC_EXIT;
  } finally {
    machine.debugOut = saved;
  }
  return { stdout: new TextDecoder().decode(Uint8Array.from(bytes)) + tail, status };
}

/** Imports a program module (an absolute path) and returns its main. */
export async function loadMain(path: string): Promise<() => void> {
  const mod = await import(path) as { main?: unknown };
  if (typeof mod.main !== "function") throw new Error(`${path} exports no main()`);
  return mod.main as () => void;
}
