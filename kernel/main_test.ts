import assert from "node:assert/strict";
import { usize } from "./int.ts";
import { machine } from "./intrinsics.ts";
import { bootInfo, kernelMain } from "./main.ts";
import { runToExit, setupX86 } from "./testing/devices.ts";
import { buildPvh, type PvhOptions } from "./testing/fixtures.ts";

const START_INFO = 0x10000;

/** Boots the x86_64 kernel under Deno with a PVH start_info; returns status and console text. */
function bootX86(opts: PvhOptions): { status: number | undefined; output: string } {
  const { uart } = setupX86();
  machine.mapRam(START_INFO, buildPvh(START_INFO, opts));
  const status = runToExit(() => kernelMain(usize(START_INFO)));
  return { status, output: uart.text() };
}

const DEMO = 'demo: crc32("123456789") = 0xcbf43926 ok\n' +
  "demo: fib(90) = 2880067194370816120 ok\n";

Deno.test("main: x86_64 boots, prints banner, memory, options, demo, powers off with 0", () => {
  const { status, output } = bootX86({ cmdline: "--bootchart --env=A=B" });
  assert.equal(
    output,
    "Tsuki 0.1.0 (x86_64)\n" +
      "memory: 128 MiB\n" +
      "memory map: 2 RAM ranges, 133823488 bytes, lowest at 0x0\n" +
      "cmdline: --bootchart --env=A=B\n" +
      "option: bootchart\n" +
      'option: env="A=B"\n' +
      DEMO +
      "Tsuki: powering off\n",
  );
  assert.equal(status, 0);
  assert.equal(bootInfo.ramBytes, 133823488n);
});

Deno.test("main: no command line, plain words and assignments", () => {
  let r = bootX86({});
  assert.equal(r.status, 0);
  assert.match(r.output, /\ncmdline: \(none\)\ndemo: /);
  r = bootX86({ cmdline: 'quiet  virtio_mmio.device=512@0xfeb00e00:12 --msg="a b"' });
  assert.equal(r.status, 0);
  assert.match(
    r.output,
    /\narg: quiet\narg: virtio_mmio.device="512@0xfeb00e00:12"\noption: msg="a b"\ndemo: /,
  );
});

Deno.test("main: a command line that does not scan is reported and ignored", () => {
  const r = bootX86({ cmdline: '--a=1 --b="x --test-panic' });
  assert.equal(r.status, 0, "--test-panic inside a broken line is not acted on");
  assert.match(
    r.output,
    /\noption: a="1"\ncmdline: error: unterminated quote at offset 10\ndemo: /,
  );
});

Deno.test("main: unprintable command line bytes are shown as '?'", () => {
  const r = bootX86({ cmdline: new Uint8Array([0x61, 0x01, 0x62]) });
  assert.match(
    r.output,
    /\ncmdline: a\?b\ncmdline: error: control or non-ASCII byte at offset 1\n/,
  );
  assert.equal(r.status, 0);
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

Deno.test("main: aarch64 boots from QEMU virt's DTB at 0x40000000 (bootArg 0)", async () => {
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
      DEMO +
      "Tsuki: powering off\n",
  );
  assert.equal(r.status, 0);
  assert.equal(r.semihostExits, 0, "success powers off through PSCI");
  assert.equal(r.psciCalls, 1);
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
