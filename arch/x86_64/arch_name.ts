// The name of the architecture this arch/ folder implements, as printed in the boot banner.

/** The arch's name, as in `zig cc -target <ARCH_NAME>-freestanding-none`. */
export const ARCH_NAME: string = "x86_64";
