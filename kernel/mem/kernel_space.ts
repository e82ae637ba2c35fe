// The kernel's own address space, built from what the boot gave: RAM ranges, the image's
// sections and device windows, mapped at virtual = physical (the identity linear map of
// phys_addr.ts, PHYS_MAP_OFFSET = 0).
//
// kernelSpaceBuild maps, into an AddressSpace fresh from vmInit (not active yet: the boot
// tables of entry.S, or the MMU off on aarch64, still translate while it runs):
//   - every RAM range, read/write and never executable, with 2 MiB blocks wherever the
//     alignment allows (vm.ts/page_table.ts choose), 4 KiB pages at unaligned ends; ranges are
//     rounded inward to whole pages and clipped to the mappable virtual range (PT_VA_END);
//   - except the kernel image, which gets 4 KiB pages with its sections' rights: text read +
//     execute, rodata read-only, data and bss read/write, not executable (W^X for the kernel
//     itself). Text is rounded outward to whole pages (its end need not be aligned: the linker
//     scripts align rodata and data instead); the other bounds must be page-aligned;
//   - device windows: read/write, never executable, uncached device memory (VM_MMIO), 2 MiB
//     blocks where aligned; windows are rounded outward to whole pages;
//   - never page 0 (the first 4 KiB), in any of them: a null pointer traps;
//   - the guard ranges (below the boot stack and the exception stack) are unmapped last, through vmUnmap, which would
//     split a block if the guard lay in one.
// RAM ranges and device windows must not overlap each other or the image's pages beyond what
// is excluded above (PhysMap gives disjoint RAM ranges): an overlap is EEXIST. On an error the
// space is left half-built (the caller panics: the kernel cannot run without it). The result's
// tables, blocks and pages are counted (walkCount) for the boot log line.
// Single CPU, at boot: no lock.

import { u32, u64, usize } from "../int.ts";
import type { Slice } from "../array.ts";
import { Errno } from "../errno.ts";
import { klog } from "../klog.ts";
import { PT_PAGE_SIZE, PT_VA_END, ptFormat } from "@arch/mod.ts";
import { walkCount } from "./page_walk.ts";
import { type AddressSpace, vmMap, vmUnmap } from "./vm.ts";
import { PtCounts, VM_MMIO, VM_RO, VM_RW, VM_RX } from "./vm_flags.ts";

/** Where the kernel image's parts are (physical = virtual). */
export class KernelImage {
  textStart: usize = usize(0);
  textEnd: usize = usize(0);
  rodataStart: usize = usize(0);
  rodataEnd: usize = usize(0);
  /** Data and bss: [dataStart, dataEnd). */
  dataStart: usize = usize(0);
  dataEnd: usize = usize(0);
  /** Left unmapped (an empty range: no guard): below the boot stack. */
  guardStart: usize = usize(0);
  guardEnd: usize = usize(0);
  /** Left unmapped too: below the exception stack (x86_64 IST1, aarch64 SP_EL0). */
  excGuardStart: usize = usize(0);
  excGuardEnd: usize = usize(0);
}

/** What kernelSpaceBuild mapped, for the boot log. */
export class KernelSpaceStats {
  /** RAM ranges that had at least one whole page. */
  ramRanges: u32 = u32(0);
  devices: u32 = u32(0);
  blocks: u32 = u32(0);
  pages: u32 = u32(0);
  tables: u32 = u32(0);
}

function isPageAligned(a: usize): boolean {
  return usize(a % PT_PAGE_SIZE) === 0;
}

/** The first page that may be mapped, and the end of what can be. */
const LOW_LIMIT: usize = usize(0x1000);

/** Maps [lo, hi) (page-aligned, possibly empty) with flags; OK if empty. */
function mapPiece(as: AddressSpace, lo: usize, hi: usize, flags: u32): Errno {
  if (hi <= lo) {
    return Errno.OK;
  }
  return vmMap(as, lo, lo, usize(hi - lo), flags);
}

/** base + size as a usize clipped to PT_VA_END (firmware ranges may end past 2^53). */
function endClipped(base: u64, size: u64): usize {
  const limit = u64(PT_VA_END);
  if (base >= limit || size >= u64(limit - base)) {
    return PT_VA_END;
  }
  return usize(u64(base + size));
}

/** base clipped to PT_VA_END. */
function baseClipped(base: u64): usize {
  return base >= u64(PT_VA_END) ? PT_VA_END : usize(base);
}

function maxUsize(a: usize, b: usize): usize {
  return a > b ? a : b;
}

function minUsize(a: usize, b: usize): usize {
  return a < b ? a : b;
}

