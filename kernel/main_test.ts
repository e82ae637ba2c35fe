import assert from "node:assert/strict";
import { usize } from "./int.ts";
import { machine } from "./intrinsics.ts";
import { bootInfo, kernelEarly } from "./main.ts";
import { runToExit, setupX86 } from "./testing/devices.ts";
import { kernelSpace } from "./mem/mem_init.ts";
import { mmuNxEnabled } from "@arch/mod.ts";
import { vmLookup } from "./mem/vm.ts";
import { PtWalk, VM_RO, VM_RW, VM_RX } from "./mem/vm_flags.ts";
import { buildPvh, imageLayout, type PvhOptions } from "./testing/fixtures.ts";

const START_INFO = 0x10000;
const LAYOUT = 0x20000;
const IMAGE = 0x100000;
const RAM_BYTES = 128 << 20;

/** Boots the x86_64 kernel under Deno with a PVH start_info in 128 MiB of simulated RAM (QEMU's
 *  memory map) and an image layout at IMAGE; returns status and console text. */
function bootX86(opts: PvhOptions): { status: number | undefined; output: string } {
  const { uart } = setupX86();
  machine.regs.set("msr 0xc0000080", 0x800n); // IA32_EFER.NXE, as entry.S sets it
  const ram = machine.mapRam(0, new Uint8Array(RAM_BYTES));
  ram.set(buildPvh(START_INFO, opts), START_INFO);
  ram.set(imageLayout(IMAGE), LAYOUT);
  const status = runToExit(() => {
    kernelEarly(usize(START_INFO), usize(LAYOUT));
  });
  return { status, output: uart.text() };
}

Deno.test("main: x86_64 early boot prints banner, memory, options and brings up memory", () => {
  const { status, output } = bootX86({ cmdline: "--bootchart --env=A=B" });
  assert.equal(
    output,
    "Tsuki 0.1.0 (x86_64)\n" +
      "memory: 128 MiB\n" +
      "memory map: 2 RAM ranges, 133823488 bytes, lowest at 0x0\n" +
      "cmdline: --bootchart --env=A=B\n" +
      "option: bootchart\n" +
      'option: env="A=B"\n' +
      "memory: ram [0x0, 0x9fc00)\n" +
      "memory: ram [0x100000, 0x8000000)\n" +
      "memory: reserved [0x0, 0x100000)\n" +
      "memory: reserved [0x10000, 0x10038)\n" +
      "memory: reserved [0x10100, 0x10160)\n" +
      "memory: reserved [0x11000, 0x11016)\n" +
      "memory: kernel image [0x100000, 0x140000)\n" +
      "memory: total 130687 KiB, reserved 895 KiB, free 129792 KiB\n" +
      "pages: 32440 free of 32448 pages of 4 KiB (8 reserved, 0 allocated)\n" +
      "vm: 1 RAM ranges, 1 device windows, 575 blocks of 2 MiB, 509 pages of 4 KiB, 5 tables\n" +
      "vm: no-execute on\n" +
      "heap: ready, debug off\n",
  );
  assert.equal(status, undefined, "early boot returns to kernelLate");
  assert.equal(bootInfo.ramBytes, 133823488n);
});

Deno.test("main: no command line, plain words and assignments", () => {
  let r = bootX86({});
  assert.equal(r.status, undefined);
  assert.match(r.output, /\ncmdline: \(none\)\nmemory: ram /);
  r = bootX86({ cmdline: 'quiet  virtio_mmio.device=512@0xfeb00e00:12 --msg="a b"' });
  assert.equal(r.status, undefined);
  assert.match(
    r.output,
    /\narg: quiet\narg: virtio_mmio.device="512@0xfeb00e00:12"\noption: msg="a b"\nmemory: ram /,
  );
});

Deno.test("main: a command line that does not scan is reported and ignored", () => {
  const r = bootX86({ cmdline: '--a=1 --b="x --test-panic' });
  assert.equal(r.status, undefined, "--test-panic inside a broken line is not acted on");
  assert.match(
    r.output,
    /\noption: a="1"\ncmdline: error: unterminated quote at offset 10\nmemory: ram /,
  );
});

Deno.test("main: unprintable command line bytes are shown as '?'", () => {
  const r = bootX86({ cmdline: new Uint8Array([0x61, 0x01, 0x62]) });
  assert.match(
    r.output,
    /\ncmdline: a\?b\ncmdline: error: control or non-ASCII byte at offset 1\n/,
  );
  assert.equal(r.status, undefined);
});

Deno.test("main: --test-panic panics with status 1 after the banner", () => {
  const r = bootX86({ cmdline: "--test-panic" });
  assert.equal(r.status, 1);
  assert.match(r.output, /\noption: test-panic\npanic: --test-panic on the command line\n$/);
  assert.doesNotMatch(r.output, /demo:/);
});

