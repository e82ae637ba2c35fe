// Kernel timers over the simulated platform: deadline order, FIFO among equal deadlines,
// cancel, re-arm, the hardware armed for the earliest deadline only (tickless), allocation.

import assert from "node:assert/strict";
import { u32, u64 } from "../int.ts";
import { sim, simAdvance, simBoot } from "./sched_sim.ts";
import { schedCurrent } from "./scheduler.ts";
import {
  TIMER_DYNAMIC_BASE,
  TIMER_MAX,
  TIMER_SLICE_BASE,
  timerAlloc,
  timerArmAt,
  timerArmed,
  timerArmIn,
  timerCancel,
  timerExpire,
  timerFree,
  timerNextDeadline,
} from "./timer.ts";

const fired: number[] = [];
function record(arg: u64): void {
  fired.push(Number(arg));
}

function boot(): void {
  simBoot();
  fired.length = 0;
  // Leave the boot thread's slice timer out of the way.
  timerCancel(TIMER_SLICE_BASE);
}

Deno.test("timer: callbacks run in deadline order, FIFO among equal deadlines", () => {
  boot();
  const t30 = timerAlloc(record, u64(30n));
  const t10a = timerAlloc(record, u64(10n));
  const t20 = timerAlloc(record, u64(20n));
  const t10b = timerAlloc(record, u64(11n));
  assert.equal(t30, TIMER_DYNAMIC_BASE);
  timerArmAt(t30, u64(30n));
  assert.equal(sim.armed, 30n);
  timerArmAt(t10a, u64(10n));
  timerArmAt(t20, u64(20n));
  timerArmAt(t10b, u64(10n));
  assert.equal(sim.armed, 10n, "the hardware is armed for the head only");
  simAdvance(25n);
  assert.deepEqual(fired, [10, 11, 20]);
  assert.equal(sim.armed, 30n, "re-armed for the next deadline");
  assert.ok(!timerArmed(t10a) && timerArmed(t30));
  simAdvance(5n);
  assert.deepEqual(fired, [10, 11, 20, 30]);
  assert.equal(sim.armed, null, "nothing armed: the hardware timer is left cancelled");
});

Deno.test("timer: cancel before expiry prevents the callback; after expiry it reports false", () => {
  boot();
  const a = timerAlloc(record, u64(1n));
  const b = timerAlloc(record, u64(2n));
  timerArmAt(a, u64(100n));
  timerArmAt(b, u64(200n));
  assert.equal(timerCancel(a), true);
  assert.equal(sim.armed, 200n, "cancelling the head re-arms for the next one");
  assert.equal(timerCancel(a), false);
  simAdvance(300n);
  assert.deepEqual(fired, [2]);
  assert.equal(timerCancel(b), false, "already fired");
  assert.equal(timerNextDeadline(u32(0)), 0n);
});

Deno.test("timer: re-arming moves a timer; arming in the past fires at the next interrupt", () => {
  boot();
  const a = timerAlloc(record, u64(1n));
  const b = timerAlloc(record, u64(2n));
  timerArmAt(a, u64(50n));
  timerArmAt(b, u64(60n));
  timerArmAt(a, u64(70n));
  assert.equal(timerNextDeadline(u32(0)), 60n);
  simAdvance(65n);
  assert.deepEqual(fired, [2]);
  timerArmIn(b, u64(0n));
  assert.equal(sim.armed, 65n);
  simAdvance(0n);
  assert.deepEqual(fired, [2, 2]);
  assert.equal(timerExpire(u64(1000n)), 1, "a direct expiry runs the rest");
  assert.deepEqual(fired, [2, 2, 1]);
});

Deno.test("timer: allocation runs out as a value and frees cancel", () => {
  boot();
  const ids: number[] = [];
  for (;;) {
    const t = timerAlloc(record, u64(0n));
    if (t === 0) break;
    ids.push(t);
  }
  assert.equal(ids.length, TIMER_MAX - TIMER_DYNAMIC_BASE);
  timerArmAt(u32(ids[0]), u64(10n));
  timerFree(u32(ids[0]));
  assert.ok(!timerArmed(u32(ids[0])));
  simAdvance(20n);
  assert.deepEqual(fired, []);
  assert.equal(timerAlloc(record, u64(0n)), ids[0]);
  assert.equal(schedCurrent(), 1);
});
