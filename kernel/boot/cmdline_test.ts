import assert from "node:assert/strict";
import { usize } from "../int.ts";
import { machine } from "../intrinsics.ts";
import { ByteWindow, windowOpen } from "./bytes.ts";
import {
  cmdlineBytesAre,
  CmdlineError,
  cmdlineErrorText,
  cmdlineFind,
  CmdlineKind,
  cmdlineNext,
  CmdlineToken,
} from "./cmdline.ts";

const BASE = 0x7000;
const line = new ByteWindow();
const tok = new CmdlineToken();
const KIND = ["end", "word", "assign", "flag", "option", "error"];

/** Maps exactly the line's bytes (no NUL: reads past the end would throw) and opens it. */
function load(text: string | Uint8Array): void {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  machine.reset();
  machine.mapRam(BASE, bytes.slice());
  windowOpen(line, usize(BASE), usize(bytes.length));
}

function bytesAt(off: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += String.fromCharCode(Number(machine.load(BASE + off + i, 1)));
  return s;
}

/** Scans the whole line into readable strings: `kind:name` or `kind:name=value`, or
 * `error:<code>@<offset>` (which ends the scan). */
function scan(text: string | Uint8Array): string[] {
  load(text);
  const out: string[] = [];
  let pos = usize(0);
  for (let guard = 0; guard < 1000; guard++) {
    const kind = cmdlineNext(line, pos, tok);
    assert.equal(tok.kind, kind);
    if (kind === CmdlineKind.END) return out;
    if (kind === CmdlineKind.ERROR) {
      out.push(`error:${tok.error}@${tok.start}`);
      assert.equal(tok.end, line.len, "an error ends the scan");
      return out;
    }
    assert.equal(tok.end > pos, true, "each token advances");
    const name = bytesAt(tok.nameOff, tok.nameLen);
    const hasValue = kind === CmdlineKind.OPTION || kind === CmdlineKind.ASSIGN;
    out.push(`${KIND[kind]}:${name}${hasValue ? "=" + bytesAt(tok.valueOff, tok.valueLen) : ""}`);
    pos = tok.end;
  }
  throw new Error("scan did not end");
}

Deno.test("cmdline: empty and blank lines have no tokens", () => {
  assert.deepEqual(scan(""), []);
  assert.deepEqual(scan(" \t\r\n "), []);
});

Deno.test("cmdline: flags, options, assignments and words", () => {
  assert.deepEqual(scan("--bootchart --env=A=B"), ["flag:bootchart", "option:env=A=B"]);
  assert.deepEqual(scan("  console=ttyS0\tquiet\n--x "), [
    "assign:console=ttyS0",
    "word:quiet",
    "flag:x",
  ]);
  assert.deepEqual(scan("virtio_mmio.device=512@0xfeb00e00:12"), [
    "assign:virtio_mmio.device=512@0xfeb00e00:12",
  ]);
  assert.deepEqual(scan("-x - ---y a-b"), ["word:-x", "word:-", "flag:-y", "word:a-b"]);
  assert.deepEqual(scan("--e= --f"), ["option:e=", "flag:f"]);
});

Deno.test("cmdline: quoted values and words keep their spaces and lose their quotes", () => {
  assert.deepEqual(scan('--msg="hello world" x'), ["option:msg=hello world", "word:x"]);
  assert.deepEqual(scan('--e="" k="a=b c"'), ["option:e=", "assign:k=a=b c"]);
  assert.deepEqual(scan('"a b"  "c"'), ["word:a b", "word:c"]);
  assert.deepEqual(scan('--m="tab\there"'), ["option:m=tab\there"]);
});

Deno.test("cmdline: quotes in the wrong place are errors at the offending byte", () => {
  assert.deepEqual(scan('--msg="abc'), [`error:${CmdlineError.UNTERMINATED_QUOTE}@6`]);
  assert.deepEqual(scan('ok "'), [`word:ok`, `error:${CmdlineError.UNTERMINATED_QUOTE}@3`]);
  assert.deepEqual(scan('--a"b'), [`error:${CmdlineError.MISPLACED_QUOTE}@3`]);
  assert.deepEqual(scan('--a="b"c'), [`error:${CmdlineError.MISPLACED_QUOTE}@7`]);
  assert.deepEqual(scan('ab"c"'), [`error:${CmdlineError.MISPLACED_QUOTE}@2`]);
  assert.deepEqual(scan('--a=b"c'), [`error:${CmdlineError.MISPLACED_QUOTE}@5`]);
  assert.deepEqual(scan('"a"=b'), [`error:${CmdlineError.MISPLACED_QUOTE}@3`]);
});

