"use unsafe";
// Powering off the aarch64 machine: Arm semihosting SYS_EXIT, else PSCI SYSTEM_OFF.
//
// PSCI (Arm DEN0022, §5.10 SYSTEM_OFF, function id 0x84000008, through `hvc` on QEMU's virt)
// always works but carries no status: QEMU then exits with 0. So status 0 goes straight to PSCI.
// A failure status needs semihosting (Arm "Semihosting for AArch32 and AArch64", SYS_EXIT 0x18,
// the semihostExit intrinsic): QEMU run with `-semihosting` exits with the status. Without
// -semihosting the `hlt #0xf000` instruction is undefined and traps; the kernel installs no
// vector table yet, so tools/qemu.ts always passes -semihosting. If semihosting returns (a host
// that ignores it), PSCI powers off and the status is lost; if PSCI returns, the CPU halts.

import { u32, u64 } from "../../kernel/int.ts";
import { halt, psciCall, semihostExit } from "../../kernel/intrinsics.ts";

/** PSCI SYSTEM_OFF (SMC32 function id). */
export const PSCI_SYSTEM_OFF: u32 = u32(0x84000008);

/** Stops the machine, reporting status (0 = success) to the host when it can. */
export function powerOff(status: u32): never {
  if (status !== 0) {
    semihostExit(status);
  }
  psciCall(PSCI_SYSTEM_OFF, u64(0n), u64(0n), u64(0n));
  while (true) {
    halt();
  }
}
