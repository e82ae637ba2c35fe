// Boot-protocol fixtures for the kernel's Deno unit tests (not kernel code): byte images of
// Xen's hvm_start_info with its memory map and command line, and small flattened devicetrees
// built token by token (Devicetree Specification v0.4 ch. 5), for the cases a real QEMU dump
// (kernel/boot/testdata/*.dtb) cannot show: other cell sizes, several memory nodes, corruption.

import { usize } from "../int.ts";
import type { BootInfo } from "../boot/boot_info.ts";

/** One hvm_memmap_table_entry. */
export interface MemmapEntry {
  addr: bigint;
  size: bigint;
  type: number;
}

/** QEMU's PVH memory map for -m 128M (qboot, microvm): low RAM, EBDA, BIOS, RAM from 1 MiB. */
export const QEMU_128M_MEMMAP: MemmapEntry[] = [
  { addr: 0x0n, size: 0x9fc00n, type: 1 },
  { addr: 0x9fc00n, size: 0x400n, type: 2 },
  { addr: 0xf0000n, size: 0x10000n, type: 2 },
  { addr: 0x100000n, size: 0x8000000n - 0x100000n, type: 1 },
];

export interface PvhOptions {
  magic?: number;
  version?: number;
  cmdline?: string | Uint8Array;
  memmap?: MemmapEntry[];
  /** Overrides memmap_entries (default: memmap.length). */
  entries?: number;
  /** Overrides the addresses written into start_info. */
  memmapPaddr?: bigint;
  cmdlinePaddr?: bigint;
  rsdpPaddr?: bigint;
}

/** An image of start_info at base (+0), memory map at base + 0x100, command line at
 * base + 0x1000; 0x2000 bytes. Returns the bytes to map at base. */
export function buildPvh(base: number, opts: PvhOptions = {}): Uint8Array {
  const bytes = new Uint8Array(0x2000);
  const v = new DataView(bytes.buffer);
  const memmap = opts.memmap ?? QEMU_128M_MEMMAP;
  const memmapPaddr = opts.memmapPaddr ?? BigInt(base + 0x100);
  let cmdlinePaddr = opts.cmdlinePaddr ?? 0n;
  if (opts.cmdline !== undefined) {
    const c = typeof opts.cmdline === "string"
      ? new TextEncoder().encode(opts.cmdline)
      : opts.cmdline;
    bytes.set(c, 0x1000);
    bytes[0x1000 + c.length] = 0;
    cmdlinePaddr = opts.cmdlinePaddr ?? BigInt(base + 0x1000);
  }
  v.setUint32(0, opts.magic ?? 0x336ec578, true);
  v.setUint32(4, opts.version ?? 1, true);
  v.setBigUint64(24, cmdlinePaddr, true);
  v.setBigUint64(32, opts.rsdpPaddr ?? 0xf5a30n, true);
  v.setBigUint64(40, memmapPaddr, true);
  v.setUint32(48, opts.entries ?? memmap.length, true);
  memmap.forEach((e, i) => {
    const off = 0x100 + 24 * i;
    if (off + 24 > 0x1000) return;
    v.setBigUint64(off, e.addr, true);
    v.setBigUint64(off + 8, e.size, true);
    v.setUint32(off + 16, e.type, true);
  });
  return bytes;
}

/** A devicetree node for buildFdt. */
export interface FdtNode {
  name: string;
  props?: [string, Uint8Array][];
  children?: FdtNode[];
}

/** Big-endian u32 cells. */
export function cells(...values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setUint32(i * 4, x >>> 0));
  return b;
}

/** A NUL-terminated string property value. */
export function str(s: string): Uint8Array {
  const e = new TextEncoder().encode(s);
  const b = new Uint8Array(e.length + 1);
  b.set(e);
  return b;
}

/** Options of buildFdt. */
export interface FdtOptions {
  /** /memreserve/ entries (address, size), written before the (0, 0) terminator. */
  memreserve?: [bigint, bigint][];
}

/** Builds a version 17 blob: header, reservation map (empty unless opts.memreserve), structure
 * block, strings block. */
