// deno-lint-ignore-file prefer-const
// Page tables in both formats, x86_64 4-level and aarch64 VMSAv8-64 (4 KiB granule), built on
// hosted RAM (1 MiB at 0x40000000, R-INTR-4) by the one arch-neutral walk (kernel/mem/
// page_walk.ts, page_range.ts) over each arch's PtFormat, an ops table of function values:
// table frames from a bump allocator given as a function value, pages, 2 MiB blocks, device and
// non-cacheable memory, a block split (break-before-make on aarch64), unmap and protect, the
// refusals (EEXIST, W+X, a cut block, a hole) and an ENOMEM that leaves nothing behind. Every
// lookup prints the raw entry, so the C must build bit-identical tables (the 64-bit atomics,
// u64 masks and shifts, recursion through the table levels, calls through struct fields,
// out-parameter structs).
// @rule R-FN-2
// @rule R-FN-3
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
import { PtFormat } from "../../../kernel/mem/pt_format.ts";
import {
  ptCreate,
  ptSplitFinish,
  walkCount,
  walkLookup,
  walkSplitStart,
} from "../../../kernel/mem/page_walk.ts";
import { walkMap, walkProtect, walkUnmap } from "../../../kernel/mem/page_range.ts";
import { ptUseNx, x86PtFormat } from "../../../arch/x86_64/page_table.ts";
import { armPtFormat } from "../../../arch/aarch64/page_table.ts";
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

function showWalk(f: PtFormat, root: usize, va: usize): void {
  const w = new PtWalk();
  const found = walkLookup(f, root, va, w);
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

function showCounts(f: PtFormat, root: usize): void {
  const c = new PtCounts();
  walkCount(f, root, c);
  showU32("tables", c.tables);
  showU32("blocks", c.blocks);
  showU32("pages", c.pages);
}

/** The whole program over one format, from fresh frames. */
function run(f: PtFormat): void {
  framesUsed = usize(0);
  frameLimit = usize(16);
  framesFreed = u32(0);
  const root = ptCreate(frame);
  showUsize("root", root);
  const page = usize(0x12345678000);
  showErr("map 4 KiB RW", walkMap(f, root, page, usize(0x7000), usize(4096), VM_RW, frame));
  showWalk(f, root, usize(page + 0x123));
  showWalk(f, root, usize(page + 4096));
  showErr(
    "map 4 KiB RO",
    walkMap(f, root, usize(0x400000), usize(0x9000), usize(4096), VM_RO, frame),
  );
  showErr(
    "map 4 KiB RX",
    walkMap(f, root, usize(0x401000), usize(0xa000), usize(4096), VM_RX, frame),
  );
  showErr(
    "map device",
    walkMap(f, root, usize(0x402000), usize(0xb000), usize(4096), VM_MMIO, frame),
  );
  const nc = u32(VM_RW | VM_NC);
  showErr("map NC", walkMap(f, root, usize(0x403000), usize(0xc000), usize(4096), nc, frame));
  for (let i = usize(0); i < 4; i = usize(i + 1)) {
    showWalk(f, root, usize(0x400000 + i * 4096));
  }
  const block = usize(0x40000000);
  showErr(
    "map 2 MiB RX",
    walkMap(f, root, block, usize(0x80000000), usize(0x200000), VM_RX, frame),
  );
  showWalk(f, root, usize(block + 0x12345));
  showErr(
    "map again",
    walkMap(f, root, usize(block + 0x1000), usize(0), usize(4096), VM_RW, frame),
  );
  const wx = u32(VM_RW | VM_EXEC);
  showErr("map W+X", walkMap(f, root, usize(0x500000), usize(0), usize(4096), wx, frame));
  showErr("unmap cutting", walkUnmap(f, root, usize(block + 0x1000), usize(4096), dropFrame));
  const s = new PtSplit();
  showErr("split", walkSplitStart(f, root, usize(block + 0x5000), frame, s));
  showBool("pending", s.pending);
  showWalk(f, root, block);
  ptSplitFinish(s);
  showWalk(f, root, block);
  showWalk(f, root, usize(block + 0x1ff000));
  showErr("unmap page", walkUnmap(f, root, usize(block + 0x7000), usize(4096), dropFrame));
  showErr("protect page", walkProtect(f, root, usize(block + 0x9000), usize(4096), VM_RO));
  showErr("protect hole", walkProtect(f, root, usize(block + 0x6000), usize(0x2000), VM_RO));
  for (let i = usize(6); i < 11; i = usize(i + 1)) {
    showWalk(f, root, usize(block + i * 4096));
  }
  showCounts(f, root);
  frameLimit = framesUsed;
  const far = usize(0x7f0000000000);
  showErr("map, no frames", walkMap(f, root, far, usize(0x5000), usize(0x2000), VM_RW, frame));
  showWalk(f, root, far);
  frameLimit = usize(frameLimit + 8);
  showErr("map, frames again", walkMap(f, root, far, usize(0x5000), usize(0x2000), VM_RW, frame));
  showWalk(f, root, usize(far + 0x1000));
  showUsize("frames used", framesUsed);
  showErr("unmap all", walkUnmap(f, root, usize(0), usize(0x7f0000200000), dropFrame));
  showU32("frames freed", framesFreed);
  showCounts(f, root);
}

export function main(): void {
  ptUseNx(true);
  println("x86_64");
  run(x86PtFormat());
  println("aarch64");
  run(armPtFormat());
}