Deno.test("main: bad boot information is reported, then a panic", () => {
  let r = bootX86({ magic: 0xdeadbeef });
  assert.equal(r.status, 1);
  assert.equal(
    r.output,
    "Tsuki 0.1.0 (x86_64)\n" +
      "boot: pvh: bad hvm_start_info magic (0xdeadbeef)\n" +
      "panic: cannot read the boot information\n",
  );
  r = bootX86({ entries: 1000 });
  assert.equal(r.status, 1);
  assert.match(r.output, /\nboot: pvh: too many memory map entries \(0x3e8\)\npanic: /);
});

/** Boots the aarch64 kernel under Deno in a child process (see testing/aarch64_main.ts). */
async function bootAarch64(dtb: Uint8Array, loadAddr: number, bootArg: number) {
  const dir = new URL("./testing/", import.meta.url);
  const file = await Deno.makeTempFile({ suffix: ".dtb" });
  try {
    await Deno.writeFile(file, dtb);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        `--import-map=${new URL("aarch64_import_map.json", dir).pathname}`,
        "--allow-read",
        new URL("aarch64_main.ts", dir).pathname,
        file,
        String(loadAddr),
        String(bootArg),
      ],
      stdin: "null",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.success, true, stderr);
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } finally {
    await Deno.remove(file);
  }
}

const VIRT = Deno.readFileSync(new URL("./boot/testdata/virt.dtb", import.meta.url));

Deno.test("main: aarch64 early boot from QEMU virt's DTB at 0x40000000 (bootArg 0)", async () => {
  const r = await bootAarch64(VIRT, 0x40000000, 0);
  assert.equal(r.arch, "aarch64");
  assert.equal(
    r.output,
    "Tsuki 0.1.0 (aarch64)\n" +
      "memory: 128 MiB\n" +
      "memory map: 1 RAM range, 134217728 bytes, lowest at 0x40000000\n" +
      "cmdline: --bootchart --env=A=B\n" +
      "option: bootchart\n" +
      'option: env="A=B"\n' +
      "memory: ram [0x40000000, 0x48000000)\n" +
      "memory: reserved [0x40000000, 0x40001d40)\n" +
      "memory: kernel image [0x40200000, 0x40240000)\n" +
      "memory: total 131072 KiB, reserved 264 KiB, free 130808 KiB\n" +
      "pages: 32694 free of 32702 pages of 4 KiB (8 reserved, 0 allocated)\n" +
      "vm: 1 RAM ranges, 1 device windows, 511 blocks of 2 MiB, 510 pages of 4 KiB, 5 tables\n" +
      "vm: no-execute on\n" +
      "heap: ready, debug off\n",
  );
  assert.equal(r.status, undefined, "early boot returns to kernelLate");
  assert.equal(r.semihostExits, 0);
});

Deno.test("main: aarch64 with a bad DTB panics with status 1 through semihosting", async () => {
  const bad = VIRT.slice();
  new DataView(bad.buffer).setUint32(36, 0xffffff00); // size_dt_struct
  const r = await bootAarch64(bad, 0x44000000, 0x44000000);
  assert.equal(
    r.output,
    "Tsuki 0.1.0 (aarch64)\n" +
      "boot: fdt: block outside the blob or misaligned (0x40)\n" +
      "panic: cannot read the boot information\n",
  );
  assert.equal(r.status, 1);
  assert.equal(r.semihostExits, 1);
});

Deno.test("main: the kernel's page tables are active, W^X, with the guard page unmapped", () => {
  // The simulated machine has no MMU: what Deno checks is the tables the kernel built and
  // activated (on QEMU the boot tests see the faults).
  const r = bootX86({});
  assert.equal(r.status, undefined);
  assert.equal(machine.regs.get("cr3"), BigInt(kernelSpace.root), "CR3 holds the kernel's root");
  assert.equal((machine.regs.get("cr0")! & 0x10000n) !== 0n, true, "CR0.WP is on");
  const w = new PtWalk();
  assert.equal(vmLookup(kernelSpace, usize(IMAGE + 0x20000), w), false, "guard page unmapped");
  assert.equal(vmLookup(kernelSpace, usize(0), w), false, "page 0 unmapped");
  assert.equal(vmLookup(kernelSpace, usize(IMAGE + 0x31000), w), false, "exception stack guard");
  assert.equal(vmLookup(kernelSpace, usize(IMAGE + 0x32000), w), true, "exception stack");
  assert.equal(vmLookup(kernelSpace, usize(IMAGE + 0x100), w), true);
  assert.equal(w.flags, VM_RX, "text is read + execute");
  assert.equal(vmLookup(kernelSpace, usize(IMAGE + 0x10000), w), true);
  assert.equal(w.flags, VM_RO, `rodata is read-only (flags ${w.flags}, nx ${mmuNxEnabled()})`);
  assert.equal(vmLookup(kernelSpace, usize(IMAGE + 0x21000), w), true);
  assert.equal(w.flags, VM_RW, "the stack is read/write, not executable");
  assert.equal(vmLookup(kernelSpace, usize(0x4000000), w), true);
  assert.deepEqual([w.flags, w.size], [VM_RW, 0x200000], "RAM: 2 MiB read/write blocks");
});
