// The physical memory map and the page-frame allocator's core on the hosted RAM (1 MiB at
// 0x40000000 in both worlds, R-INTR-4): a BootInfo built by hand (RAM, a reserved boot page, an
// "image" at the top), the PhysMap it gives, the buddy allocator with its per-CPU cache in
// front (page_cache.ts: the fault-as-value entry points, which hosted builds can link), blocks
// of every order, a bad free reported as a value, and a small deterministic stress run. Deno
// and C must print the same addresses and counts.
// @rule R-STRUCT-7
// @rule R-ARRAY-8
// @rule R-UNSAFE-3
// @rule R-MEM-1

import { u32, u64, usize } from "../../../kernel/int.ts";
import { bootAddRam, bootAddReserved, BootInfo } from "../../../kernel/boot/boot_info.ts";
import { PhysMap, physMapBuild } from "../../../kernel/mem/phys_map.ts";
import { bdFreeBlocks, bdVerify, PAGE_MAX_ORDER } from "../../../kernel/mem/page_buddy.ts";
import {
  pageCacheAlloc,
  pageCacheCachedPages,
  pageCacheDrainAll,
  pageCacheFree,
  pageCacheFreePages,
  pageCacheInit,
} from "../../../kernel/mem/page_cache.ts";
import { pageStress, StressResult } from "../../../kernel/mem/page_stress.ts";
import { println, showBool, showU32, showU64 } from "../lib/out.ts";

const info = new BootInfo();
const map = new PhysMap();
const result = new StressResult();

function showFree(): void {
  showU64("free pages", u64(pageCacheFreePages()));
  showU64("cached pages", u64(pageCacheCachedPages()));
  for (let k = u32(0); k < PAGE_MAX_ORDER; k = u32(k + 1)) {
    showU64("free blocks", u64(bdFreeBlocks(k)));
  }
}

export function main(): void {
  println("map");
  showU32("ram", bootAddRam(info, u64(0x40000000n), u64(0x100000n)));
  showU32("reserved", bootAddReserved(info, u64(0x40080800n), u64(0x800n)));
  showU32("reserved", bootAddReserved(info, u64(0x3fff0000n), u64(0x20000n)));
  showBool("built", physMapBuild(info, usize(0x400f0000), usize(0x40100000), map));
  showU32("ranges", map.count);
  for (let i = usize(0); i < usize(map.count); i = usize(i + 1)) {
    showU64("base", u64(map.base.get(i)));
    showU64("size", u64(map.size.get(i)));
  }
  showU64("ram bytes", map.ramBytes);
  showU64("reserved bytes", map.reservedBytes);
  showU64("free bytes", map.freeBytes);

  println("pages");
  showBool("init", pageCacheInit(map));
  showFree();
  const a = pageCacheAlloc(u32(0));
  showU64("order 0", u64(a));
  const b = pageCacheAlloc(u32(3));
  showU64("order 3", u64(b));
  const c = pageCacheAlloc(u32(6));
  showU64("order 6", u64(c));
  showU64("order 7 (no 512 KiB block)", u64(pageCacheAlloc(u32(7))));
  showU64("order 11", u64(pageCacheAlloc(u32(11))));
  showFree();
  showU32("wrong order", pageCacheFree(b, u32(2)));
  showU32("free 3", pageCacheFree(b, u32(3)));
  showU32("double free", pageCacheFree(b, u32(3)));
  showU32("free 6", pageCacheFree(c, u32(6)));
  showU32("free 0", pageCacheFree(a, u32(0)));
  pageCacheDrainAll();
  showFree();
  showU32("verify", bdVerify());

  println("stress");
  showBool("ok", pageStress(u32(150), u32(2024), result));
  showU32("allocations", result.allocations);
  showU32("frees", result.frees);
  showU64("peak live pages", u64(result.peakLivePages));
  showU32("oom", result.oomEvents);
  showU32("failures", result.failures);
  pageCacheDrainAll();
  showFree();
}
