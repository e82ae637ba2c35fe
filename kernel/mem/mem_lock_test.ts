// The allocator locks on the simulated machine: off until memLocksInit (interrupts still
// masked while held), then a word per lock that is 1 while held; the interrupt state comes back.

import assert from "node:assert/strict";
import { usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { HEAP_LOCK, memLock, memLocksInit, memUnlock, PAGE_LOCK } from "./mem_lock.ts";

Deno.test("mem locks: masked interrupts, one word per lock, state restored", () => {
  machine.reset();
  const ram = machine.mapRam(0x10000, new Uint8Array(0x1000));
  const v = new DataView(ram.buffer);
  machine.irqEnabled = true;
  let s = memLock(PAGE_LOCK); // off: masks interrupts only
  assert.equal(machine.irqEnabled, false);
  memUnlock(PAGE_LOCK, s);
  assert.equal(machine.irqEnabled, true);
  v.setUint32(0, 5, true);
  memLocksInit(usize(0x10000));
  assert.equal(v.getUint32(0, true), 0, "init clears the words");
  s = memLock(HEAP_LOCK);
  assert.equal(v.getUint32(64, true), 1, "the heap's word is held");
  assert.equal(v.getUint32(0, true), 0, "the page allocator's is not");
  const s2 = memLock(PAGE_LOCK); // heap, then page: the documented order
  assert.equal(v.getUint32(0, true), 1);
  memUnlock(PAGE_LOCK, s2);
  memUnlock(HEAP_LOCK, s);
  assert.deepEqual([v.getUint32(0, true), v.getUint32(64, true)], [0, 0]);
  assert.equal(machine.irqEnabled, true);
});
