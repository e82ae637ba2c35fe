// The kernel command line: a tokenizer over the bytes the boot loader passed.
//
// The line is ASCII words separated by whitespace (space, tab, CR, LF). A word is one of
//   --name          a flag        (CMDLINE_FLAG; name has no '=', no quote)
//   --name=value    an option     (CMDLINE_OPTION; value may hold '=', e.g. --env=A=B)
//   name=value      an assignment (CMDLINE_ASSIGN; e.g. QEMU's virtio_mmio.device=512@0x...)
//   word            a plain word  (CMDLINE_WORD)
// A value, or a whole plain word, may be double-quoted to hold whitespace: --msg="a b". A quote
// must open the value (or word) and closing right before whitespace or the end of the line; there
// are no escapes, so a value never contains '"'. This is the useful part of Linux's next_arg()
// (kernel/params.c) with the ambiguous cases made errors.
//
// Tokens are never copied: a CmdlineToken holds offsets into the line's ByteWindow (name and
// value without dashes, '=' or quotes), so scanning needs no memory. cmdlineNext scans one token
// starting at an offset; cmdlineFind scans the whole line for an option by name (the last
// occurrence wins, as when Linux applies parameters in order).
//
// Bad input is an error value, never a crash: an unterminated or misplaced quote, an option with
// an empty name ("--", "--=x", "=x"), or a control or non-ASCII byte gives kind CMDLINE_ERROR
// with a CMDLINE_ERR_* code and the offset of the offending byte. Invariant: every offset in a
// token is <= the window's length, and scanning advances at least one byte per token, so a loop
// `for (pos = 0; cmdlineNext(line, pos, tok) is a token; pos = tok.end)` ends.

import { u32, u8, usize } from "../int.ts";
import { ByteWindow, readU8, windowOk } from "./bytes.ts";

export const CMDLINE_END: u32 = u32(0);
export const CMDLINE_WORD: u32 = u32(1);
export const CMDLINE_ASSIGN: u32 = u32(2);
export const CMDLINE_FLAG: u32 = u32(3);
export const CMDLINE_OPTION: u32 = u32(4);
export const CMDLINE_ERROR: u32 = u32(5);

export const CMDLINE_OK: u32 = u32(0);
export const CMDLINE_ERR_UNTERMINATED_QUOTE: u32 = u32(1);
export const CMDLINE_ERR_MISPLACED_QUOTE: u32 = u32(2);
export const CMDLINE_ERR_EMPTY_NAME: u32 = u32(3);
export const CMDLINE_ERR_BAD_BYTE: u32 = u32(4);
export const CMDLINE_ERR_UNREADABLE: u32 = u32(5);

const CHAR_TAB: u8 = u8(0x09);
const CHAR_LF: u8 = u8(0x0a);
const CHAR_CR: u8 = u8(0x0d);
const CHAR_SPACE: u8 = u8(0x20);
const CHAR_QUOTE: u8 = u8(0x22);
const CHAR_DASH: u8 = u8(0x2d);
const CHAR_EQUALS: u8 = u8(0x3d);
const CHAR_DEL: u8 = u8(0x7f);

/** One token of the command line, as offsets into its ByteWindow. */
export class CmdlineToken {
  /** CMDLINE_END, _WORD, _ASSIGN, _FLAG, _OPTION or _ERROR. */
  kind: u32 = u32(0);
  /** CMDLINE_OK, or the CMDLINE_ERR_* code when kind is CMDLINE_ERROR. */
  error: u32 = u32(0);
  /** Offset of the token's first byte (of the offending byte for an error). */
  start: usize = usize(0);
  /** Offset just past the token: where the next scan starts. */
  end: usize = usize(0);
  /** The name (or the whole plain word). */
  nameOff: usize = usize(0);
  nameLen: usize = usize(0);
  /** The value of an option or assignment (length 0 otherwise). */
  valueOff: usize = usize(0);
  valueLen: usize = usize(0);
}

const scan: CmdlineToken = new CmdlineToken();

