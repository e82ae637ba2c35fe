// The kernel command line: a tokenizer over the bytes the boot loader passed.
//
// The line is ASCII words separated by whitespace (space, tab, CR, LF). A word is one of
//   --name          a flag        (CmdlineKind.FLAG; name has no '=', no quote)
//   --name=value    an option     (CmdlineKind.OPTION; value may hold '=', e.g. --env=A=B)
//   name=value      an assignment (CmdlineKind.ASSIGN; e.g. virtio_mmio.device=512@0x...)
//   word            a plain word  (CmdlineKind.WORD)
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
// an empty name ("--", "--=x", "=x"), or a control or non-ASCII byte gives kind CmdlineKind.ERROR
// with a CmdlineError and the offset of the offending byte. Invariant: every offset in a
// token is <= the window's length, and scanning advances at least one byte per token, so a loop
// `for (pos = 0; cmdlineNext(line, pos, tok) is a token; pos = tok.end)` ends.

import { u32, u8, usize } from "../int.ts";
import { ByteWindow, readU8, windowOk } from "./bytes.ts";

/** What a token is (CmdlineToken.kind). */
export enum CmdlineKind {
  END = 0,
  WORD = 1,
  ASSIGN = 2,
  FLAG = 3,
  OPTION = 4,
  ERROR = 5,
}

/** Why a token is CmdlineKind.ERROR (CmdlineToken.error; OK otherwise). */
export enum CmdlineError {
  OK = 0,
  UNTERMINATED_QUOTE = 1,
  MISPLACED_QUOTE = 2,
  EMPTY_NAME = 3,
  BAD_BYTE = 4,
  UNREADABLE = 5,
}

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
  kind: CmdlineKind = CmdlineKind.END;
  /** CmdlineError.OK, or why kind is CmdlineKind.ERROR. */
  error: CmdlineError = CmdlineError.OK;
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

/** A one-line description of a command line error. */
export function cmdlineErrorText(code: CmdlineError): string {
  switch (code) {
    case CmdlineError.OK:
      return "ok";
    case CmdlineError.UNTERMINATED_QUOTE:
      return "unterminated quote";
    case CmdlineError.MISPLACED_QUOTE:
      return "quote not at the start of a value";
    case CmdlineError.EMPTY_NAME:
      return "option with an empty name";
    case CmdlineError.BAD_BYTE:
      return "control or non-ASCII byte";
    case CmdlineError.UNREADABLE:
      return "command line unreadable";
  }
}

/** Scans the token at or after offset from; returns its kind (also in tok.kind). */
export function cmdlineNext(line: ByteWindow, from: usize, tok: CmdlineToken): CmdlineKind {
  tok.kind = CmdlineKind.END;
  tok.error = CmdlineError.OK;
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
    return finish(line, tok, CmdlineKind.END);
  }
  const first = readU8(line, pos);
  if (first === CHAR_QUOTE) {
    return scanValue(line, pos, tok, CmdlineKind.WORD);
  }
  let kind = CmdlineKind.WORD;
  let nameStart = pos;
  if (
    first === CHAR_DASH && usize(pos + 1) < line.len && readU8(line, usize(pos + 1)) === CHAR_DASH
  ) {
    kind = CmdlineKind.FLAG;
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
      return fail(tok, CmdlineError.MISPLACED_QUOTE, p, line.len);
    }
    if (!isPrintable(b)) {
      return fail(tok, CmdlineError.BAD_BYTE, p, line.len);
    }
    p = usize(p + 1);
  }
  tok.nameOff = nameStart;
  tok.nameLen = usize(p - nameStart);
  const hasValue: boolean = p < line.len && readU8(line, p) === CHAR_EQUALS;
  if (tok.nameLen === 0 && (kind === CmdlineKind.FLAG || hasValue)) {
    return fail(tok, CmdlineError.EMPTY_NAME, pos, line.len);
  }
  if (!hasValue) {
    tok.end = p;
    return finish(line, tok, kind);
  }
  return scanValue(
    line,
    usize(p + 1),
    tok,
    kind === CmdlineKind.FLAG ? CmdlineKind.OPTION : CmdlineKind.ASSIGN,
  );
}

