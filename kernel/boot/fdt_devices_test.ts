import assert from "node:assert/strict";
import { usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import {
  DtDevices,
  fdtDevicesRead,
  GIC_NONE,
  GIC_V2,
  GIC_V3,
  PSCI_HVC,
  PSCI_NONE,
} from "./fdt_devices.ts";
import { buildFdt, cells, str } from "../testing/fixtures.ts";

const DTB_ADDR = 0x40000000;
// QEMU `-M virt -m 128M` (GICv2, one cortex-a15, no PSCI node in this dump's /cpus),
// `-M virt -smp 4 -cpu cortex-a57` and `-M virt,gic-version=3 -smp 4 -cpu cortex-a57`
// (dumpdtb, cut to their structure and strings blocks as fdt_test.ts's fixtures are).
const VIRT = Deno.readFileSync(new URL("./testdata/virt.dtb", import.meta.url));
const VIRT_SMP4 = Deno.readFileSync(new URL("./testdata/virt_smp4.dtb", import.meta.url));
const VIRT_V3 = Deno.readFileSync(new URL("./testdata/virt_gicv3_smp4.dtb", import.meta.url));

function read(blob: Uint8Array): [boolean, DtDevices] {
  machine.reset();
  machine.mapRam(DTB_ADDR, blob.slice());
  const out = new DtDevices();
  const ok = fdtDevicesRead(usize(DTB_ADDR), usize(blob.length), out);
  return [ok, out];
}

Deno.test("virt.dtb: GICv2 distributor and CPU interface, virtual timer PPI 27, PL031", () => {
  const [ok, d] = read(VIRT);
  assert.equal(ok, true);
  assert.equal(d.gicVersion, GIC_V2);
  assert.equal(d.gicDistBase, 0x08000000n);
  assert.equal(d.gicDistSize, 0x10000n);
  assert.equal(d.gicCpuBase, 0x08010000n);
  assert.equal(d.gicCpuSize, 0x10000n);
  assert.equal(d.gicRedistBase, 0n);
  assert.equal(d.timerVirtIntid, 27);
  assert.equal(d.rtcBase, 0x09010000n);
  assert.equal(d.rtcSize, 0x1000n);
  assert.equal(d.cpuCount, 1);
  assert.equal(d.cpuMpidr.get(usize(0)), 0n);
});

Deno.test("virt -smp 4: four CPUs with MPIDR 0..3 (cpu-map is not a CPU), PSCI over hvc", () => {
  const [ok, d] = read(VIRT_SMP4);
  assert.equal(ok, true);
  assert.equal(d.gicVersion, GIC_V2);
  assert.equal(d.cpuCount, 4);
  for (let i = 0; i < 4; i++) assert.equal(d.cpuMpidr.get(usize(i)), BigInt(i));
  assert.equal(d.psciMethod, PSCI_HVC);
});

Deno.test("virt,gic-version=3: distributor and redistributor region", () => {
  const [ok, d] = read(VIRT_V3);
  assert.equal(ok, true);
  assert.equal(d.gicVersion, GIC_V3);
  assert.equal(d.gicDistBase, 0x08000000n);
  assert.equal(d.gicDistSize, 0x10000n);
  assert.equal(d.gicRedistBase, 0x080a0000n);
  assert.equal(d.gicRedistSize, 0xf60000n);
  assert.equal(d.gicCpuBase, 0n);
  assert.equal(d.timerVirtIntid, 27);
  assert.equal(d.cpuCount, 4);
});

Deno.test("a synthetic tree: 1-cell reg under a bus, gic-400, SPI timer, no PL031, no PSCI", () => {
  const spec = (t: number, n: number) => [t, n, 4];
  const blob = buildFdt({
    name: "",
    props: [["#address-cells", cells(2)], ["#size-cells", cells(2)]],
    children: [
      {
        name: "memory@40000000",
        props: [["device_type", str("memory")], ["reg", cells(0, 0x40000000, 0, 0x1000000)]],
        children: [],
      },
      {
        name: "soc",
        props: [["#address-cells", cells(1)], ["#size-cells", cells(1)]],
        children: [{
          name: "interrupt-controller@2c001000",
          props: [
            ["compatible", str("foo,bar\0arm,gic-400")],
            ["reg", cells(0x2c001000, 0x1000, 0x2c002000, 0x2000)],
          ],
          children: [],
        }],
      },
      {
        name: "timer",
        props: [
          ["compatible", str("arm,armv7-timer")],
          ["interrupts", cells(...spec(1, 13), ...spec(1, 14), ...spec(0, 5), ...spec(1, 10))],
        ],
        children: [],
      },
      {
        name: "cpus",
        props: [["#address-cells", cells(2)], ["#size-cells", cells(0)]],
        children: [
          {
            name: "cpu@0",
            props: [["device_type", str("cpu")], ["reg", cells(0, 0x100)]],
            children: [],
          },
          { name: "cpu@1", props: [["reg", cells(0, 0x101)]], children: [] },
          { name: "cpu-map", props: [["device_type", str("cpu")]], children: [] },
        ],
      },
    ],
  });
  const [ok, d] = read(blob);
  assert.equal(ok, true);
  assert.equal(d.gicVersion, GIC_V2);
  assert.equal(d.gicDistBase, 0x2c001000n);
  assert.equal(d.gicCpuBase, 0x2c002000n);
  assert.equal(d.gicCpuSize, 0x2000n);
  assert.equal(d.timerVirtIntid, 37);
  assert.equal(d.rtcBase, 0n);
  assert.equal(d.psciMethod, PSCI_NONE);
  assert.equal(d.cpuCount, 1, "cpu@1 has no device_type, cpu-map is not cpu@");
  assert.equal(d.cpuMpidr.get(usize(0)), 0x100n);
});

Deno.test("a truncated blob is refused, and nothing is reported", () => {
  const cut = VIRT.slice(0, 3000);
  const [ok, d] = read(cut);
  assert.equal(ok, false);
  void d;
  const [ok2, d2] = read(new Uint8Array(40));
  assert.equal(ok2, false);
  assert.equal(d2.gicVersion, GIC_NONE);
});
