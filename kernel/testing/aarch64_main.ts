// Runs kernelMain for aarch64 under Deno (not kernel code). kernel/main.ts reaches its arch
// through `@arch/mod.ts`, which deno.json maps to x86_64; main_test.ts therefore runs this file
// in a child process with `--import-map kernel/testing/aarch64_import_map.json`, on a simulated
// virt machine (PL011, PSCI, semihosting) with a devicetree blob in RAM.
//
// Usage: deno run --import-map=kernel/testing/aarch64_import_map.json --allow-read \
//          kernel/testing/aarch64_main.ts <dtb file> <load address> <bootArg>
// Prints one JSON line: {"arch", "status", "output", "semihostExits", "psciCalls"}.

import { usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { ARCH_NAME } from "@arch/mod.ts";
import { kernelMain } from "../main.ts";
import { runToExit, setupAarch64 } from "./devices.ts";

const [dtbPath, loadAddr, bootArg] = Deno.args;
const { uart, firmware } = setupAarch64();
machine.mapRam(Number(loadAddr), Deno.readFileSync(dtbPath));
const status = runToExit(() => kernelMain(usize(Number(bootArg))));
console.log(JSON.stringify({
  arch: ARCH_NAME,
  status,
  output: uart.text(),
  semihostExits: firmware.semihostExits.length,
  psciCalls: firmware.psciCalls.length,
}));
