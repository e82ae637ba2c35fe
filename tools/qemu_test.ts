import assert from "node:assert/strict";
import { mapExitStatus, qemuArgs } from "./qemu.ts";
import { elfImageSize } from "./build.ts";

Deno.test("x86_64 exit codes: odd codes carry the kernel status, even ones none", () => {
  assert.equal(mapExitStatus("x86_64", 1), 0);
  assert.equal(mapExitStatus("x86_64", 3), 1);
  assert.equal(mapExitStatus("x86_64", 255), 127);
  assert.equal(mapExitStatus("x86_64", 0), null); // triple fault under -no-reboot
  assert.equal(mapExitStatus("x86_64", 2), null);
  assert.equal(mapExitStatus("x86_64", null), null);
});

Deno.test("aarch64 exit codes are the status itself", () => {
  assert.equal(mapExitStatus("aarch64", 0), 0);
  assert.equal(mapExitStatus("aarch64", 1), 1);
  assert.equal(mapExitStatus("aarch64", null), null);
});

Deno.test("qemuArgs: microvm by default on x86_64, with the exit device and no reboot", () => {
  const a = qemuArgs("x86_64", "k.elf", { mem: "64M", smp: 2, cmdline: "--x" });
  const s = a.join(" ");
  assert.match(s, /-M microvm,x-option-roms=off,rtc=on,pit=on,pic=off,acpi=on /);
  assert.match(s, /-device isa-debug-exit,iobase=0xf4,iosize=0x04/);
  assert.match(s, /-m 64M -smp 2 -no-reboot/);
  assert.deepEqual(a.slice(-4), ["-kernel", "k.elf", "-append", "--x"]);
  assert.ok(!a.includes("-nographic"));
});

Deno.test("qemuArgs: aarch64 virt with semihosting; no -append for an empty cmdline", () => {
  const a = qemuArgs("aarch64", "k.elf", { cmdline: "" });
  assert.match(a.join(" "), /-M virt -cpu cortex-a57 -semihosting/);
  assert.ok(!a.includes("-append"));
  assert.throws(() => qemuArgs("aarch64", "k.elf", { machine: "q35" }));
  assert.throws(() => qemuArgs("x86_64", "k.elf", { machine: "virt" }));
});

Deno.test("elfImageSize sums the PT_LOAD segments", () => {
  const b = new Uint8Array(64 + 2 * 56);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1], 0);
  v.setBigUint64(0x20, 64n, true);
  v.setUint16(0x36, 56, true);
  v.setUint16(0x38, 2, true);
  v.setUint32(64, 1, true); // PT_LOAD
  v.setBigUint64(64 + 0x20, 100n, true);
  v.setBigUint64(64 + 0x28, 300n, true);
  v.setUint32(120, 4, true); // PT_NOTE: not counted
  v.setBigUint64(120 + 0x20, 24n, true);
  assert.deepEqual(elfImageSize(b), { loaded: 100, memory: 300, file: b.length });
});

Deno.test("qemuArgs: virt-gicv3 is the virt board with a GICv3", () => {
  const s = qemuArgs("aarch64", "k.elf", { machine: "virt-gicv3" }).join(" ");
  assert.match(s, /-M virt,gic-version=3 /);
  assert.throws(() => qemuArgs("x86_64", "k.elf", { machine: "virt-gicv3" }));
});
