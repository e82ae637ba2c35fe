// Physical and kernel-virtual addresses: the linear map.
//
// The kernel maps all RAM at kernel virtual address = physical address + PHYS_MAP_OFFSET.
// Today the offset is 0 (an identity map, which is also how the image is linked: at 1 MiB on
// x86_64, at 0x40200000 on aarch64), so allocators hand out addresses usable for load/store and
// for page-table entries alike. Code that needs one or the other says so through these
// functions, so moving the linear map (e.g. to make room for applications at low addresses) is
// a change of this constant. The offset must keep every address below 2^53 (usize).

import { usize } from "../int.ts";

/** Kernel virtual address of physical address 0. */
export const PHYS_MAP_OFFSET: usize = usize(0);

/** The kernel virtual address of physical address pa. */
export function physToVirt(pa: usize): usize {
  return usize(pa + PHYS_MAP_OFFSET);
}

/** The physical address of kernel virtual address va (which must be in the linear map). */
export function virtToPhys(va: usize): usize {
  return usize(va - PHYS_MAP_OFFSET);
}