/** A one-line description of a CMDLINE_ERR_* code. */
export function cmdlineErrorText(code: u32): string {
  if (code === CMDLINE_OK) return "ok";
  if (code === CMDLINE_ERR_UNTERMINATED_QUOTE) return "unterminated quote";
  if (code === CMDLINE_ERR_MISPLACED_QUOTE) return "quote not at the start of a value";
  if (code === CMDLINE_ERR_EMPTY_NAME) return "option with an empty name";
  if (code === CMDLINE_ERR_BAD_BYTE) return "control or non-ASCII byte";
  if (code === CMDLINE_ERR_UNREADABLE) return "command line unreadable";
  return "unknown error";
}

/** Scans the token at or after offset from; returns its kind (also in tok.kind). */
export function cmdlineNext(line: ByteWindow, from: usize, tok: CmdlineToken): u32 {
  tok.kind = CMDLINE_END;
  tok.error = CMDLINE_OK;
  tok.nameOff = usize(0);
  tok.nameLen = usize(0);
  tok.valueOff = usize(0);
  tok.valueLen = usize(0);
  let pos = from < line.len ? from : line.len;
  while (pos < line.len && isSpace(readU8(line, pos))) {
    pos = usize(pos + 1);
  }
  tok.start = pos;
  tok.end = pos;
  if (pos >= line.len) {
    return finish(line, tok, CMDLINE_END);
  }
  const first = readU8(line, pos);
  if (first === CHAR_QUOTE) {
    return scanValue(line, pos, tok, CMDLINE_WORD);
  }
  let kind = CMDLINE_WORD;
  let nameStart = pos;
  if (
    first === CHAR_DASH && usize(pos + 1) < line.len && readU8(line, usize(pos + 1)) === CHAR_DASH
  ) {
    kind = CMDLINE_FLAG;
    nameStart = usize(pos + 2);
  }
  // The name runs to '=', whitespace or the end.
  let p = nameStart;
  while (p < line.len) {
    const b = readU8(line, p);
    if (isSpace(b) || b === CHAR_EQUALS) {
      break;
    }
    if (b === CHAR_QUOTE) {
      return fail(tok, CMDLINE_ERR_MISPLACED_QUOTE, p, line.len);
    }
    if (!isPrintable(b)) {
      return fail(tok, CMDLINE_ERR_BAD_BYTE, p, line.len);
    }
    p = usize(p + 1);
  }
  tok.nameOff = nameStart;
  tok.nameLen = usize(p - nameStart);
  const hasValue: boolean = p < line.len && readU8(line, p) === CHAR_EQUALS;
  if (tok.nameLen === 0 && (kind === CMDLINE_FLAG || hasValue)) {
    return fail(tok, CMDLINE_ERR_EMPTY_NAME, pos, line.len);
  }
  if (!hasValue) {
    tok.end = p;
    return finish(line, tok, kind);
  }
  return scanValue(
    line,
    usize(p + 1),
    tok,
    kind === CMDLINE_FLAG ? CMDLINE_OPTION : CMDLINE_ASSIGN,
  );
}

/** Scans the value (or quoted plain word) at p, quoted or not, and completes tok as kind. */
function scanValue(line: ByteWindow, p: usize, tok: CmdlineToken, kind: u32): u32 {
  if (p < line.len && readU8(line, p) === CHAR_QUOTE) {
    let closing = usize(p + 1);
    while (closing < line.len && readU8(line, closing) !== CHAR_QUOTE) {
      if (!isPrintable(readU8(line, closing)) && !isSpace(readU8(line, closing))) {
        return fail(tok, CMDLINE_ERR_BAD_BYTE, closing, line.len);
      }
      closing = usize(closing + 1);
    }
    if (closing >= line.len) {
      return fail(tok, CMDLINE_ERR_UNTERMINATED_QUOTE, p, line.len);
    }
    const after = usize(closing + 1);
    if (after < line.len && !isSpace(readU8(line, after))) {
      return fail(tok, CMDLINE_ERR_MISPLACED_QUOTE, after, line.len);
    }
    setPart(tok, kind, usize(p + 1), usize(closing - p - 1));
    tok.end = after;
    return finish(line, tok, kind);
  }
  let q = p;
  while (q < line.len && !isSpace(readU8(line, q))) {
    const b = readU8(line, q);
    if (b === CHAR_QUOTE) {
      return fail(tok, CMDLINE_ERR_MISPLACED_QUOTE, q, line.len);
    }
    if (!isPrintable(b)) {
      return fail(tok, CMDLINE_ERR_BAD_BYTE, q, line.len);
    }
    q = usize(q + 1);
  }
  setPart(tok, kind, p, usize(q - p));
  tok.end = q;
  return finish(line, tok, kind);
}

