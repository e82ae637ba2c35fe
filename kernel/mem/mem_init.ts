// Memory bring-up at boot: physical map, page allocator, the kernel's page tables, the heap.
//
// memInit runs once, on the boot CPU with interrupts off, after the boot information is read
// and before anything allocates. In order:
//   1. the free physical memory: RAM minus what the boot protocol reserved and minus the kernel
//      image (phys_map.ts), logged range by range with the totals;
//   2. the page-frame allocator over it (page_alloc.ts);
//   3. the kernel's own address space (kernel_space.ts): all RAM read/write + NX (2 MiB blocks
//      where aligned), the image W^X in 4 KiB pages, the boot stack's guard page unmapped, page
//      0 unmapped, the arch's device window as device memory; then switched to (vm.ts), which
//      on aarch64 turns the MMU and caches on; the fault reporter learns the regions;
//   4. the kernel heap (heap.ts) over the page allocator; `--heap-debug` turns its debug mode
//      on.
// Any failure here is fatal (the kernel cannot run without memory): a clear panic message.
// The state lives in this module's globals: memPhys (the free ranges), kernelSpace, memImage.

import { u32, u64, usize } from "../int.ts";
import { hex } from "../fmt.ts";
import { klog } from "../klog.ts";
import { panic } from "../panic.ts";
import { FixedArray } from "../array.ts";
import { Errno } from "../errno.ts";
import { faultSetRegions } from "../fault.ts";
import type { BootInfo } from "../boot/boot_info.ts";
import { DEVICE_WINDOW_BASE, DEVICE_WINDOW_SIZE, mmuNxEnabled } from "@arch/mod.ts";
import { PhysMap, physMapBuild } from "./phys_map.ts";
import {
  PAGE_SIZE,
  pageAlloc,
  pageAllocInit,
  pageFree,
  PageStats,
  pageStats,
} from "./page_alloc.ts";
import { AddressSpace, vmActivate, vmInit } from "./vm.ts";
import { KernelImage, kernelSpaceBuild, kernelSpaceLog, KernelSpaceStats } from "./kernel_space.ts";
import { heapInit } from "./heap.ts";

/** The free physical memory found at boot. */
export const memPhys: PhysMap = new PhysMap();
/** The kernel's address space (active after memInit). */
export const kernelSpace: AddressSpace = new AddressSpace();
/** The kernel image's parts, as the arch's linker script placed them. */
export const memImage: KernelImage = new KernelImage();

const spaceStats: KernelSpaceStats = new KernelSpaceStats();
const devBase: FixedArray<u64> = new FixedArray<u64>(1, u64(0n));
const devSize: FixedArray<u64> = new FixedArray<u64>(1, u64(0n));

const KIB: u64 = u64(1024n);

// RAM and boot-reserved ranges merged: what the kernel maps as normal memory.
const mapBase: FixedArray<u64> = new FixedArray<u64>(64, u64(0n));
const mapSize: FixedArray<u64> = new FixedArray<u64>(64, u64(0n));

/** Sets up all of memory management from the boot information and the image layout. */
export function memInit(info: BootInfo, image: KernelImage, heapDebug: boolean): void {
  memImage.textStart = image.textStart;
  memImage.textEnd = image.textEnd;
  memImage.rodataStart = image.rodataStart;
  memImage.rodataEnd = image.rodataEnd;
  memImage.dataStart = image.dataStart;
  memImage.dataEnd = image.dataEnd;
  memImage.guardStart = image.guardStart;
  memImage.guardEnd = image.guardEnd;
  memImage.excGuardStart = image.excGuardStart;
  memImage.excGuardEnd = image.excGuardEnd;
  logRanges(info);
  if (!physMapBuild(info, image.textStart, image.dataEnd, memPhys)) {
    klog(`memory: no usable RAM (error ${memPhys.error})`);
    panic("memory: cannot build the physical memory map");
  }
  const total = u64(memPhys.ramBytes / KIB);
  const reserved = u64(memPhys.reservedBytes / KIB);
  const free = u64(memPhys.freeBytes / KIB);
  klog(`memory: total ${total} KiB, reserved ${reserved} KiB, free ${free} KiB`);
  if (!pageAllocInit(memPhys)) {
    panic("memory: the page allocator found no usable page");
  }
  logPages("pages");

  if (vmInit(kernelSpace, pageAlloc, pageFree) !== Errno.OK) {
    panic("memory: no page for the kernel's root page table");
  }
  deviceWindow(info);
  const count = memoryToMap(info);
  const err = kernelSpaceBuild(
    kernelSpace,
    image,
    mapBase.slice(usize(0), count),
    mapSize.slice(usize(0), count),
    devBase.asSlice(),
    devSize.asSlice(),
    spaceStats,
  );
  if (err !== Errno.OK) {
    klog(`vm: building the kernel's page tables failed: errno ${u32(err)}`);
    panic("memory: cannot build the kernel's page tables");
  }
  vmActivate(kernelSpace);
  kernelSpaceLog(spaceStats);
  klog(`vm: no-execute ${mmuNxEnabled() ? "on" : "off"}`);
  faultSetRegions(image);

  heapInit(pageAlloc, pageFree, heapDebug);
  klog(`heap: ready, debug ${heapDebug ? "on" : "off"}`);
}

