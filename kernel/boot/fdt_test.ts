import assert from "node:assert/strict";
import { usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { BootInfo } from "./boot_info.ts";
import {
  BOOT_ERR_FDT_ADDR,
  BOOT_ERR_FDT_BOOTARGS,
  BOOT_ERR_FDT_CELLS,
  BOOT_ERR_FDT_LAYOUT,
  BOOT_ERR_FDT_MAGIC,
  BOOT_ERR_FDT_NAME,
  BOOT_ERR_FDT_NESTING,
  BOOT_ERR_FDT_REG,
  BOOT_ERR_FDT_RSVMAP,
  BOOT_ERR_FDT_SIZE,
  BOOT_ERR_FDT_TOKEN,
  BOOT_ERR_FDT_TRUNCATED,
  BOOT_ERR_FDT_VERSION,
  BOOT_ERR_NO_RAM,
  BOOT_ERR_RAM_OVERFLOW,
  BOOT_ERR_RANGE_WRAPS,
  BOOT_ERR_TOO_MANY_RAM,
  BOOT_ERR_TOO_MANY_RESERVED,
  BOOT_OK,
} from "./boot_error.ts";
import { FDT_MAX_SIZE, fdtHasMagic, fdtRead } from "./fdt.ts";
import {
  buildFdt,
  cells,
  type FdtNode,
  ramRanges,
  reservedRanges,
  str,
  virtLikeFdt,
} from "../testing/fixtures.ts";

const DTB_ADDR = 0x40000000;
// Real DTBs from `qemu-system-aarch64 -M virt -m 128M [-append "--bootchart --env=A=B"]
// -machine dumpdtb=...`; QEMU pads the blob to 1 MiB, so the fixtures were cut to their
// structure and strings blocks and their header totalsize rewritten to match.
const VIRT = Deno.readFileSync(new URL("./testdata/virt.dtb", import.meta.url));
const VIRT_NOARGS = Deno.readFileSync(new URL("./testdata/virt_noargs.dtb", import.meta.url));
const info = new BootInfo();

/** Maps a copy of blob at DTB_ADDR, exactly its length (reads past it throw), and parses it. */
function read(blob: Uint8Array): number {
  machine.reset();
  machine.mapRam(DTB_ADDR, blob.slice());
  return fdtRead(usize(DTB_ADDR), info);
}

function cmdlineText(): string {
  let s = "";
  for (let i = 0; i < info.cmdlineLen; i++) {
    s += String.fromCharCode(Number(machine.load(info.cmdlineAddr + i, 1)));
  }
  return s;
}

/** A copy of blob with the header's u32 at off set to value. */
function withHeader(blob: Uint8Array, off: number, value: number): Uint8Array {
  const b = blob.slice();
  new DataView(b.buffer).setUint32(off, value >>> 0);
  return b;
}

function header(blob: Uint8Array, off: number): number {
  return new DataView(blob.buffer, blob.byteOffset).getUint32(off);
}

function root(children: FdtNode[], props: [string, Uint8Array][] = []): FdtNode {
  return { name: "", props, children };
}

Deno.test("fdt: QEMU virt -m 128M: 128 MiB at 0x40000000 and the -append line", () => {
  assert.equal(read(VIRT), BOOT_OK);
  assert.equal(info.ramBytes, 128n << 20n);
  assert.equal(info.ramBase, 0x40000000n);
  assert.equal(info.ramRegions, 1);
  assert.equal(cmdlineText(), "--bootchart --env=A=B");
  assert.equal(info.dtbAddr, DTB_ADDR);
  assert.equal(info.dtbSize, VIRT.length);
  assert.equal(info.cmdlineAddr > DTB_ADDR && info.cmdlineAddr < DTB_ADDR + VIRT.length, true);
});

Deno.test("fdt: QEMU virt without -append has no command line", () => {
  assert.equal(read(VIRT_NOARGS), BOOT_OK);
  assert.equal(info.ramBytes, 128n << 20n);
  assert.equal(info.cmdlineLen, 0);
});

Deno.test("fdt: fdtHasMagic looks at the first word only", () => {
  machine.reset();
  machine.mapRam(DTB_ADDR, VIRT.slice(0, 64));
  assert.equal(fdtHasMagic(usize(DTB_ADDR)), true);
  machine.reset();
  machine.mapRam(DTB_ADDR, new Uint8Array(64));
  assert.equal(fdtHasMagic(usize(DTB_ADDR)), false);
});

Deno.test("fdt: sizes above 4 GiB use both size cells", () => {
  assert.equal(read(virtLikeFdt(6n << 30n, "console=x")), BOOT_OK);
  assert.equal(info.ramBytes, 6n << 30n);
  assert.equal(cmdlineText(), "console=x");
});

Deno.test("fdt: 1/1 cells, several memory nodes and reg pairs, NOPs are all read", () => {
  const blob = buildFdt(root([
    { name: "memory@80000000", props: [["reg", cells(0x80000000, 0x1000, 0x90000000, 0x2000)]] },
    { name: "cpus", children: [{ name: "memory@0", props: [["reg", cells(0, 0x100000)]] }] },
    { name: "ram@10000", props: [["device_type", str("memory")], ["reg", cells(0x10000, 0x4000)]] },
    { name: "memory", props: [] },
    { name: "memoryx@0", props: [["reg", cells(0, 0x100000)]] },
    { name: "chosen", props: [["bootargs", str("a b")]] },
  ], [["#address-cells", cells(1)], ["#size-cells", cells(1)]]));
  assert.equal(read(blob), BOOT_OK);
  assert.equal(info.ramBytes, 0x1000n + 0x2000n + 0x4000n, "nested and misnamed nodes ignored");
  assert.equal(info.ramRegions, 3);
  assert.equal(info.ramBase, 0x10000n);
  assert.equal(cmdlineText(), "a b");

  // FDT_NOP tokens change nothing.
  const nops = buildFdtWithLeadingNops(blob, 3);
  assert.equal(read(nops), BOOT_OK);
  assert.equal(info.ramBytes, 0x7000n);
});

/** blob with n FDT_NOP tokens inserted at the start of its structure block. */
function buildFdtWithLeadingNops(blob: Uint8Array, n: number): Uint8Array {
  const off = header(blob, 8);
  const out = new Uint8Array(blob.length + 4 * n);
  out.set(blob.subarray(0, off));
  const v = new DataView(out.buffer);
  for (let i = 0; i < n; i++) v.setUint32(off + 4 * i, 4);
  out.set(blob.subarray(off), off + 4 * n);
  v.setUint32(4, out.length);
  v.setUint32(12, header(blob, 12) + 4 * n);
  v.setUint32(36, header(blob, 36) + 4 * n);
  return out;
}

Deno.test("fdt: missing #address-cells/#size-cells default to 2 and 1", () => {
  const blob = buildFdt(root([{ name: "memory@0", props: [["reg", cells(0, 0x1000, 0x2000)]] }]));
  assert.equal(read(blob), BOOT_OK);
  assert.equal(info.ramBase, 0x1000n);
  assert.equal(info.ramBytes, 0x2000n);
});

Deno.test("fdt: header errors: magic, version, totalsize, block layout", () => {
  assert.equal(read(withHeader(VIRT, 0, 0xd00dfeee)), BOOT_ERR_FDT_MAGIC);
  assert.equal(info.errorDetail, 0xd00dfeeen);
  assert.equal(read(withHeader(VIRT, 20, 16)), BOOT_ERR_FDT_VERSION);
  assert.equal(read(withHeader(VIRT, 24, 18)), BOOT_ERR_FDT_VERSION);
  assert.equal(read(withHeader(VIRT, 4, 39)), BOOT_ERR_FDT_SIZE);
  assert.equal(read(withHeader(VIRT, 4, FDT_MAX_SIZE + 1)), BOOT_ERR_FDT_SIZE);
  assert.equal(read(withHeader(VIRT, 8, 0x100000)), BOOT_ERR_FDT_LAYOUT, "struct past the end");
  assert.equal(read(withHeader(VIRT, 8, 0x42)), BOOT_ERR_FDT_LAYOUT, "struct misaligned");
  assert.equal(read(withHeader(VIRT, 8, 0x20)), BOOT_ERR_FDT_LAYOUT, "struct inside the header");
  assert.equal(read(withHeader(VIRT, 36, 0xffffffff)), BOOT_ERR_FDT_LAYOUT, "struct too long");
  assert.equal(read(withHeader(VIRT, 12, 0xfffff000)), BOOT_ERR_FDT_LAYOUT, "strings past the end");
  assert.equal(read(withHeader(VIRT, 32, 0x100000)), BOOT_ERR_FDT_LAYOUT, "strings too long");
});

Deno.test("fdt: a blob address a usize cannot end is an error", () => {
  assert.equal(fdtRead(usize(2 ** 53 - 8), info), BOOT_ERR_FDT_ADDR);
});

Deno.test("fdt: structure block errors: truncation, bad token, nesting", () => {
  const good = virtLikeFdt(0x1000n, "x");
  const structSize = header(good, 36);
  assert.equal(read(withHeader(good, 36, structSize - 4)), BOOT_ERR_FDT_TRUNCATED, "no FDT_END");
  const badToken = good.slice();
  new DataView(badToken.buffer).setUint32(header(good, 8), 7);
  assert.equal(read(badToken), BOOT_ERR_FDT_TOKEN);
  assert.equal(info.errorDetail, 7n);

  const endFirst = good.slice();
  new DataView(endFirst.buffer).setUint32(header(good, 8), 2);
  assert.equal(read(endFirst), BOOT_ERR_FDT_NESTING, "FDT_END_NODE at depth 0");

  const v = new DataView(good.buffer);
  const last = header(good, 8) + structSize - 4;
  assert.equal(v.getUint32(last), 9);
  const early = good.slice();
  new DataView(early.buffer).setUint32(last - 4, 4); // root's END_NODE becomes a NOP
  assert.equal(read(early), BOOT_ERR_FDT_NESTING, "FDT_END inside a node");

  const twoRoots = buildFdt(root([]));
  const t = new Uint8Array(twoRoots.length + 12);
  const off = header(twoRoots, 8);
  t.set(twoRoots.subarray(0, off + 12)); // BEGIN "" (8 bytes) END_NODE (4)
  t.set(twoRoots.subarray(off, off + 12), off + 12); // a second root
  t.set(twoRoots.subarray(off + 12), off + 24);
  const tv = new DataView(t.buffer);
  tv.setUint32(4, t.length);
  tv.setUint32(12, header(twoRoots, 12) + 12);
  tv.setUint32(36, header(twoRoots, 36) + 12);
  assert.equal(read(t), BOOT_ERR_FDT_NESTING, "two root nodes");
});

Deno.test("fdt: an unterminated node name at the end of the block is an error", () => {
  const blob = buildFdt(root([{ name: "memory@0", props: [] }]));
  const off = header(blob, 8);
  // BEGIN_NODE "" (8), BEGIN_NODE "memory@0\0" + pad (16): cut inside the name.
  assert.equal(read(withHeader(blob, 36, 8 + 4 + 8)), BOOT_ERR_FDT_NAME);
  assert.equal(info.errorDetail, BigInt(off + 12));
});

Deno.test("fdt: property errors: name offset, length, cells, reg shape, bootargs", () => {
  const twoTwo: [string, Uint8Array][] = [["#address-cells", cells(2)], ["#size-cells", cells(2)]];
  const base = buildFdt(
    root([{ name: "memory@0", props: [["reg", cells(0, 0, 0, 0x1000)]] }], twoTwo),
  );
  const nameOff = header(base, 8) + 8 + 8; // first PROP's nameoff field
  const badName = base.slice();
  new DataView(badName.buffer).setUint32(nameOff, header(base, 32));
  assert.equal(read(badName), BOOT_ERR_FDT_LAYOUT, "nameoff past the strings block");
  const badLen = base.slice();
  new DataView(badLen.buffer).setUint32(nameOff - 4, 0x7ffffff0);
  assert.equal(read(badLen), BOOT_ERR_FDT_TRUNCATED, "value longer than the block");

  const threeCells = buildFdt(root(
    [{ name: "memory@0", props: [["reg", cells(0, 0, 0, 0, 0x1000)]] }],
    [["#address-cells", cells(3)], ["#size-cells", cells(2)]],
  ));
  assert.equal(read(threeCells), BOOT_ERR_FDT_CELLS);
  const shortCells = buildFdt(root([], [["#address-cells", new Uint8Array([0, 2])]]));
  assert.equal(read(shortCells), BOOT_ERR_FDT_CELLS);

  const oddReg = buildFdt(
    root([{ name: "memory@0", props: [["reg", cells(0, 0, 0x1000)]] }], twoTwo),
  );
  assert.equal(read(oddReg), BOOT_ERR_FDT_REG);

  const noNul = buildFdt(root([{ name: "memory@0", props: [["reg", cells(0, 0, 0, 1)]] }, {
    name: "chosen",
    props: [["bootargs", new TextEncoder().encode("abc")]],
  }], twoTwo));
  assert.equal(read(noNul), BOOT_ERR_FDT_BOOTARGS);

  const empty = buildFdt(root([{ name: "memory@0", props: [["reg", cells(0, 0, 0, 1)]] }, {
    name: "chosen",
    props: [["bootargs", new Uint8Array(0)]],
  }], twoTwo));
  assert.equal(read(empty), BOOT_OK);
  assert.equal(info.cmdlineLen, 0);

  const overflow = buildFdt(root([{
    name: "memory@0",
    props: [["reg", cells(0, 0, 0x80000000, 0, 0, 0, 0x80000000, 0)]],
  }], twoTwo));
  assert.equal(read(overflow), BOOT_ERR_RAM_OVERFLOW);
});

Deno.test("fdt: a tree without memory is an error", () => {
  assert.equal(read(buildFdt(root([{ name: "chosen", props: [] }]))), BOOT_ERR_NO_RAM);
  assert.equal(read(virtLikeFdt(0n)), BOOT_ERR_NO_RAM, "a zero-size range is no RAM");
});

Deno.test("fdt: every shorter structure block is an error, never a stray read", () => {
  const good = virtLikeFdt(0x1000n, "x y");
  const size = header(good, 36);
  for (let s = 0; s < size; s += 4) {
    assert.notEqual(read(withHeader(good, 36, s)), BOOT_OK, `size_dt_struct ${s}`);
  }
  assert.equal(read(good), BOOT_OK);
});

/** A deterministic xorshift32 generator. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

Deno.test("fdt: random corruption of the blocks gives codes, never a read outside the blob", () => {
  const next = rng(0x1234567);
  for (const [blob, rounds] of [[virtLikeFdt(0x1000n, "--a=b"), 3000], [VIRT, 100]] as const) {
    const body = blob.length - 40;
    for (let i = 0; i < rounds; i++) {
      const b = blob.slice();
      const flips = 1 + (next() % 4);
      for (let k = 0; k < flips; k++) b[40 + (next() % body)] = next() & 0xff;
      machine.reset();
      machine.mapRam(DTB_ADDR, b); // exactly the blob: any read outside it throws
      const code = fdtRead(usize(DTB_ADDR), info);
      assert.equal(code <= BOOT_ERR_FDT_RSVMAP, true);
    }
  }
});

Deno.test("fdt: random header values stay within totalsize", () => {
  const next = rng(0x9e3779b9);
  const blob = virtLikeFdt(0x1000n, "--a=b");
  const ram = new Uint8Array(FDT_MAX_SIZE); // everything totalsize may claim
  machine.reset();
  machine.mapRam(DTB_ADDR, ram);
  for (let i = 0; i < 3000; i++) {
    ram.fill(0, 0, 4096);
    ram.set(blob);
    const v = new DataView(ram.buffer);
    const field = 4 + 4 * (next() % 9);
    const value = next() % 4 === 0 ? next() : next() % (blob.length + 64);
    v.setUint32(field, value);
    const code = fdtRead(usize(DTB_ADDR), info);
    assert.equal(code <= BOOT_ERR_FDT_RSVMAP, true);
  }
});

Deno.test("fdt: the blob itself is reserved; QEMU's virt has no other reservation", () => {
  assert.equal(read(VIRT), BOOT_OK);
  assert.deepEqual(reservedRanges(info), [[BigInt(DTB_ADDR), BigInt(VIRT.length)]]);
  assert.deepEqual(ramRanges(info), [[0x40000000n, 128n << 20n]]);
});

const TWO_TWO: [string, Uint8Array][] = [["#address-cells", cells(2)], ["#size-cells", cells(2)]];
const MEM_2G: FdtNode = {
  name: "memory@40000000",
  props: [["reg", cells(0, 0x40000000, 0, 0x80000000)]],
};

Deno.test("fdt: /memreserve/ entries and /reserved-memory children are reserved, in order", () => {
  const blob = buildFdt(
    root([
      MEM_2G,
      {
        name: "reserved-memory",
        props: [["#address-cells", cells(1)], ["#size-cells", cells(1)], [
          "ranges",
          new Uint8Array(0),
        ]],
        children: [
          {
            name: "secmon@50000000",
            props: [["reg", cells(0x50000000, 0x200000)], ["no-map", new Uint8Array(0)]],
          },
          {
            name: "linux,cma",
            props: [["size", cells(0x400000)], ["reusable", new Uint8Array(0)]],
          },
          {
            name: "fb@60000000",
            props: [["reg", cells(0x60000000, 0x1000, 0x60100000, 0x2000)]],
            children: [{ name: "deeper", props: [["reg", cells(0x70000000, 0x1000)]] }],
          },
        ],
      },
      {
        name: "soc",
        children: [{ name: "dev@9000000", props: [["reg", cells(0, 0x9000000, 0, 0x1000)]] }],
      },
    ], TWO_TWO),
    { memreserve: [[0x48000000n, 0x10000n], [0x123456789000n, 0n], [0x4c000000n, 0x3000n]] },
  );
  assert.equal(read(blob), BOOT_OK);
  assert.deepEqual(reservedRanges(info), [
    [BigInt(DTB_ADDR), BigInt(blob.length)],
    [0x48000000n, 0x10000n],
    [0x4c000000n, 0x3000n],
    [0x50000000n, 0x200000n],
    [0x60000000n, 0x1000n],
    [0x60100000n, 0x2000n],
  ]);
  assert.deepEqual(ramRanges(info), [[0x40000000n, 0x80000000n]]);
});

Deno.test("fdt: /reserved-memory without cells uses the root's", () => {
  const blob = buildFdt(root([MEM_2G, {
    name: "reserved-memory",
    children: [{ name: "a@48000000", props: [["reg", cells(0, 0x48000000, 0, 0x1000)]] }],
  }], TWO_TWO));
  assert.equal(read(blob), BOOT_OK);
  assert.deepEqual(reservedRanges(info).slice(1), [[0x48000000n, 0x1000n]]);
});

Deno.test("fdt: malformed reservations are errors with the offending value", () => {
  const rsvOff = (blob: Uint8Array) => header(blob, 16);
  const good = virtLikeFdt(0x1000n);
  assert.equal(
    read(withHeader(good, 16, good.length - 8)),
    BOOT_ERR_FDT_RSVMAP,
    "no room for (0, 0)",
  );
  assert.equal(info.errorDetail, BigInt(good.length - 8));
  assert.equal(read(withHeader(good, 16, 8)), BOOT_ERR_FDT_RSVMAP, "inside the header");
  assert.equal(read(withHeader(good, 16, good.length + 16)), BOOT_ERR_FDT_RSVMAP, "past the end");

  const wrap = buildFdt(root([MEM_2G], TWO_TWO), { memreserve: [[0xfffffffffffff000n, 0x2000n]] });
  assert.equal(read(wrap), BOOT_ERR_RANGE_WRAPS);
  assert.equal(info.errorDetail, BigInt(rsvOff(wrap)));

  const oddReg = buildFdt(root([MEM_2G, {
    name: "reserved-memory",
    props: [["#address-cells", cells(1)], ["#size-cells", cells(1)]],
    children: [{ name: "x", props: [["reg", cells(0x48000000, 0x1000, 0x49000000)]] }],
  }], TWO_TWO));
  assert.equal(read(oddReg), BOOT_ERR_FDT_REG);
  const badCells = buildFdt(root([MEM_2G, {
    name: "reserved-memory",
    props: [["#address-cells", cells(3)]],
    children: [{ name: "x", props: [["reg", cells(0, 0x48000000, 0, 0, 0x1000)]] }],
  }], TWO_TWO));
  assert.equal(read(badCells), BOOT_ERR_FDT_CELLS);
  const shortCells = buildFdt(root([MEM_2G, {
    name: "reserved-memory",
    props: [["#size-cells", new Uint8Array([0, 1])]],
  }], TWO_TWO));
  assert.equal(read(shortCells), BOOT_ERR_FDT_CELLS);
});

Deno.test("fdt: more than 32 reserved or RAM ranges is an error; overlaps are kept as given", () => {
  const rsv: [bigint, bigint][] = Array.from({ length: 32 }, (_, i) => [BigInt(i) << 24n, 0x1000n]);
  const tooMany = buildFdt(root([MEM_2G], TWO_TWO), { memreserve: rsv });
  assert.equal(read(tooMany), BOOT_ERR_TOO_MANY_RESERVED, "the blob takes the first slot");
  assert.equal(info.errorDetail, BigInt(header(tooMany, 16) + 31 * 16));
  assert.equal(read(buildFdt(root([MEM_2G], TWO_TWO), { memreserve: rsv.slice(1) })), BOOT_OK);
  assert.equal(info.reservedCount, 32);

  const pairs = (n: number) =>
    cells(...Array.from({ length: n }, (_, i) => [i * 0x20000, 0x10000]).flat());
  const one: [string, Uint8Array][] = [["#address-cells", cells(1)], ["#size-cells", cells(1)]];
  assert.equal(
    read(buildFdt(root([{ name: "memory@0", props: [["reg", pairs(33)]] }], one))),
    BOOT_ERR_TOO_MANY_RAM,
  );
  assert.equal(
    read(buildFdt(root([{ name: "memory@0", props: [["reg", pairs(32)]] }], one))),
    BOOT_OK,
  );
  assert.equal(info.ramRangeCount, 32);

  const overlapping = buildFdt(root([
    { name: "memory@0", props: [["reg", cells(0x100000, 0x200000, 0x80000, 0x100000)]] },
  ], one));
  assert.equal(read(overlapping), BOOT_OK);
  assert.deepEqual(ramRanges(info), [[0x100000n, 0x200000n], [0x80000n, 0x100000n]]);
  assert.equal(info.ramBytes, 0x300000n);
});
