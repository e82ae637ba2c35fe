import assert from "node:assert/strict";
import { u32 } from "./int.ts";
import { Errno, errnoName } from "./errno.ts";

/** The members of the enum, as [name, value] (the JS enum object also maps values to names). */
const MEMBERS = Object.entries(Errno).filter(([, v]) => typeof v === "number") as [
  string,
  number,
][];

Deno.test("errno: the values are Linux's", () => {
  // asm-generic/errno-base.h and asm-generic/errno.h
  const linux: Record<string, number> = {
    EPERM: 1,
    ENOENT: 2,
    EIO: 5,
    EBADF: 9,
    EAGAIN: 11,
    ENOMEM: 12,
    EFAULT: 14,
    EBUSY: 16,
    EEXIST: 17,
    ENODEV: 19,
    EINVAL: 22,
    ENOSPC: 28,
    ERANGE: 34,
    ENOSYS: 38,
    EOPNOTSUPP: 95,
    ETIMEDOUT: 110,
    EINPROGRESS: 115,
  };
  for (const [name, value] of Object.entries(linux)) {
    assert.equal(Errno[name as keyof typeof Errno], value, name);
  }
  assert.equal(Errno.OK, 0);
});

Deno.test("errno: values are distinct u32s and every member has its own name", () => {
  const values = new Set(MEMBERS.map(([, v]) => v));
  assert.equal(values.size, MEMBERS.length);
  for (const [name, value] of MEMBERS) {
    assert.equal(u32(value), value);
    assert.equal(errnoName(value as Errno), name);
  }
  assert.equal(errnoName(1000 as Errno), "E?");
});