/** Maps the RAM range [base, base + size) around the image [imageLo, imageHi). */
function mapRam(
  as: AddressSpace,
  base: u64,
  size: u64,
  imageLo: usize,
  imageHi: usize,
  stats: KernelSpaceStats,
): Errno {
  const end = endClipped(base, size);
  const lo = maxUsize(alignUpPage(baseClipped(base)), LOW_LIMIT);
  const hi = usize(end - usize(end % PT_PAGE_SIZE));
  if (hi <= lo) {
    return Errno.OK;
  }
  stats.ramRanges = u32(stats.ramRanges + 1);
  const err = mapPiece(as, lo, minUsize(hi, imageLo), VM_RW);
  if (err !== Errno.OK) {
    return err;
  }
  return mapPiece(as, maxUsize(lo, imageHi), hi, VM_RW);
}

function alignUpPage(a: usize): usize {
  const r = usize(a % PT_PAGE_SIZE);
  return r === 0 ? a : usize(a + usize(PT_PAGE_SIZE - r));
}

/** Builds the kernel's address space into as (fresh from vmInit): RAM ranges
 *  [ramBase[i], ramBase[i] + ramSize[i]), the image, device windows [devBase[i], ... +
 *  devSize[i]); fills stats. EINVAL: image bounds misaligned, out of order, or in page 0;
 *  EEXIST: overlapping ranges; ENOMEM: out of table frames. */
export function kernelSpaceBuild(
  as: AddressSpace,
  image: KernelImage,
  ramBase: Slice<u64>,
  ramSize: Slice<u64>,
  devBase: Slice<u64>,
  devSize: Slice<u64>,
  stats: KernelSpaceStats,
): Errno {
  stats.ramRanges = u32(0);
  stats.devices = u32(0);
  const textLo = usize(image.textStart - usize(image.textStart % PT_PAGE_SIZE));
  const textHi = alignUpPage(image.textEnd);
  if (
    !isPageAligned(image.rodataStart) || !isPageAligned(image.rodataEnd) ||
    !isPageAligned(image.dataStart) || !isPageAligned(image.dataEnd) ||
    !isPageAligned(image.guardStart) || !isPageAligned(image.guardEnd) ||
    !isPageAligned(image.excGuardStart) || !isPageAligned(image.excGuardEnd)
  ) {
    return Errno.EINVAL;
  }
  if (
    textLo < LOW_LIMIT || textHi <= textLo || image.rodataStart < textHi ||
    image.rodataEnd < image.rodataStart || image.dataStart < image.rodataEnd ||
    image.dataEnd <= image.dataStart || image.guardEnd < image.guardStart ||
    image.dataEnd > PT_VA_END
  ) {
    return Errno.EINVAL;
  }
  if (ramBase.length !== ramSize.length || devBase.length !== devSize.length) {
    return Errno.EINVAL;
  }
  let err = Errno.OK;
  for (let i = usize(0); i < ramBase.length && err === Errno.OK; i = usize(i + 1)) {
    err = mapRam(as, ramBase.get(i), ramSize.get(i), textLo, image.dataEnd, stats);
  }
  if (err === Errno.OK) {
    err = mapPiece(as, textLo, textHi, VM_RX);
  }
  if (err === Errno.OK) {
    err = mapPiece(as, image.rodataStart, image.rodataEnd, VM_RO);
  }
  if (err === Errno.OK) {
    err = mapPiece(as, image.dataStart, image.dataEnd, VM_RW);
  }
  for (let i = usize(0); i < devBase.length && err === Errno.OK; i = usize(i + 1)) {
    const end = endClipped(devBase.get(i), devSize.get(i));
    const base = baseClipped(devBase.get(i));
    const lo = maxUsize(usize(base - usize(base % PT_PAGE_SIZE)), LOW_LIMIT);
    const hi = minUsize(alignUpPage(end), PT_VA_END);
    if (lo < hi) {
      stats.devices = u32(stats.devices + 1);
      err = mapPiece(as, lo, hi, VM_MMIO);
    }
  }
  if (err === Errno.OK && image.guardStart < image.guardEnd) {
    err = vmUnmap(as, image.guardStart, usize(image.guardEnd - image.guardStart));
  }
  if (err === Errno.OK && image.excGuardStart < image.excGuardEnd) {
    err = vmUnmap(as, image.excGuardStart, usize(image.excGuardEnd - image.excGuardStart));
  }
  const counts = new PtCounts();
  const fmt = ptFormat();
  walkCount(fmt, as.root, counts);
  stats.blocks = counts.blocks;
  stats.pages = counts.pages;
  stats.tables = counts.tables;
  return err;
}

/** Logs `vm: N RAM ranges, D device windows, B blocks of 2 MiB, P pages of 4 KiB, T tables`. */
export function kernelSpaceLog(stats: KernelSpaceStats): void {
  klog(
    `vm: ${stats.ramRanges} RAM ranges, ${stats.devices} device windows, ${stats.blocks} blocks of 2 MiB, ${stats.pages} pages of 4 KiB, ${stats.tables} tables`,
  );
}
