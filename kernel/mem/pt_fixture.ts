// Page-table test fixture (not kernel code: never transpiled, imported only by *_test.ts
// files): simulated RAM full of garbage (the page-table code must zero every table it links)
// with a bump frame allocator that gives at most `limit` frames and records the frames freed,
// plus lookup and count helpers over a PtFormat. Shared by kernel/mem/page_walk_test.ts (the
// arch-neutral behaviour, run over both formats) and arch/<ARCH>/page_table_test.ts (the bits).

import { u32, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import type { PtFormat } from "./pt_format.ts";
import { ptCreate, walkCount, walkLookup } from "./page_walk.ts";
import { PtCounts, PtWalk } from "./vm_flags.ts";

export const K4 = 0x1000;
export const M2 = 0x200000;
/** Frames of simulated RAM at the fixture's base. */
export const PT_FIXTURE_FRAMES = 64;

export interface PtFixture {
  /** The root table: the first frame, at the RAM base. */
  root: usize;
  alloc: (order: u32) => usize;
  free: (pa: usize, order: u32) => void;
  /** Frames handed out, the most that may be, and the frames given back (in order). */
  state: { next: number; limit: number; freed: number[] };
}

/** A fresh machine with PT_FIXTURE_FRAMES frames of `fill` bytes at ram, and a root table. */
export function ptFixture(ram: number, fill: number, limit = PT_FIXTURE_FRAMES): PtFixture {
  machine.reset();
  machine.mapRam(ram, new Uint8Array(PT_FIXTURE_FRAMES * K4).fill(fill));
  const state = { next: 0, limit, freed: [] as number[] };
  const alloc = (_order: u32) => {
    if (state.next >= state.limit) return usize(0);
    state.next++;
    return usize(ram + (state.next - 1) * K4);
  };
  const free = (pa: usize, _order: u32) => {
    state.freed.push(pa);
  };
  const root = ptCreate(alloc);
  return { root, alloc, free, state };
}

/** The translation of va. */
export function ptWalk(f: PtFormat, root: usize, va: number): PtWalk {
  const w = new PtWalk();
  walkLookup(f, root, usize(va), w);
  return w;
}

/** The tables, blocks and pages under root, as a plain object for deepEqual. */
export function ptCounts(f: PtFormat, root: usize) {
  const c = new PtCounts();
  walkCount(f, root, c);
  return { tables: c.tables, blocks: c.blocks, pages: c.pages };
}
