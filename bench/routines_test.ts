// The speed benchmark compares like with like: for every check case of bench/c/harness.c, the
// transpiled TypeScript, the hand-written C and the same TypeScript run by Deno (against the
// simulated machine) compute the same result. Known answers (RFC 1071's example, the CRC-32 check
// value) pin the TypeScript itself. No timing is measured or asserted here.

import assert from "node:assert/strict";
import { machine } from "../kernel/intrinsics.ts";
import { u32, usize } from "../kernel/int.ts";
import { buildSpeedBench } from "../tools/bench.ts";
import { allocBench, pool, poolAlloc, poolFree, poolInit } from "./alloc.ts";
import { inetChecksum } from "./checksum.ts";
import { copyBytes, copyWords } from "./copy.ts";
import { copyMem } from "./copy_mem.ts";
import { crc32 } from "./crc32.ts";
import { ring, ringBench, ringCount, ringInit, ringPop, ringPush } from "./ring.ts";
import { xorshift32 } from "./rng.ts";

// Simulated RAM for the harness's four buffers (each 256 KiB there; smaller here).
const SRC = 0x10000, DST = 0x40000, WORK = 0x80000, LIVE = 0xc0000, SIZE = 0x20000;

interface Case {
  seed: number;
  len: number;
  soff: number;
  doff: number;
  arg: number;
  count: number;
  rounds: number;
}

/** Maps fresh zeroed buffers; returns them by address. */
function mapBuffers(): Map<number, Uint8Array> {
  machine.reset();
  const bufs = new Map<number, Uint8Array>();
  for (const base of [SRC, DST, WORK, LIVE]) {
    bufs.set(base, machine.mapRam(base, new Uint8Array(SIZE)));
  }
  return bufs;
}

/** harness.c's fill(): the high bytes of a xorshift32 sequence. */
function fill(p: Uint8Array, n: number, seed: number): void {
  let x = u32(seed);
  for (let i = 0; i < n; i++) {
    x = xorshift32(x);
    p[i] = x >>> 24;
  }
}

/** harness.c's fnv1a(). */
function fnv1a(p: Uint8Array, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ p[i], 16777619) >>> 0;
  return h;
}

/** What the TypeScript computes under Deno for one check case (harness.c's outcome()). */
function denoOutcome(name: string, k: Case): string {
  const bufs = mapBuffers();
  const src = bufs.get(SRC)!, dst = bufs.get(DST)!;
  const copy = (f: (d: usize, s: usize, n: usize) => void): string => {
    fill(src, k.soff + k.len, k.seed);
    const n = k.doff + k.len + 32;
    dst.fill(0xa5, 0, n);
    f(usize(DST + k.doff), usize(SRC + k.soff), usize(k.len));
    return String(fnv1a(dst, n));
  };
  switch (name) {
    case "checksum":
      fill(src, k.soff + k.len, k.seed);
      return String(inetChecksum(usize(SRC + k.soff), usize(k.len)));
    case "crc32":
      fill(src, k.soff + k.len, k.seed);
      return String(crc32(usize(SRC + k.soff), usize(k.len)));
    case "copy_bytes":
      return copy(copyBytes);
    case "copy_words":
      return copy(copyWords);
    case "copy_mem":
      return copy(copyMem);
    case "ring":
      return String(ringBench(usize(WORK), u32(k.arg), u32(k.rounds), u32(k.seed)));
    case "alloc":
      return String(
        allocBench(
          usize(WORK),
          usize(k.arg),
          usize(k.count),
          usize(LIVE),
          u32(k.rounds),
          u32(k.seed),
        ),
      );
  }
  throw new Error(`unknown routine ${name}`);
}

async function harness(exe: string, args: string[]): Promise<{ code: number; out: string }> {
  const p = await new Deno.Command(exe, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { code: p.code, out: dec.decode(p.stdout) + dec.decode(p.stderr) };
}

let exe: Promise<string> | undefined;

Deno.test("bench: transpiled TS, hand-written C and Deno agree on every check case", async () => {
  exe ??= buildSpeedBench();
  const { code, out } = await harness(await exe, ["--results"]);
  assert.equal(code, 0, out);
  const lines = out.trim().split("\n");
  const seen = new Set<string>();
  for (const line of lines) {
    const m = line.match(/^(\w+) (.*): ts=(\d+) c=(\d+)$/);
    assert.ok(m, `unexpected harness line: ${line}`);
    const [, name, params, ts, c] = m;
    const k = Object.fromEntries(
      params.split(" ").map((p) => p.split("=")).map(([key, v]) => [key, Number(v)]),
    ) as unknown as Case;
    assert.equal(ts, c, line);
    assert.equal(denoOutcome(name, k), ts, `Deno differs on ${line}`);
    seen.add(name);
  }
  assert.deepEqual(
    [...seen].sort(),
    ["alloc", "checksum", "copy_bytes", "copy_mem", "copy_words", "crc32", "ring"],
  );
  assert.ok(lines.length >= 30);
});

Deno.test("bench: the halves agree on the timed cases too (--verify)", async () => {
  exe ??= buildSpeedBench();
  const { code, out } = await harness(await exe, ["--verify"]);
  assert.equal(code, 0, out);
  assert.equal(out.match(/: ts and c agree on \d+ cases$/gm)?.length, 7, out);
});

Deno.test("bench: the TypeScript routines give the known answers under Deno", () => {
  const bufs = mapBuffers();
  const src = bufs.get(SRC)!;
  // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2 (as big-endian words); the checksum
  // is its complement 220d, which a little-endian machine computes byte-swapped: 0x0d22.
  src.set([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
  assert.equal(inetChecksum(usize(SRC), usize(8)), 0x0d22);
  // A trailing odd byte is padded with zero: 00 01 f2 is 0001 + f200 = f201, complement 0dfe,
  // byte-swapped 0xfe0d.
  assert.equal(inetChecksum(usize(SRC), usize(3)), 0xfe0d);
  src.set(new TextEncoder().encode("123456789"));
  assert.equal(crc32(usize(SRC), usize(9)), 0xcbf43926);
  fill(src, 100, 7);
  copyWords(usize(DST + 1), usize(SRC), usize(100));
  assert.deepEqual(bufs.get(DST)!.subarray(1, 101), src.subarray(0, 100));
  // A pool of 2 blocks hands out the lowest first, then nothing, and takes blocks back LIFO.
  poolInit(pool, usize(WORK), usize(16), usize(2));
  assert.deepEqual([poolAlloc(pool), poolAlloc(pool), poolAlloc(pool)], [WORK, WORK + 16, 0]);
  poolFree(pool, usize(WORK + 16));
  poolFree(pool, usize(WORK));
  assert.deepEqual([poolAlloc(pool), poolAlloc(pool)], [WORK, WORK + 16]);
  // A ring of 4 refuses a fifth item and gives the items back in order, across the wrap.
  ringInit(ring, usize(WORK), u32(4));
  for (let i = 1; i <= 4; i++) assert.ok(ringPush(ring, u32(i)));
  assert.ok(!ringPush(ring, u32(5)));
  assert.deepEqual([ringPop(ring), ringPop(ring)], [1, 2]);
  assert.ok(ringPush(ring, u32(5)) && ringPush(ring, u32(6)));
  assert.deepEqual([ringPop(ring), ringPop(ring), ringPop(ring), ringPop(ring)], [3, 4, 5, 6]);
  assert.equal(ringCount(ring), 0);
});
