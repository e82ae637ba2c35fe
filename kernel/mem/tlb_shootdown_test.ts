import assert from "node:assert/strict";
import { u32, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import {
  TlbPlatform,
  tlbShootdown,
  tlbShootdownCount,
  tlbShootdownInit,
  tlbShootdownPending,
  tlbShootdownReset,
  tlbShootdownService,
} from "./tlb_shootdown.ts";

const BASE = 0x10000;

/** A simulated machine of CPUs: which one runs, which are online, who flushed, IPIs in flight.
 *  deliver: IPIs are served at once (the target runs its handler); else they queue until the
 *  test's relax hook delivers them. */
class Sim {
  cpu = 0;
  online: boolean[];
  flushes: number[];
  queued: number[] = [];
  sent: number[] = [];
  deliver = true;
  relaxes = 0;
  onRelax: (s: Sim) => void = () => {};
  constructor(n: number, offline: number[] = []) {
    this.online = Array.from({ length: n }, (_, i) => !offline.includes(i));
    this.flushes = new Array(n).fill(0);
  }
  /** Runs f as CPU c (an interrupt handler there), then returns to the current CPU. */
  as(c: number, f: () => void): void {
    const prev = this.cpu;
    this.cpu = c;
    f();
    this.cpu = prev;
  }
  platform(broadcast = false): TlbPlatform {
    const p = new TlbPlatform();
    p.broadcast = broadcast;
    p.cpus = u32(this.online.length);
    p.self = () => u32(this.cpu);
    p.online = (c) => this.online[c];
    p.ipi = (c) => {
      this.sent.push(c);
      if (this.deliver) this.as(c, () => tlbShootdownService());
      else this.queued.push(c);
    };
    p.flushAll = () => {
      this.flushes[this.cpu]++;
    };
    p.relax = () => {
      this.relaxes++;
      if (this.relaxes > 1000) throw new Error("the sender spins forever");
      this.onRelax(this);
    };
    return p;
  }
  /** Delivers the queued IPIs. */
  drain(): void {
    for (const c of this.queued.splice(0)) this.as(c, () => tlbShootdownService());
  }
}

function start(sim: Sim, broadcast = false): void {
  machine.reset();
  machine.mapRam(BASE, new Uint8Array(4096));
  tlbShootdownReset();
  tlbShootdownInit(sim.platform(broadcast), usize(BASE));
}

Deno.test("tlb shootdown: nothing before init (vm.ts under Deno), nothing on a broadcast arch", () => {
  machine.reset();
  tlbShootdownReset();
  tlbShootdown();
  assert.equal(tlbShootdownService(), false);
  assert.equal(tlbShootdownCount(), 0n);
  const sim = new Sim(4);
  start(sim, true);
  tlbShootdown();
  assert.deepEqual(sim.sent, []);
  assert.deepEqual(sim.flushes, [0, 0, 0, 0]);
});

Deno.test("tlb shootdown: one CPU online sends nothing", () => {
  const sim = new Sim(4, [1, 2, 3]);
  start(sim);
  tlbShootdown();
  assert.deepEqual(sim.sent, []);
  assert.equal(tlbShootdownCount(), 0n);
});

Deno.test("tlb shootdown: every other online CPU gets one IPI and flushes once", () => {
  const sim = new Sim(4, [2]);
  start(sim);
  sim.cpu = 1;
  tlbShootdown();
  assert.deepEqual(sim.sent, [0, 3]);
  assert.deepEqual(sim.flushes, [1, 0, 0, 1], "the sender's local flush is vm.ts's job");
  assert.equal(tlbShootdownCount(), 1n);
  for (let c = 0; c < 4; c++) assert.equal(tlbShootdownPending(u32(c)), false);
  // A second IPI with nothing pending (a duplicate) flushes nothing.
  sim.as(0, () => assert.equal(tlbShootdownService(), false));
  assert.deepEqual(sim.flushes, [1, 0, 0, 1]);
});

Deno.test("tlb shootdown: the sender waits until each target flushed", () => {
  const sim = new Sim(3);
  start(sim);
  sim.deliver = false;
  let relaxesBeforeDelivery = 0;
  sim.onRelax = (s) => {
    // The targets have interrupts off for a while: nobody flushed yet, the sender still waits.
    if (s.relaxes < 5) {
      assert.deepEqual(s.flushes, [0, 0, 0]);
      assert.equal(tlbShootdownPending(u32(1)), true);
      assert.equal(tlbShootdownPending(u32(2)), true);
      relaxesBeforeDelivery = s.relaxes;
      return;
    }
    s.drain();
  };
  tlbShootdown();
  assert.equal(relaxesBeforeDelivery, 4);
  assert.deepEqual(sim.flushes, [0, 1, 1]);
  assert.equal(tlbShootdownPending(u32(1)), false);
});

Deno.test("tlb shootdown: two CPUs shooting each other down at once do not deadlock", () => {
  const sim = new Sim(2);
  start(sim);
  sim.deliver = false;
  let step = 0;
  sim.onRelax = (s) => {
    step++;
    if (step === 1) {
      // CPU 0, interrupts off, starts its own shootdown of CPU 1 while CPU 1 waits for CPU 0:
      // its request is pending on CPU 1 (CPU 1 has interrupts off too: the IPI never lands),
      // and CPU 0 takes CPU 1's IPI only once its own wait ends, when CPU 1 served it.
      assert.equal(tlbShootdownPending(u32(1)), false);
      bumpRequest(1);
      assert.equal(tlbShootdownPending(u32(1)), true);
      return;
    }
    if (!tlbShootdownPending(u32(1))) {
      // CPU 1 served CPU 0's request from its wait loop: CPU 0's wait ends, its interrupts
      // come back on and CPU 1's IPI lands.
      s.drain();
    }
  };
  sim.cpu = 1;
  tlbShootdown();
  assert.deepEqual(sim.flushes, [1, 1], "each CPU flushed for the other's request");
  assert.equal(tlbShootdownPending(u32(0)), false);
  assert.equal(tlbShootdownPending(u32(1)), false);
});

/** What another CPU's tlbShootdown does first for target c: bump req[c] (the layout is
 *  tlb_shootdown.ts's: req at BASE + 64 c, ack 8 bytes above). */
function bumpRequest(c: number): void {
  const a = BASE + 64 * c;
  machine.store(a, 8, machine.load(a, 8) + 1n);
}

Deno.test("tlb shootdown: a flush serves every request made before it, the ack never goes back", () => {
  const sim = new Sim(2);
  start(sim);
  bumpRequest(1);
  bumpRequest(1);
  assert.equal(tlbShootdownPending(u32(1)), true);
  sim.as(1, () => assert.equal(tlbShootdownService(), true));
  assert.deepEqual(sim.flushes, [0, 1], "one flush for both requests");
  assert.equal(machine.load(BASE + 64 + 8, 8), 2n);
  sim.as(1, () => assert.equal(tlbShootdownService(), false));
  assert.equal(machine.load(BASE + 64 + 8, 8), 2n);
});
