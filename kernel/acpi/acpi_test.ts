import assert from "node:assert/strict";
import { u64, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { CPU_MAX } from "../cpu.ts";
import {
  ACPI_ERR_NOT_FOUND,
  ACPI_ERR_ROOT,
  ACPI_ERR_RSDP,
  ACPI_OK,
  acpiFindTable,
  acpiOps,
  AcpiTable,
} from "./tables.ts";
import { MADT_ERR_ENTRY, MADT_MAX_CPUS, MADT_OK, MadtInfo, madtParse } from "./madt.ts";

const BASE = 0xe0000;

/** A 36-byte SDT header + body with a correct checksum. */
function sdt(sig: string, body: number[]): number[] {
  const len = 36 + body.length;
  const t = new Array(36).fill(0).concat(body);
  for (let i = 0; i < 4; i++) t[i] = sig.charCodeAt(i);
  t[4] = len & 0xff;
  t[5] = (len >> 8) & 0xff;
  t[8] = 1;
  fixSum(t, 0, len, 9);
  return t;
}
function fixSum(t: number[], off: number, len: number, at: number): void {
  t[at] = 0;
  let s = 0;
  for (let i = off; i < off + len; i++) s += t[i];
  t[at] = (256 - (s & 0xff)) & 0xff;
}
function le(v: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number((BigInt(v) >> BigInt(8 * i)) & 0xffn));
  return out;
}
function madtBody(cpus: [number, number][], x2: [number, number][] = []): number[] {
  const b = [...le(0xfee00000, 4), ...le(1, 4)];
  for (const [id, flags] of cpus) b.push(0, 8, id, id, ...le(flags, 4));
  b.push(1, 12, 0, 0, ...le(0xfec00000, 4), ...le(0, 4));
  for (const [id, flags] of x2) b.push(9, 16, 0, 0, ...le(id, 4), ...le(flags, 4), ...le(id, 4));
  return b;
}

/** Lays out RSDP (revision 2 with XSDT, or 0 with RSDT) at BASE, root at +0x100, tables after. */
function build(tables: number[][], opts: { rev2?: boolean; breakRsdp?: boolean } = {}): void {
  machine.reset();
  acpiOps.map = (_b, _l) => true;
  const mem = new Array(0x2000).fill(0);
  const rev2 = opts.rev2 ?? true;
  const addrs: number[] = [];
  let at = 0x400;
  for (const t of tables) {
    addrs.push(BASE + at);
    t.forEach((v, i) => mem[at + i] = v);
    at += (t.length + 15) & ~15;
  }
  const entries = addrs.flatMap((a) => le(a, rev2 ? 8 : 4));
  const root = sdt(rev2 ? "XSDT" : "RSDT", entries);
  root.forEach((v, i) => mem[0x100 + i] = v);
  const r = [..."RSD PTR "].map((c) => c.charCodeAt(0));
  r.push(0, ..."BOCHS ".split("").map((c) => c.charCodeAt(0)), rev2 ? 2 : 0);
  r.push(...le(rev2 ? 0 : BASE + 0x100, 4), ...le(36, 4), ...le(rev2 ? BASE + 0x100 : 0, 8));
  r.push(0, 0, 0, 0);
  fixSum(r, 0, 20, 8);
  fixSum(r, 0, 36, 32);
  if (opts.breakRsdp) r[8] ^= 1;
  r.forEach((v, i) => mem[i] = v);
  machine.mapRam(BASE, new Uint8Array(mem));
}

Deno.test("acpi: the MADT is found through the XSDT and lists CPUs and the IOAPIC", () => {
  build([sdt("FACP", [1, 2, 3]), sdt("APIC", madtBody([[0, 1], [1, 1], [2, 0], [3, 2]]))]);
  const t = new AcpiTable();
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_OK);
  const m = new MadtInfo();
  assert.equal(madtParse(t.addr, t.len, m), MADT_OK);
  assert.equal(m.lapicAddr, 0xfee00000n);
  assert.equal(m.ioapicAddr, 0xfec00000n);
  assert.equal(m.ioapicCount, 1);
  assert.equal(m.pcatCompat, true);
  // CPU 2 is disabled and not online-capable: a hotplug slot; CPU 3 is online-capable.
  assert.equal(m.cpuCount, 3);
  assert.deepEqual([0, 1, 2].map((i) => m.apicIds.get(usize(i))), [0, 1, 3]);
});

Deno.test("acpi: an RSDT (revision 0) works too, and a missing table is NOT_FOUND", () => {
  build([sdt("APIC", madtBody([[0, 1]]))], { rev2: false });
  const t = new AcpiTable();
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_OK);
  assert.equal(t.addr, BASE + 0x400);
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "HPET", t), ACPI_ERR_NOT_FOUND);
});

Deno.test("acpi: a bad RSDP checksum and a corrupt table checksum are refused", () => {
  build([sdt("APIC", madtBody([[0, 1]]))], { breakRsdp: true });
  const t = new AcpiTable();
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_ERR_RSDP);
  const bad = sdt("APIC", madtBody([[0, 1]]));
  bad[40] ^= 0xff;
  build([bad]);
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_ERR_NOT_FOUND);
});

Deno.test("acpi: a root table whose length runs past memory is refused, not read", () => {
  build([sdt("APIC", madtBody([[0, 1]]))]);
  machine.store(BASE + 0x100 + 4, 4, 0xfffffn); // XSDT length ~1 MiB: beyond the mapped RAM
  const t = new AcpiTable();
  assert.throws(() => acpiFindTable(u64(BigInt(BASE)), "APIC", t)); // the sim faults on unmapped
  acpiOps.map = (_b, _l) => false; // a mapper that refuses stops before any read
  assert.notEqual(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_OK);
  acpiOps.map = (_b, _l) => true;
  machine.store(BASE + 0x100 + 4, 4, 10n); // shorter than a header
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_ERR_ROOT);
});

Deno.test("madt: x2APIC entries, the CPU cap and a truncated entry", () => {
  assert.equal(MADT_MAX_CPUS, CPU_MAX);
  const many: [number, number][] = [];
  for (let i = 0; i < 10; i++) many.push([i, 1]);
  build([sdt("APIC", madtBody(many, [[300, 1]]))]);
  const t = new AcpiTable();
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_OK);
  const m = new MadtInfo();
  assert.equal(madtParse(t.addr, t.len, m), MADT_OK);
  assert.equal(m.cpuCount, 8);
  assert.equal(m.skipped, 3);
  build([sdt("APIC", [...madtBody([[0, 1]]), 0, 40, 1, 1])]);
  assert.equal(acpiFindTable(u64(BigInt(BASE)), "APIC", t), ACPI_OK);
  assert.equal(madtParse(t.addr, t.len, m), MADT_ERR_ENTRY);
  assert.equal(m.cpuCount, 1);
});