Deno.test("cmdline: empty option names are errors", () => {
  assert.deepEqual(scan("--"), [`error:${CmdlineError.EMPTY_NAME}@0`]);
  assert.deepEqual(scan("a -- b"), ["word:a", `error:${CmdlineError.EMPTY_NAME}@2`]);
  assert.deepEqual(scan("--=x"), [`error:${CmdlineError.EMPTY_NAME}@0`]);
  assert.deepEqual(scan("=x"), [`error:${CmdlineError.EMPTY_NAME}@0`]);
});

Deno.test("cmdline: control and non-ASCII bytes are errors, also inside quotes", () => {
  assert.deepEqual(scan(new Uint8Array([0x61, 0x01])), [`error:${CmdlineError.BAD_BYTE}@1`]);
  assert.deepEqual(scan(new Uint8Array([0x63, 0xe9])), [`error:${CmdlineError.BAD_BYTE}@1`]);
  assert.deepEqual(scan(new Uint8Array([0x7f])), [`error:${CmdlineError.BAD_BYTE}@0`]);
  assert.deepEqual(scan(new Uint8Array([0x00, 0x20])), [`error:${CmdlineError.BAD_BYTE}@0`]);
  assert.deepEqual(scan('--a="x\x02"'), [`error:${CmdlineError.BAD_BYTE}@6`]);
  assert.deepEqual(scan("--a=x\x1b"), [`error:${CmdlineError.BAD_BYTE}@5`]);
});

Deno.test("cmdline: a window that cannot be read is an error", () => {
  machine.reset();
  windowOpen(line, usize(2 ** 53 - 4), usize(8)); // refused: the window is empty and faulted
  assert.equal(cmdlineNext(line, usize(0), tok), CmdlineKind.ERROR);
  assert.equal(tok.error, CmdlineError.UNREADABLE);
});

Deno.test("cmdline: scanning from past the end gives CmdlineKind.END", () => {
  load("abc");
  assert.equal(cmdlineNext(line, usize(3), tok), CmdlineKind.END);
  assert.equal(cmdlineNext(line, usize(100), tok), CmdlineKind.END);
  assert.equal(tok.start, 3);
});

Deno.test("cmdline: cmdlineFind returns the last flag or option of that name", () => {
  load("--a=1 b --ab --a=2 a=3 --c");
  assert.equal(cmdlineFind(line, "a", tok), CmdlineKind.OPTION);
  assert.equal(bytesAt(tok.valueOff, tok.valueLen), "2");
  assert.equal(cmdlineFind(line, "ab", tok), CmdlineKind.FLAG);
  assert.equal(tok.start, 8);
  assert.equal(cmdlineFind(line, "c", tok), CmdlineKind.FLAG);
  assert.equal(cmdlineFind(line, "b", tok), CmdlineKind.END, "plain words are not options");
  assert.equal(cmdlineFind(line, "", tok), CmdlineKind.END);
  assert.equal(cmdlineFind(line, "abc", tok), CmdlineKind.END);
  load("--a=1 --flag=x");
  assert.equal(cmdlineFind(line, "flag", tok), CmdlineKind.OPTION);
  load('--a=1 --b="x');
  assert.equal(cmdlineFind(line, "a", tok), CmdlineKind.ERROR, "a line that does not scan");
  assert.equal(tok.error, CmdlineError.UNTERMINATED_QUOTE);
  load("");
  assert.equal(cmdlineFind(line, "a", tok), CmdlineKind.END);
});

Deno.test("cmdline: cmdlineBytesAre compares exactly", () => {
  load("hello");
  assert.equal(cmdlineBytesAre(line, usize(0), usize(5), "hello"), true);
  assert.equal(cmdlineBytesAre(line, usize(0), usize(4), "hello"), false);
  assert.equal(cmdlineBytesAre(line, usize(1), usize(4), "ello"), true);
  assert.equal(cmdlineBytesAre(line, usize(0), usize(5), "hellO"), false);
});

Deno.test("cmdline: every error code has a text of its own", () => {
  const codes = Object.values(CmdlineError).filter((v) => typeof v === "number") as CmdlineError[];
  const texts = codes.map((code) => cmdlineErrorText(code));
  assert.equal(codes.length, 6);
  assert.ok(texts.every((t) => typeof t === "string" && t.length > 0), texts.join());
  assert.equal(new Set(texts).size, codes.length);
});

Deno.test("cmdline: random lines always scan to an end or an error", () => {
  let x = 0x2545f491;
  const alphabet = ' "=-abc\t\x01';
  for (let i = 0; i < 3000; i++) {
    let s = "";
    const n = i % 24;
    for (let k = 0; k < n; k++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      s += alphabet[x % alphabet.length];
    }
    const tokens = scan(s);
    for (const t of tokens.slice(0, -1)) assert.equal(t.startsWith("error"), false);
  }
});