/** Scans the value (or quoted plain word) at p, quoted or not, and completes tok as kind. */
function scanValue(
  line: ByteWindow,
  p: usize,
  tok: CmdlineToken,
  kind: CmdlineKind,
): CmdlineKind {
  if (p < line.len && readU8(line, p) === CHAR_QUOTE) {
    let closing = usize(p + 1);
    while (closing < line.len && readU8(line, closing) !== CHAR_QUOTE) {
      if (!isPrintable(readU8(line, closing)) && !isSpace(readU8(line, closing))) {
        return fail(tok, CmdlineError.BAD_BYTE, closing, line.len);
      }
      closing = usize(closing + 1);
    }
    if (closing >= line.len) {
      return fail(tok, CmdlineError.UNTERMINATED_QUOTE, p, line.len);
    }
    const after = usize(closing + 1);
    if (after < line.len && !isSpace(readU8(line, after))) {
      return fail(tok, CmdlineError.MISPLACED_QUOTE, after, line.len);
    }
    setPart(tok, kind, usize(p + 1), usize(closing - p - 1));
    tok.end = after;
    return finish(line, tok, kind);
  }
  let q = p;
  while (q < line.len && !isSpace(readU8(line, q))) {
    const b = readU8(line, q);
    if (b === CHAR_QUOTE) {
      return fail(tok, CmdlineError.MISPLACED_QUOTE, q, line.len);
    }
    if (!isPrintable(b)) {
      return fail(tok, CmdlineError.BAD_BYTE, q, line.len);
    }
    q = usize(q + 1);
  }
  setPart(tok, kind, p, usize(q - p));
  tok.end = q;
  return finish(line, tok, kind);
}

/** Stores [off, off + len) as the value, or as the name for a quoted plain word. */
function setPart(tok: CmdlineToken, kind: CmdlineKind, off: usize, len: usize): void {
  if (kind === CmdlineKind.WORD) {
    tok.nameOff = off;
    tok.nameLen = len;
  } else {
    tok.valueOff = off;
    tok.valueLen = len;
  }
}

/** Sets tok's kind, unless a read of the line failed. */
function finish(line: ByteWindow, tok: CmdlineToken, kind: CmdlineKind): CmdlineKind {
  if (!windowOk(line)) {
    return fail(tok, CmdlineError.UNREADABLE, tok.start, line.len);
  }
  tok.kind = kind;
  return kind;
}

/** Makes tok an error at offset at; the scan ends (tok.end is the end of the line). */
function fail(tok: CmdlineToken, code: CmdlineError, at: usize, lineLen: usize): CmdlineKind {
  tok.kind = CmdlineKind.ERROR;
  tok.error = code;
  tok.start = at;
  tok.end = lineLen;
  return CmdlineKind.ERROR;
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

/** Finds the last flag or option named name (without its dashes). Returns its kind (FLAG or
 * OPTION) with the token in tok, END if there is none, or ERROR with the error in tok if the
 * line does not scan. */
export function cmdlineFind(line: ByteWindow, name: string, tok: CmdlineToken): CmdlineKind {
  let found = CmdlineKind.END;
  let pos = usize(0);
  while (true) {
    const kind = cmdlineNext(line, pos, scan);
    if (kind === CmdlineKind.END) {
      break;
    }
    if (kind === CmdlineKind.ERROR) {
      cmdlineCopy(scan, tok);
      return CmdlineKind.ERROR;
    }
    if (kind === CmdlineKind.FLAG || kind === CmdlineKind.OPTION) {
      if (cmdlineBytesAre(line, scan.nameOff, scan.nameLen, name)) {
        cmdlineCopy(scan, tok);
        found = kind;
      }
    }
    pos = scan.end;
  }
  if (found === CmdlineKind.END) {
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
