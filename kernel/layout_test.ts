import assert from "node:assert/strict";
import { CheckFailure, i16, i64, u16, u32, u64, u8, usize } from "./int.ts";
import { machine, type MmioDevice } from "./intrinsics.ts";
import { computeLayout, layout, type LayoutOf } from "./layout.ts";

const BASE = 0x8000;

function ram(size: number): Uint8Array {
  machine.reset();
  return machine.mapRam(BASE, new Uint8Array(size));
}

const VirtqDesc = layout("VirtqDesc", { addr: "u64", len: "u32", flags: "u16", next: "u16" });
type VirtqDesc = LayoutOf<typeof VirtqDesc>;

Deno.test("layout: natural alignment pads before wide fields and at the end", () => {
  const Padded = layout("Padded", { tag: "u8", value: "u32", small: "i16" });
  assert.equal(Padded.offsetOf("tag"), 0);
  assert.equal(Padded.offsetOf("value"), 4);
  assert.equal(Padded.offsetOf("small"), 8);
  assert.equal(Padded.size, 12);
  assert.equal(Padded.align, 4);
  assert.equal(VirtqDesc.size, 16);
  assert.equal(VirtqDesc.offsetOf("next"), 14);
});

Deno.test("layout: packed has no padding and alignment 1", () => {
  const P = layout("P", { kind: "u8", addr: "u64", len: "u16" }, { packed: true });
  assert.deepEqual([P.offsetOf("addr"), P.offsetOf("len"), P.size, P.align], [1, 9, 11, 1]);
  const bytes = ram(32);
  const p = P.at(usize(BASE + 3));
  p.addr = u64(0x0102030405060708n);
  assert.deepEqual([...bytes.slice(4, 12)], [8, 7, 6, 5, 4, 3, 2, 1]);
});

Deno.test("layout: a view reads and writes little-endian fields in machine memory", () => {
  const bytes = ram(64);
  const d: VirtqDesc = VirtqDesc.at(usize(BASE + 16));
  d.addr = u64(0x1122334455667788n);
  d.len = u32(0xdeadbeef);
  d.flags = u16(1);
  d.next = u16(0xffff);
  assert.deepEqual(
    [...bytes.slice(16, 32)],
    [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xef, 0xbe, 0xad, 0xde, 1, 0, 0xff, 0xff],
  );
  assert.equal(d.addr, 0x1122334455667788n);
  assert.equal(d.len, 0xdeadbeef);
  assert.equal(VirtqDesc.at(usize(BASE + 16)).next, 0xffff);
});

Deno.test("layout: signed and big-endian kinds convert like the C lowering", () => {
  const L = layout("L", { a: "i16", b: "i64", c: "u32be", d: "u16be", e: "u64be" });
  const bytes = ram(64);
  const v = L.at(usize(BASE));
  v.a = i16(-2);
  v.b = i64(-5n);
  v.c = u32(0xd00dfeed);
  v.d = u16(0x1234);
  v.e = u64(0x0102030405060708n);
  assert.equal(v.a, -2);
  assert.equal(v.b, -5n);
  assert.equal(v.c, 0xd00dfeed);
  assert.deepEqual([...bytes.slice(L.offsetOf("c"), L.offsetOf("c") + 4)], [
    0xd0,
    0x0d,
    0xfe,
    0xed,
  ]);
  assert.deepEqual([...bytes.slice(L.offsetOf("d"), L.offsetOf("d") + 2)], [0x12, 0x34]);
  assert.equal(v.e, 0x0102030405060708n);
  assert.equal(bytes[L.offsetOf("e")], 1);
});

Deno.test("layout: array fields are slices over the bytes, nested layouts are views", () => {
  const Ident = layout("Ident", { bytes: "u8[16]" });
  const Head = layout("Head", { ident: Ident, type: "u16", words: "u32[2]", entry: "u64" });
  assert.deepEqual([Head.offsetOf("type"), Head.offsetOf("words"), Head.offsetOf("entry")], [
    16,
    20,
    32,
  ]);
  assert.equal(Head.size, 40);
  const bytes = ram(64);
  const h = Head.at(usize(BASE + 8));
  h.ident.bytes.set(usize(0), u8(0x7f));
  h.words.set(usize(1), u32(0xaabbccdd));
  assert.equal(bytes[8], 0x7f);
  assert.equal(h.ident.bytes.length, 16);
  assert.equal(h.words.get(usize(1)), 0xaabbccdd);
  assert.deepEqual([...bytes.slice(8 + 24, 8 + 28)], [0xdd, 0xcc, 0xbb, 0xaa]);
  assert.throws(() => h.ident.bytes.get(usize(16)), CheckFailure);
});

Deno.test("layout: at() of a misaligned address panics; packed layouts accept any", () => {
  ram(64);
  assert.throws(() => VirtqDesc.at(usize(BASE + 4)), CheckFailure);
  const P = layout("P", { a: "u32" }, { packed: true });
  assert.equal(P.at(usize(BASE + 1)).a, 0);
});

Deno.test("layout: mmio fields are machine accesses that reach device models", () => {
  machine.reset();
  const log: string[] = [];
  const dev: MmioDevice = {
    base: 0x9000,
    size: 16,
    read: (off, w) => (log.push(`r${off}/${w}`), 0x21n),
    write: (off, w, v) => void log.push(`w${off}/${w}=${v}`),
  };
  machine.mapMmio(dev);
  const Regs = layout("Regs", { data: "u32", status: "u32" }, { mmio: true });
  const r = Regs.at(usize(0x9000));
  assert.equal(r.status, 0x21);
  r.data = u32(65);
  assert.deepEqual(log, ["r4/4", "w0/4=65"]);
});

Deno.test("layout: declarations outside the rules are refused", () => {
  assert.throws(() => layout("E", {}));
  assert.throws(() => layout("K", { a: "u128" as "u8" }));
  assert.throws(() => layout("M", { a: "u8[4]" }, { mmio: true }));
  assert.throws(() => layout("B", { a: "u8" }, { mmio: true, packed: true }));
  assert.throws(() => layout("Q", { a: "u32[2]" }, { packed: true }));
  assert.throws(() => layout("N", { n: VirtqDesc }, { packed: true }));
});

Deno.test("layout: computeLayout follows declaration order and rounds the size up", () => {
  const shapes = [{ size: 1, align: 1 }, { size: 8, align: 8 }, { size: 2, align: 2 }];
  assert.deepEqual(computeLayout(shapes, false), { offsets: [0, 8, 16], size: 24, align: 8 });
  assert.deepEqual(computeLayout(shapes, true), { offsets: [0, 1, 9], size: 11, align: 1 });
});