/** Logs the RAM and reserved ranges of the boot information and the image. */
function logRanges(info: BootInfo): void {
  for (let i = usize(0); i < usize(info.ramRangeCount); i = usize(i + 1)) {
    const base = info.ramRangeBase.get(i);
    const end = u64(base + info.ramRangeSize.get(i));
    klog(`memory: ram [${hex(base)}, ${hex(end)})`);
  }
  for (let i = usize(0); i < usize(info.reservedCount); i = usize(i + 1)) {
    const base = info.reservedBase.get(i);
    const end = u64(base + info.reservedSize.get(i));
    klog(`memory: reserved [${hex(base)}, ${hex(end)})`);
  }
  klog(`memory: kernel image [${hex(memImage.textStart)}, ${hex(memImage.dataEnd)})`);
}

/** Logs the page allocator's counts under a label. */
export function logPages(label: string): void {
  // A local: a module-level PageStats would be built while page_alloc.ts may still be loading
  // (Deno evaluates the kernel's import cycle through @arch/mod.ts in an order C does not have).
  const pages = new PageStats();
  pageStats(pages);
  const kib = usize(PAGE_SIZE / 1024);
  klog(
    `${label}: ${pages.freePages} free of ${pages.totalPages} pages of ${kib} KiB (${pages.reservedPages} reserved, ${pages.allocatedPages} allocated)`,
  );
}

/** Fills mapBase/mapSize with the union of info's RAM and reserved ranges, sorted and merged,
 *  and returns how many there are. Reserved ranges are mapped too: they hold what the boot
 *  loader left for the kernel (PVH start_info and command line in the BIOS area below 1 MiB,
 *  which is not RAM in the E820 map; the DTB). */
function memoryToMap(info: BootInfo): usize {
  let n = usize(0);
  for (let i = usize(0); i < usize(info.ramRangeCount); i = usize(i + 1)) {
    n = insertRange(n, info.ramRangeBase.get(i), info.ramRangeSize.get(i));
  }
  for (let i = usize(0); i < usize(info.reservedCount); i = usize(i + 1)) {
    n = insertRange(n, info.reservedBase.get(i), info.reservedSize.get(i));
  }
  // Merge neighbours that overlap or touch.
  let out = usize(0);
  for (let i = usize(0); i < n; i = usize(i + 1)) {
    const base = mapBase.get(i);
    const end = u64(base + mapSize.get(i));
    if (out > 0) {
      const last = usize(out - 1);
      const lastEnd = u64(mapBase.get(last) + mapSize.get(last));
      if (base <= lastEnd) {
        if (end > lastEnd) {
          mapSize.set(last, u64(end - mapBase.get(last)));
        }
        continue;
      }
    }
    mapBase.set(out, base);
    mapSize.set(out, u64(end - base));
    out = usize(out + 1);
  }
  return out;
}

/** Inserts [base, base + size) into the first n entries of mapBase/mapSize, sorted by base;
 *  returns the new count (a full table drops the range: 64 > 32 RAM + 32 reserved). */
function insertRange(n: usize, base: u64, size: u64): usize {
  if (size === 0n || n === mapBase.length) {
    return n;
  }
  let i = n;
  while (i > 0 && mapBase.get(usize(i - 1)) > base) {
    mapBase.set(i, mapBase.get(usize(i - 1)));
    mapSize.set(i, mapSize.get(usize(i - 1)));
    i = usize(i - 1);
  }
  mapBase.set(i, base);
  mapSize.set(i, size);
  return usize(n + 1);
}

/** The arch's device window, trimmed to start above any RAM that reaches into it. */
function deviceWindow(info: BootInfo): void {
  let base = DEVICE_WINDOW_BASE;
  const end = u64(DEVICE_WINDOW_BASE + DEVICE_WINDOW_SIZE);
  for (let i = usize(0); i < usize(info.ramRangeCount); i = usize(i + 1)) {
    const lo = info.ramRangeBase.get(i);
    const hi = u64(lo + info.ramRangeSize.get(i));
    if (lo < end && hi > base) {
      base = hi < end ? u64(u64(hi + 0xfffn) & 0xfffffffffffff000n) : end;
    }
  }
  devBase.set(usize(0), base);
  devSize.set(usize(0), u64(end - base));
}
