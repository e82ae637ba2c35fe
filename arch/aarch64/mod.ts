// The aarch64 arch's public door: the only names kernel/ may use, through `@arch/mod.ts`.
// Every arch/<ARCH>/mod.ts exports the same names with the same signatures.

export { ARCH_NAME } from "./arch_name.ts";
export { readBootInfo } from "./boot_info.ts";
export { consoleInit, consolePutByte } from "./console.ts";
export { powerOff } from "./power.ts";
