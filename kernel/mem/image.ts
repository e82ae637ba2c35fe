"use unsafe";
// Where the kernel image's parts are: read from the table the arch entry code passes.
//
// arch/<ARCH>/entry.S hands kernelMain the address of `kernel_image_layout`, ten u64 in .rodata
// that the linker fills from arch/<ARCH>/linker.ld's and trap.S's symbols: image start (= text
// start), text end, rodata start, data start (= rodata end), image end (= end of .bss,
// page-aligned), boot stack guard page, boot stack bottom (= guard end), boot stack top, the
// exception stack's guard page and its bottom (= that guard's end). imageRead copies them
// into a KernelImage (kernel/mem/kernel_space.ts), checking the order the linker scripts
// promise, so a broken layout is a clear error at boot rather than wrong page permissions.

import { usize } from "../int.ts";
import { addr, load64 } from "../intrinsics.ts";
import { KernelImage } from "./kernel_space.ts";

/** Where the boot stack is: [bottom, top), with the guard page below bottom. */
export class BootStack {
  bottom: usize = usize(0);
  top: usize = usize(0);
}

function entry(layout: usize, i: usize): usize {
  return usize(load64(addr(layout + i * 8)));
}

/** Fills image and stack from the layout table at layout; false if its addresses are out of
 *  order or the guard does not end where the stack starts. */
export function imageRead(layout: usize, image: KernelImage, stack: BootStack): boolean {
  image.textStart = entry(layout, usize(0));
  image.textEnd = entry(layout, usize(1));
  image.rodataStart = entry(layout, usize(2));
  image.rodataEnd = entry(layout, usize(3));
  image.dataStart = entry(layout, usize(3));
  image.dataEnd = entry(layout, usize(4));
  image.guardStart = entry(layout, usize(5));
  image.guardEnd = entry(layout, usize(6));
  stack.bottom = image.guardEnd;
  stack.top = entry(layout, usize(7));
  image.excGuardStart = entry(layout, usize(8));
  image.excGuardEnd = entry(layout, usize(9));
  return image.excGuardStart < image.excGuardEnd && image.excGuardEnd <= image.dataEnd &&
    image.dataStart <= image.excGuardStart && image.textStart < image.textEnd &&
    image.textEnd <= image.rodataStart &&
    image.rodataStart <= image.rodataEnd && image.rodataEnd < image.dataEnd &&
    image.dataStart <= image.guardStart && image.guardStart < image.guardEnd &&
    stack.bottom < stack.top && stack.top <= image.dataEnd;
}