/** Stores [off, off + len) as the value, or as the name for a quoted plain word. */
function setPart(tok: CmdlineToken, kind: u32, off: usize, len: usize): void {
  if (kind === CMDLINE_WORD) {
    tok.nameOff = off;
    tok.nameLen = len;
  } else {
    tok.valueOff = off;
    tok.valueLen = len;
  }
}

/** Sets tok's kind, unless a read of the line failed. */
function finish(line: ByteWindow, tok: CmdlineToken, kind: u32): u32 {
  if (!windowOk(line)) {
    return fail(tok, CMDLINE_ERR_UNREADABLE, tok.start, line.len);
  }
  tok.kind = kind;
  return kind;
}

/** Makes tok an error at offset at; the scan ends (tok.end is the end of the line). */
function fail(tok: CmdlineToken, code: u32, at: usize, lineLen: usize): u32 {
  tok.kind = CMDLINE_ERROR;
  tok.error = code;
  tok.start = at;
  tok.end = lineLen;
  return CMDLINE_ERROR;
}

function isSpace(b: u8): boolean {
  return b === CHAR_SPACE || b === CHAR_TAB || b === CHAR_LF || b === CHAR_CR;
}

function isPrintable(b: u8): boolean {
  return b > CHAR_SPACE && b < CHAR_DEL;
}

/** True if the len bytes at off in line are exactly lit. */
export function cmdlineBytesAre(line: ByteWindow, off: usize, len: usize, lit: string): boolean {
  if (len !== usize(lit.length)) {
    return false;
  }
  for (let i = usize(0); i < len; i = usize(i + 1)) {
    if (u32(readU8(line, usize(off + i))) !== u32(lit.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

/** Finds the last flag or option named name (without its dashes). Returns its kind
 * (CMDLINE_FLAG or CMDLINE_OPTION) with the token in tok, CMDLINE_END if there is none, or
 * CMDLINE_ERROR with the error in tok if the line does not scan. */
export function cmdlineFind(line: ByteWindow, name: string, tok: CmdlineToken): u32 {
  let found = CMDLINE_END;
  let pos = usize(0);
  while (true) {
    const kind = cmdlineNext(line, pos, scan);
    if (kind === CMDLINE_END) {
      break;
    }
    if (kind === CMDLINE_ERROR) {
      cmdlineCopy(scan, tok);
      return CMDLINE_ERROR;
    }
    if (kind === CMDLINE_FLAG || kind === CMDLINE_OPTION) {
      if (cmdlineBytesAre(line, scan.nameOff, scan.nameLen, name)) {
        cmdlineCopy(scan, tok);
        found = kind;
      }
    }
    pos = scan.end;
  }
  if (found === CMDLINE_END) {
    cmdlineCopy(scan, tok);
  }
  return found;
}

/** Copies token from into token to. */
export function cmdlineCopy(from: CmdlineToken, to: CmdlineToken): void {
  to.kind = from.kind;
  to.error = from.error;
  to.start = from.start;
  to.end = from.end;
  to.nameOff = from.nameOff;
  to.nameLen = from.nameLen;
  to.valueOff = from.valueOff;
  to.valueLen = from.valueLen;
}
