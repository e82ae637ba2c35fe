// Errors without exceptions (§4): functions that return an Errno and fill an out-parameter
// struct only on success; callers test the code first and pass failures up.
// @rule R-ERR-1
// @rule R-STRUCT-4

import { u32, u64, usize } from "../../../kernel/int.ts";
import { Errno, errnoName } from "../../../kernel/errno.ts";
import { print, println, showU32, showU64, showUsize } from "../lib/out.ts";

class ReadResult {
  bytes: usize = usize(0);
  sum: u64 = u64(0n);
}

const BLOCKS: u64 = u64(100n);

function readBlock(lba: u64, count: u32, out: ReadResult): Errno {
  if (lba >= BLOCKS) return Errno.EINVAL;
  if (count === 0) return Errno.EAGAIN;
  if (u64(lba + u64(count)) > BLOCKS) return Errno.EIO;
  out.bytes = usize(usize(count) * 512);
  out.sum = u64(lba * 1000n + u64(count));
  return Errno.OK;
}

function readTwice(lba: u64, out: ReadResult): Errno {
  const first = readBlock(lba, u32(2), out);
  if (first !== Errno.OK) return first;
  const again = readBlock(u64(lba + 2n), u32(2), out);
  return again;
}

function report(what: string, e: Errno, r: ReadResult): void {
  print(what);
  print(": ");
  println(errnoName(e));
  if (e === Errno.OK) {
    showUsize("bytes", r.bytes);
    showU64("sum", r.sum);
  }
}

export function main(): void {
  const r = new ReadResult();
  report("read 5", readBlock(u64(5n), u32(3), r), r);
  report("read 200", readBlock(u64(200n), u32(1), r), r);
  report("read 99 x 4", readBlock(u64(99n), u32(4), r), r);
  report("read 0 x 0", readBlock(u64(0n), u32(0), r), r);
  report("twice 10", readTwice(u64(10n), r), r);
  report("twice 97", readTwice(u64(97n), r), r);
  showU32("EINVAL", u32(Errno.EINVAL));
}
