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
import { kernelEarly } from "../main.ts";
import { runToExit, setupAarch64 } from "./devices.ts";
import { imageLayout } from "./fixtures.ts";

const [dtbPath, loadAddr, bootArg] = Deno.args;
const { uart, firmware } = setupAarch64();
// 128 MiB of RAM at 0x40000000 as on `-M virt -m 128M`, the DTB at its load address, the image
// at 0x40200000 with its layout table just below it (in the 2 MiB QEMU leaves below the image).
const RAM = 0x40000000;
const ram = machine.mapRam(RAM, new Uint8Array(128 << 20));
ram.set(Deno.readFileSync(dtbPath), Number(loadAddr) - RAM);
ram.set(imageLayout(0x40200000), 0x401ff000 - RAM);
const status = runToExit(() => {
  kernelEarly(usize(Number(bootArg)), usize(0x401ff000));
});
console.log(JSON.stringify({
  arch: ARCH_NAME,
  status,
  output: uart.text(),
  semihostExits: firmware.semihostExits.length,
  psciCalls: firmware.psciCalls.length,
}));
