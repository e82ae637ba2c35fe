import assert from "node:assert/strict";
import { u32, u64, u8 } from "../../kernel/int.ts";
import {
  bcdDecode,
  cyclesToNs,
  daysFromCivil,
  hzFromCpuid,
  hzFromPit,
  nsToCycles,
  rtcHour,
  unixSeconds,
} from "./clock_math.ts";

Deno.test("clock math: cycles <-> ns stay exact past the 64-bit product limit", () => {
  const hz = u64(2_999_999_999n);
  assert.equal(cyclesToNs(hz, hz), 1_000_000_000n);
  // 10 hours of cycles: cycles * 1e9 would overflow 64 bits.
  const c = u64(hz * 36000n + 12345n);
  assert.equal(cyclesToNs(c, hz), (c * 1_000_000_000n) / hz);
  assert.equal(nsToCycles(u64(36_000_000_000_000n), hz), 36_000_000_000_000n * hz / 1_000_000_000n);
  assert.equal(nsToCycles(u64(1n), u64(1_000_000_000n)), 1n);
});

Deno.test("clock math: PIT and CPUID frequencies", () => {
  // 10 ms of PIT (11932 ticks) at 2.5 GHz is 25 000 838 cycles or so.
  assert.equal(hzFromPit(u64(25_000_000n), u64(11932n)), 25_000_000n * 1193182n / 11932n);
  assert.equal(hzFromCpuid(u32(2), u32(176), u32(24_000_000), u32(0)), 2_112_000_000n);
  assert.equal(hzFromCpuid(u32(2), u32(176), u32(0), u32(2100)), 2_100_000_000n);
  assert.equal(hzFromCpuid(u32(0), u32(0), u32(0), u32(0)), 0n);
});

Deno.test("rtc: BCD and 12-hour decoding", () => {
  assert.equal(bcdDecode(u8(0x59)), 59);
  assert.equal(bcdDecode(u8(0x00)), 0);
  assert.equal(rtcHour(u8(0x12), true, false), 0); // 12 AM
  assert.equal(rtcHour(u8(0x92), true, false), 12); // 12 PM
  assert.equal(rtcHour(u8(0x81), true, false), 13); // 1 PM
  assert.equal(rtcHour(u8(0x17), true, true), 17);
  assert.equal(rtcHour(u8(23), false, true), 23);
});

Deno.test("rtc: calendar to Unix time agrees with Date.UTC", () => {
  assert.equal(daysFromCivil(u32(1970), u32(1), u32(1)), 0n);
  for (
    const [y, m, d, h, mi, s] of [[2000, 2, 29, 1, 2, 3], [2026, 11, 26, 17, 30, 0], [
      2100,
      3,
      1,
      0,
      0,
      0,
    ], [1969, 12, 31, 23, 59, 59]]
  ) {
    assert.equal(
      unixSeconds(u32(y), u32(m), u32(d), u32(h), u32(mi), u32(s)),
      BigInt(Date.UTC(y, m - 1, d, h, mi, s) / 1000),
    );
  }
});
