// Address spaces over the arch's page tables, with the TLB maintenance recorded in
// machine.tlbLog. The file runs against @arch/mod.ts as deno.json maps it (x86_64), and the
// last test runs it again in a child process with the aarch64 import map, so vm.ts is checked
// on both arches (the aarch64 run checks break-before-make: TLBI of the block before the split
// table is linked).

import assert from "node:assert/strict";
import { u32, u64, usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { Errno } from "../errno.ts";
import { ARCH_NAME } from "@arch/mod.ts";
import {
  AddressSpace,
  VM_FLUSH_PAGES_MAX,
  vmActivate,
  vmInit,
  vmIsActive,
  vmLookup,
  vmMap,
  vmProtect,
  vmUnmap,
} from "./vm.ts";
import { PtWalk, VM_EXEC, VM_READ, VM_RO, VM_RW, VM_RX, VM_WRITE } from "./vm_flags.ts";

const X86 = ARCH_NAME === "x86_64";
const RAM = 0x40000000;
const FRAMES = 32;
const K4 = 0x1000;
const M2 = 0x200000;

function flushPage(va: number): string {
  return X86 ? `invlpg 0x${va.toString(16)}` : `tlbi va 0x${va.toString(16)}`;
}
const FLUSH_ALL = X86 ? "flush cr3" : "tlbi all";

/** A fresh machine with table frames at RAM (at most `limit`) and an initialised space. */
function setup(limit = FRAMES, nx = true) {
  machine.reset();
  machine.mapRam(RAM, new Uint8Array(FRAMES * K4).fill(0xee));
  if (nx) machine.regs.set("msr 0xc0000080", 0x800n); // IA32_EFER.NXE
  const state = { next: 0, limit, freed: [] as number[] };
  const as = new AddressSpace();
  const err = vmInit(
    as,
    (_order: u32) => {
      if (state.next >= state.limit) return usize(0);
      state.next++;
      return usize(RAM + (state.next - 1) * K4);
    },
    (pa: usize, _order: u32) => {
      state.freed.push(pa);
    },
  );
  assert.equal(err, Errno.OK);
  return { as, state };
}

/** Makes as the active space and forgets the TLB work that took. */
function activate(as: AddressSpace): void {
  vmActivate(as);
  assert.equal(vmIsActive(as), true);
  machine.tlbLog = [];
}

function lookup(as: AddressSpace, va: number): PtWalk {
  const w = new PtWalk();
  vmLookup(as, usize(va), w);
  return w;
}

Deno.test(`vm (${ARCH_NAME}): vmInit takes a root frame; ENOMEM without one`, () => {
  const { as } = setup();
  assert.equal(as.root, RAM);
  assert.equal(vmIsActive(as), false);
  const empty = new AddressSpace();
  assert.equal(vmInit(empty, (_o: u32) => usize(0), (_p: usize, _o: u32) => {}), Errno.ENOMEM);
  assert.equal(empty.root, 0);
});

Deno.test(`vm (${ARCH_NAME}): activation loads the root; NX follows the CPU`, () => {
  const { as } = setup();
  vmActivate(as);
  if (X86) {
    assert.equal(machine.regs.get("cr3"), u64(BigInt(RAM)));
    assert.equal((machine.regs.get("cr0") ?? 0n) & 0x10000n, 0x10000n); // CR0.WP
  } else {
    assert.equal(machine.regs.get("ttbr0_el1"), u64(BigInt(RAM)));
    assert.deepEqual(machine.tlbLog, ["tlbi all"]);
  }
  assert.equal(vmMap(as, usize(0x10000), usize(0x10000), usize(K4), VM_RW), Errno.OK);
  assert.equal(lookup(as, 0x10000).raw >> 63n, X86 ? 1n : 0n); // XD set from IA32_EFER.NXE
  // Without IA32_EFER.NXE, x86_64 pages cannot be non-executable (bit 63 would be reserved).
  const { as: plain } = setup(FRAMES, false);
  assert.equal(vmMap(plain, usize(0), usize(0), usize(K4), VM_RW), Errno.OK);
  assert.equal(lookup(plain, 0).flags, X86 ? VM_READ | VM_WRITE | VM_EXEC : VM_READ | VM_WRITE);
});

Deno.test(`vm (${ARCH_NAME}): changes to the active space flush page by page`, () => {
  const { as } = setup();
  activate(as);
  assert.equal(vmMap(as, usize(0x400000), usize(0x9000), usize(2 * K4), VM_RW), Errno.OK);
  assert.deepEqual(machine.tlbLog, [flushPage(0x400000), flushPage(0x401000)]);
  machine.tlbLog = [];
  assert.equal(vmProtect(as, usize(0x401000), usize(K4), VM_RO), Errno.OK);
  assert.deepEqual(machine.tlbLog, [flushPage(0x401000)]);
  assert.equal(lookup(as, 0x401000).flags, VM_READ);
  machine.tlbLog = [];
  assert.equal(vmUnmap(as, usize(0x400000), usize(K4)), Errno.OK);
  assert.deepEqual(machine.tlbLog, [flushPage(0x400000)]);
  assert.equal(lookup(as, 0x400000).present, false);
  assert.equal(lookup(as, 0x401000).pa, 0xa000);
});

Deno.test(`vm (${ARCH_NAME}): past ${VM_FLUSH_PAGES_MAX} pages one full flush`, () => {
  const { as } = setup();
  activate(as);
  const n = Number(VM_FLUSH_PAGES_MAX);
  assert.equal(vmMap(as, usize(0x400000), usize(0x400000), usize(n * K4), VM_RW), Errno.OK);
  assert.equal(machine.tlbLog.length, n);
  machine.tlbLog = [];
  assert.equal(vmMap(as, usize(M2 * 4), usize(M2 * 4), usize(M2), VM_RW), Errno.OK);
  assert.deepEqual(machine.tlbLog, [FLUSH_ALL]);
});

Deno.test(`vm (${ARCH_NAME}): an inactive space needs no flush; refusals none either`, () => {
  const { as } = setup();
  assert.equal(vmMap(as, usize(0), usize(0), usize(M2), VM_RW), Errno.OK);
  assert.equal(vmUnmap(as, usize(K4), usize(K4)), Errno.OK); // split + unmap, all silent
  assert.deepEqual(machine.tlbLog, []);
  activate(as);
  assert.equal(vmMap(as, usize(M2), usize(M2), usize(K4), u32(VM_RW | VM_EXEC)), Errno.EINVAL);
  assert.equal(vmMap(as, usize(0), usize(0), usize(K4), VM_RW), Errno.EEXIST);
  assert.equal(vmUnmap(as, usize(0x800), usize(K4)), Errno.EINVAL);
  assert.equal(vmProtect(as, usize(M2), usize(K4), VM_RO), Errno.ENOENT);
  assert.equal(vmProtect(as, usize(0), usize(K4), u32(VM_WRITE)), Errno.EINVAL);
  assert.deepEqual(machine.tlbLog, []);
});

Deno.test(`vm (${ARCH_NAME}): a guard page inside a 2 MiB block`, () => {
  const { as, state } = setup();
  const base = 0x40000000;
  assert.equal(vmMap(as, usize(base), usize(base), usize(2 * M2), VM_RW), Errno.OK);
  activate(as);
  const used = state.next;
  assert.equal(vmUnmap(as, usize(base + M2 + 5 * K4), usize(K4)), Errno.OK);
  assert.equal(state.next, used + 1); // one table for the split
  // aarch64: break-before-make drops the block's TLB entry before the table is linked.
  const bbm = X86 ? [] : [flushPage(base + M2)];
  assert.deepEqual(machine.tlbLog, [...bbm, flushPage(base + M2 + 5 * K4)]);
  for (let i = 0; i < 512; i++) {
    const w = lookup(as, base + M2 + i * K4);
    if (i === 5) assert.equal(w.present, false);
    else {
      assert.equal(w.level, 3);
      assert.equal(w.pa, base + M2 + i * K4);
      assert.equal(w.flags, VM_READ | VM_WRITE, `page ${i}`);
    }
  }
  assert.equal(lookup(as, base).level, 2); // the other block is untouched
  // Protecting a range inside the other block splits it too, at both ends.
  assert.equal(vmProtect(as, usize(base + K4), usize(2 * K4), VM_RX), Errno.OK);
  assert.equal(lookup(as, base).flags, VM_READ | VM_WRITE);
  assert.equal(lookup(as, base + K4).flags, VM_READ | VM_EXEC);
  assert.equal(lookup(as, base + 2 * K4).flags, VM_READ | VM_EXEC);
  assert.equal(lookup(as, base + 3 * K4).flags, VM_READ | VM_WRITE);
});

Deno.test(`vm (${ARCH_NAME}): no frame to split: ENOMEM and nothing unmapped`, () => {
  const { as, state } = setup(4);
  assert.equal(vmMap(as, usize(0), usize(0), usize(M2), VM_RX), Errno.OK);
  state.limit = state.next;
  assert.equal(vmUnmap(as, usize(K4), usize(K4)), Errno.ENOMEM);
  assert.equal(vmProtect(as, usize(K4), usize(K4), VM_RO), Errno.ENOMEM);
  const w = lookup(as, K4);
  assert.equal(w.level, 2);
  assert.equal(w.flags, VM_READ | VM_EXEC);
  // Unmapping the whole block needs no split and frees the emptied tables.
  assert.equal(vmUnmap(as, usize(0), usize(M2)), Errno.OK);
  assert.equal(lookup(as, 0).present, false);
  assert.equal(state.freed.length, 2);
});

Deno.test(`vm (${ARCH_NAME}): ENOMEM while mapping leaves nothing behind`, () => {
  const { as, state } = setup(3);
  activate(as);
  assert.equal(vmMap(as, usize(M2 - K4), usize(0), usize(2 * K4), VM_RW), Errno.ENOMEM);
  assert.equal(lookup(as, M2 - K4).present, false);
  assert.equal(machine.tlbLog.length, 2); // the removed entry is flushed
  state.limit = 5;
  assert.equal(vmMap(as, usize(M2 - K4), usize(0), usize(2 * K4), VM_RW), Errno.OK);
});

if (X86 && Deno.env.get("TSUKI_VM_TEST_CHILD") === undefined) {
  Deno.test("vm: the same tests pass with the aarch64 page tables", async () => {
    const map = new URL("../testing/aarch64_import_map.json", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "-A", "--no-check", `--import-map=${map}`, new URL(import.meta.url).pathname],
      env: { TSUKI_VM_TEST_CHILD: "1", NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.success, true, text);
    assert.match(text, /vm \(aarch64\): a guard page inside a 2 MiB block \.\.\. ok/);
    assert.match(text, /ok \| 8 passed \| 0 failed/);
  });
}
