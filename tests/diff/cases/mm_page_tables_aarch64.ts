// deno-lint-ignore-file prefer-const
// Page tables in the aarch64 VMSAv8-64 (4 KiB granule) format built on hosted RAM (1 MiB at 0x40000000, R-INTR-4) through
// arch/aarch64/page_table.ts: table frames from a bump allocator given as a function value, pages,
// 2 MiB blocks, device and non-cacheable memory, a block split, unmap and protect, the
// refusals (EEXIST, W+X, a cut block, a hole) and an ENOMEM that leaves nothing behind. Every
// lookup prints the raw entry, so the C must build bit-identical tables (the 64-bit atomics,
// u64 masks and shifts, recursion through the table levels, out-parameter structs).
// @rule R-FN-2
// @rule R-MEM-2
// @rule R-ERR-1
// @rule R-UNSAFE-3

import { u32, u64, usize } from "../../../kernel/int.ts";
import { Errno, errnoName } from "../../../kernel/errno.ts";
import {
  PtCounts,
  PtSplit,
  PtWalk,
  VM_EXEC,
  VM_MMIO,
  VM_NC,
  VM_RO,
  VM_RW,
  VM_RX,
} from "../../../kernel/mem/vm_flags.ts";
import {
  ptCount,
  ptCreate,
  ptLookup,
  ptMap,
  ptProtect,
  ptSplitFinish,
  ptSplitStart,
  ptUnmap,
  ptUseNx,
} from "../../../arch/aarch64/page_table.ts";
import {
  newline,
  print,
  printHex,
  println,
  printU64,
  showBool,
  showU32,
  showUsize,
} from "../lib/out.ts";

let ramBase: usize = usize(0x40000000);
let frameLimit: usize = usize(16);
let framesUsed: usize = usize(0);
let framesFreed: u32 = u32(0);

/** Table frames from hosted RAM, at most frameLimit of them. */
function frame(_order: u32): usize {
  if (framesUsed >= frameLimit) {
    return usize(0);
  }
  const f = usize(ramBase + framesUsed * 4096);
  framesUsed = usize(framesUsed + 1);
  return f;
}

function dropFrame(_pa: usize, _order: u32): void {
  framesFreed = u32(framesFreed + 1);
}

function showErr(name: string, e: Errno): void {
  print(name);
  print(" -> ");
  println(errnoName(e));
}

function showWalk(root: usize, va: usize): void {
  const w = new PtWalk();
  const found = ptLookup(root, va, w);
  print("lookup ");
  printHex(u64(va), u32(12));
  print(": ");
  if (!found) {
    print("unmapped at level ");
    printU64(u64(w.level));
    newline();
    return;
  }
  print("pa ");
  printHex(u64(w.pa), u32(12));
  print(" flags ");
  printU64(u64(w.flags));
  print(" level ");
  printU64(u64(w.level));
  print(" size ");
  printHex(u64(w.size), u32(6));
  print(" raw ");
  printHex(w.raw, u32(16));
  newline();
}

function showCounts(root: usize): void {
  const c = new PtCounts();
  ptCount(root, c);
  showU32("tables", c.tables);
  showU32("blocks", c.blocks);
  showU32("pages", c.pages);
}

export function main(): void {
  ptUseNx(true);
  const root = ptCreate(frame);
  showUsize("root", root);
  const page = usize(0x12345678000);
  showErr("map 4 KiB RW", ptMap(root, page, usize(0x7000), usize(4096), VM_RW, frame));
  showWalk(root, usize(page + 0x123));
  showWalk(root, usize(page + 4096));
  showErr("map 4 KiB RO", ptMap(root, usize(0x400000), usize(0x9000), usize(4096), VM_RO, frame));
  showErr("map 4 KiB RX", ptMap(root, usize(0x401000), usize(0xa000), usize(4096), VM_RX, frame));
  showErr("map device", ptMap(root, usize(0x402000), usize(0xb000), usize(4096), VM_MMIO, frame));
  const nc = u32(VM_RW | VM_NC);
  showErr("map NC", ptMap(root, usize(0x403000), usize(0xc000), usize(4096), nc, frame));
  for (let i = usize(0); i < 4; i = usize(i + 1)) {
    showWalk(root, usize(0x400000 + i * 4096));
  }
  const block = usize(0x40000000);
  showErr("map 2 MiB RX", ptMap(root, block, usize(0x80000000), usize(0x200000), VM_RX, frame));
  showWalk(root, usize(block + 0x12345));
  showErr("map again", ptMap(root, usize(block + 0x1000), usize(0), usize(4096), VM_RW, frame));
  const wx = u32(VM_RW | VM_EXEC);
  showErr("map W+X", ptMap(root, usize(0x500000), usize(0), usize(4096), wx, frame));
  showErr("unmap cutting", ptUnmap(root, usize(block + 0x1000), usize(4096), dropFrame));
  const s = new PtSplit();
  showErr("split", ptSplitStart(root, usize(block + 0x5000), frame, s));
  showBool("pending", s.pending);
  showWalk(root, block);
  ptSplitFinish(s);
  showWalk(root, block);
  showWalk(root, usize(block + 0x1ff000));
  showErr("unmap page", ptUnmap(root, usize(block + 0x7000), usize(4096), dropFrame));
  showErr("protect page", ptProtect(root, usize(block + 0x9000), usize(4096), VM_RO));
  showErr("protect hole", ptProtect(root, usize(block + 0x6000), usize(0x2000), VM_RO));
  for (let i = usize(6); i < 11; i = usize(i + 1)) {
    showWalk(root, usize(block + i * 4096));
  }
  showCounts(root);
  frameLimit = framesUsed;
  const far = usize(0x7f0000000000);
  showErr("map, no frames", ptMap(root, far, usize(0x5000), usize(0x2000), VM_RW, frame));
  showWalk(root, far);
  frameLimit = usize(frameLimit + 8);
  showErr("map, frames again", ptMap(root, far, usize(0x5000), usize(0x2000), VM_RW, frame));
  showWalk(root, usize(far + 0x1000));
  showUsize("frames used", framesUsed);
  showErr("unmap all", ptUnmap(root, usize(0), usize(0x7f0000200000), dropFrame));
  showU32("frames freed", framesFreed);
  showCounts(root);
}