export function buildFdt(root: FdtNode, opts: FdtOptions = {}): Uint8Array {
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const struct: number[] = [];
  const u32 = (x: number) =>
    struct.push((x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
  const pad = () => {
    while (struct.length % 4 !== 0) struct.push(0);
  };
  const nameOff = (name: string): number => {
    let off = stringOffsets.get(name);
    if (off === undefined) {
      off = strings.length;
      stringOffsets.set(name, off);
      strings.push(...new TextEncoder().encode(name), 0);
    }
    return off;
  };
  const emit = (node: FdtNode) => {
    u32(1);
    struct.push(...new TextEncoder().encode(node.name), 0);
    pad();
    for (const [name, value] of node.props ?? []) {
      u32(3);
      u32(value.length);
      u32(nameOff(name));
      struct.push(...value);
      pad();
    }
    for (const child of node.children ?? []) emit(child);
    u32(2);
  };
  emit(root);
  u32(9);

  const rsv = opts.memreserve ?? [];
  const offRsv = 40;
  const offStruct = offRsv + 16 * rsv.length + 16;
  const offStrings = offStruct + struct.length;
  const total = offStrings + strings.length;
  const bytes = new Uint8Array(total);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 0xd00dfeed);
  v.setUint32(4, total);
  v.setUint32(8, offStruct);
  v.setUint32(12, offStrings);
  v.setUint32(16, offRsv);
  v.setUint32(20, 17);
  v.setUint32(24, 16);
  v.setUint32(28, 0);
  v.setUint32(32, strings.length);
  v.setUint32(36, struct.length);
  rsv.forEach(([addr, size], i) => {
    v.setBigUint64(offRsv + 16 * i, addr);
    v.setBigUint64(offRsv + 16 * i + 8, size);
  });
  bytes.set(struct, offStruct);
  bytes.set(strings, offStrings);
  return bytes;
}

/** A minimal virt-like tree: 2/2 cells, memory@40000000 of size bytes, optional bootargs. */
export function virtLikeFdt(size: bigint, bootargs?: string): Uint8Array {
  const chosen: FdtNode = { name: "chosen", props: [] };
  if (bootargs !== undefined) chosen.props!.push(["bootargs", str(bootargs)]);
  return buildFdt({
    name: "",
    props: [["#address-cells", cells(2)], ["#size-cells", cells(2)]],
    children: [
      {
        name: "memory@40000000",
        props: [
          ["reg", cells(0, 0x40000000, Number(size >> 32n), Number(size & 0xffffffffn))],
          ["device_type", str("memory")],
        ],
      },
      chosen,
    ],
  });
}

/** The stored RAM ranges of info as [base, size] pairs. */
export function ramRanges(info: BootInfo): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (let i = 0; i < info.ramRangeCount; i++) {
    out.push([info.ramRangeBase.get(usize(i)), info.ramRangeSize.get(usize(i))]);
  }
  return out;
}

/** The stored reserved ranges of info as [base, size] pairs. */
export function reservedRanges(info: BootInfo): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (let i = 0; i < info.reservedCount; i++) {
    out.push([info.reservedBase.get(usize(i)), info.reservedSize.get(usize(i))]);
  }
  return out;
}

/** Reads a file next to the caller's module. */
export function readFixture(url: URL): Uint8Array {
  return Deno.readFileSync(url);
}

/** A kernel image layout for the Deno boots of kernel/main.ts: the ten addresses that
 *  arch/<ARCH>/entry.S passes as kernel_image_layout (kernel/mem/image.ts), for an image of
 *  64 KiB text, 32 KiB rodata and 160 KiB data + bss at base, whose bss holds a guard page and
 *  a 64 KiB boot stack, then a guard page and the exception stack. */
export function imageLayout(base: number): Uint8Array {
  const a = [
    base, // image start = text start
    base + 0x10000 - 0x123, // text end (unaligned, as the linker leaves it)
    base + 0x10000, // rodata start
    base + 0x18000, // data start = rodata end
    base + 0x40000, // image end
    base + 0x20000, // stack guard page
    base + 0x21000, // stack bottom
    base + 0x31000, // stack top
    base + 0x31000, // exception stack guard page
    base + 0x32000, // exception stack bottom
  ];
  const bytes = new Uint8Array(a.length * 8);
  const v = new DataView(bytes.buffer);
  a.forEach((x, i) => v.setBigUint64(i * 8, BigInt(x), true));
  return bytes;
}
