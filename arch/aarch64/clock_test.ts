import assert from "node:assert/strict";
import { u64 } from "../../kernel/int.ts";
import { machine } from "../../kernel/intrinsics.ts";
import { clock, clockDeadlineCounter, clockNowNs, nsFromTicks, ticksFromNsCeil } from "./clock.ts";
import { timerArm, timerCancel } from "./timer.ts";

Deno.test("nsFromTicks: exact at QEMU's 62.5 MHz and at 1 GHz, no overflow after years", () => {
  assert.equal(nsFromTicks(u64(62500000n), u64(62500000n)), 1000000000n);
  assert.equal(nsFromTicks(u64(1n), u64(62500000n)), 16n);
  assert.equal(nsFromTicks(u64(3n), u64(24000000n)), 125n);
  const tenYears = 10n * 365n * 86400n;
  assert.equal(
    nsFromTicks(u64(tenYears * 62500000n + 1n), u64(62500000n)),
    tenYears * 1000000000n + 16n,
  );
  // 1 GHz for 100 years: a naive ticks * 1e9 would have overflowed 64 bits long before.
  const t = 100n * 365n * 86400n * 1000000000n + 123n;
  assert.equal(nsFromTicks(u64(t), u64(1000000000n)), t);
  // Odd frequency: floor of the exact value.
  const f = 19200000n;
  for (const ticks of [0n, 1n, 7n, 19199999n, 19200001n, 123456789012345n]) {
    assert.equal(nsFromTicks(u64(ticks), u64(f)), (ticks * 1000000000n) / f);
  }
});

Deno.test("ticksFromNsCeil rounds up, so a deadline never fires early", () => {
  const f = 62500000n;
  assert.equal(ticksFromNsCeil(u64(16n), u64(f)), 1n);
  assert.equal(ticksFromNsCeil(u64(17n), u64(f)), 2n);
  assert.equal(ticksFromNsCeil(u64(1000000000n), u64(f)), f);
  for (const ns of [1n, 999n, 1000001n, 123456789123n]) {
    const ticks = ticksFromNsCeil(u64(ns), u64(f));
    assert.ok(nsFromTicks(ticks, u64(f)) >= ns, `${ns}`);
    assert.ok(nsFromTicks(u64(ticks - 1n), u64(f)) < ns, `${ns} minimal`);
  }
});

Deno.test("clockNowNs counts from the boot count; timerArm programs CVAL and enables", () => {
  machine.reset();
  clock.freq = u64(62500000n);
  clock.base = u64(1000n);
  machine.cycles = 1000n + 62500n; // 1 ms after boot
  assert.equal(clockNowNs(), 1000000n);
  assert.equal(clockDeadlineCounter(u64(2000000n)), 1000n + 125000n);
  timerArm(u64(2000000n));
  assert.equal(machine.regs.get("cntv_cval_el0"), 126000n);
  assert.equal(machine.regs.get("cntv_ctl_el0"), 1n);
  timerCancel();
  assert.equal(machine.regs.get("cntv_ctl_el0"), 0n);
});
