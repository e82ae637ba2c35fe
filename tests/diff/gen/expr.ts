// Random well-typed expressions of the kernel subset, for the program generator (program.ts).
//
// Every expression is built by the rules of docs/SUBSET.md §3 as the generator reads them: a
// value (`genValue`) is branded — a variable, a wrap of a literal, of another kind or of a raw
// expression, a quotient wrapped directly, a `?:`, mulU32/mulI32, alignUp/alignDown or a string
// byte; a raw expression (`genRaw`) combines operands of one kind with the operators that kind
// allows, literals that fit it, and shift counts of the legal forms. Invariants that keep every
// program free of undefined results and of panics that would differ between the worlds:
//   - no divisor can be zero (`k(x | 1)`, `usize(x % n + 1)`), so no NaN or Infinity exists;
//   - 64-bit shift counts are below 128 (V8's bigint size limit is far away);
//   - raw number-domain values stay far below 2^53 (usize raw arithmetic is one `+` of two
//     values or a product with a small literal, under usize()), so JS arithmetic is exact;
//   - expressions never call functions: calls are statements (program.ts), so the evaluation
//     order rule (§4) cannot be broken. usize values can still reach 2^53 and panic: in both
//     worlds alike, with the one message "usize out of range".

import {
  hasBitwise,
  hasMul,
  INFO,
  type Kind,
  KINDS,
  kindValue,
  litText,
  shiftRightOp,
} from "./kinds.ts";
import type { Prng } from "./prng.ts";

/** A variable in scope: a local, parameter, module-level let/const, or struct field. */
export interface Var {
  /** How it is written, e.g. `l3`, `g0`, `s1.f2`, `this.f0`. */
  text: string;
  kind: Kind | "bool";
  /** May be assigned (not a const, a parameter or a loop counter). */
  mutable: boolean;
}

/** A string constant in scope and its length. */
export interface StrConst {
  name: string;
  length: number;
}

/** A module-level FixedArray (docs/SUBSET.md §9) in scope. */
export interface ArrayConst {
  name: string;
  kind: Kind;
  length: number;
}

export class ExprGen {
  /** Keep usize values below 2^32 (module-level consts must not panic). */
  smallUsize = false;
  /** Arrays whose elements expressions may read, always at an index in range. */
  arrays: ArrayConst[] = [];

  constructor(
    readonly r: Prng,
    public vars: Var[],
    readonly strings: StrConst[],
  ) {}

  private varsOf(k: Kind | "bool"): Var[] {
    return this.vars.filter((v) => v.kind === k);
  }

  private value(k: Kind): bigint {
    const v = kindValue(this.r, k);
    return k === "usize" && this.smallUsize ? v & 0xffffffffn : v;
  }

  /** A literal that fits kind k, as an operand next to a k value. */
  operandLit(k: Kind): string {
    const i = INFO[k];
    let v = this.value(k);
    if (k === "usize" && v > 100000n) v = v % 100000n;
    return litText(v, i.big, this.r);
  }

  /** A wrap of a literal: `k(lit)`, the literal sometimes out of k's range (folded). */
  private wrapLit(k: Kind): string {
    const i = INFO[k];
    if (k === "usize") return `usize(${litText(this.value(k), false, this.r)})`;
    let v = this.value(k);
    if (this.r.chance(0.2)) {
      const wide = this.r.u64() >> BigInt(this.r.range(11, 63));
      v = this.r.chance(0.5) ? wide : -wide;
    }
    return `${k}(${litText(v, i.big, this.r)})`;
  }

  /** A branded value of kind k. */
  genValue(k: Kind, depth: number): string {
    const vars = this.varsOf(k);
    if (depth <= 0) {
      return vars.length > 0 && this.r.chance(0.75) ? this.r.pick(vars).text : this.wrapLit(k);
    }
    const roll = this.r.below(100);
    const arrays = this.arrays.filter((a) => a.kind === k);
    if (roll < 4 && arrays.length > 0) return this.arrayGet(this.r.pick(arrays), depth);
    if (roll < 22 && vars.length > 0) return this.r.pick(vars).text;
    if (roll < 30) return this.wrapLit(k);
    if (roll < 58) return this.wrapRaw(k, depth);
    if (roll < 70) return this.convert(k, depth);
    if (roll < 76) {
      const c = this.genCond(depth - 1);
      return `(${c} ? ${this.genValue(k, depth - 1)} : ${this.genValue(k, depth - 1)})`;
    }
    if (roll < 84) return this.quotient(k, depth);
    if (roll < 90 && (k === "u32" || k === "i32")) {
      const f = k === "u32" ? "mulU32" : "mulI32";
      return `${f}(${this.genValue(k, depth - 1)}, ${this.genValue(k, depth - 1)})`;
    }
    if (roll < 90 && k === "usize") return this.align(depth);
    if (roll < 95 && this.strings.length > 0) return this.strByte(k, depth);
    return this.wrapRaw(k, depth);
  }

  /** An index in range of an array: `usize(x % length)`. */
  arrayIndex(a: ArrayConst, depth: number): string {
    return `usize(${this.genValue("usize", Math.max(0, depth - 1))} % ${a.length})`;
  }

  private arrayGet(a: ArrayConst, depth: number): string {
    return `${a.name}.get(${this.arrayIndex(a, depth)})`;
  }

  /** `k(raw)`: a raw expression of some kind, computed and wrapped to k. */
  private wrapRaw(k: Kind, depth: number): string {
    let d: Kind;
    if (k === "usize") d = "usize";
    else d = this.r.chance(0.5) ? k : this.r.pick(KINDS.filter((x) => x !== "usize"));
    return `${k}(${this.genRaw(d, depth - 1)})`;
  }

  /** `k(x)` with x a value of another kind. */
  private convert(k: Kind, depth: number): string {
    let d = this.r.pick(KINDS);
    if (k === "usize" && INFO[d].signed) d = "u32"; // a negative source would panic
    if (k === "usize" && d === "u64") {
      return `usize(u64(${this.genValue("u64", depth - 1)} & 0xffffffffffn))`;
    }
    return `${k}(${this.genValue(d, depth - 1)})`;
  }

  /** A divisor of kind d that cannot be zero. */
  divisor(d: Kind, depth: number): string {
    if (INFO[d].signed && this.r.chance(0.15)) return INFO[d].big ? "-1n" : "-1"; // MIN / -1
    if (this.r.chance(0.3)) {
      const i = INFO[d];
      let v = this.value(d);
      if (v === 0n) v = 1n;
      return litText(v, i.big, this.r);
    }
    const x = this.genValue(d, depth);
    if (d === "usize") return `usize(${x} % ${this.r.range(1, 5000)} + 1)`;
    return `${d}(${x} | ${INFO[d].big ? "1n" : "1"})`;
  }

  /** `k(a / b)` with a nonzero divisor (a number quotient is wrapped directly, §3). */
  private quotient(k: Kind, depth: number): string {
    let d = this.r.pick(KINDS);
    if (k === "usize") d = this.r.pick(["usize", "u32", "u16", "u8"] as Kind[]);
    return `${k}(${this.genValue(d, depth - 1)} / ${this.divisor(d, depth - 1)})`;
  }

  private align(depth: number): string {
    const f = this.r.pick(["alignUp", "alignDown"]);
    const small = `usize(${this.genValue("u32", depth - 1)})`;
    const align = `usize(${this.genValue("u16", depth - 1)} % 64 + 1)`;
    return `${f}(${small}, ${align})`;
  }

  /** `k(S.charCodeAt(i))` with i in range. */
  private strByte(k: Kind, depth: number): string {
    const s = this.r.pick(this.strings);
    const i = `usize(${this.genValue("usize", depth - 1)} % ${s.length})`;
    if (k === "usize") return `usize(${s.name}.charCodeAt(${i}))`;
    return `${k}(${s.name}.charCodeAt(${i}))`;
  }

  /** An operand of a raw expression of kind d: a value, a literal, or (if allowed) raw; under a
   *  bitwise operator, a remainder in it is wrapped (R-INT-13: the check cannot see that the
   *  divisors here are never zero). */
  private operand(
    d: Kind,
    depth: number,
    allowRaw: boolean,
    allowLit = true,
    bitwise = false,
  ): string {
    const roll = this.r.below(10);
    if (roll < 2 && allowLit) return this.operandLit(d);
    if (roll < 5 && allowRaw && depth > 0) return `(${this.genRaw(d, depth - 1, bitwise)})`;
    return this.genValue(d, Math.max(0, depth - 1));
  }

  /** A shift count for a left operand of kind d. */
  private shiftCount(d: Kind, depth: number): string {
    if (INFO[d].big) {
      if (this.r.chance(0.3)) return `${this.r.pick([0, 1, 31, 32, 62, 63, 64, 65, 127])}n`;
      if (this.r.chance(0.2)) return `${this.r.range(0, 127)}n`;
      return `u64(${this.genValue("u64", depth)} & ${this.r.pick(["63n", "127n", "7n"])})`;
    }
    if (this.r.chance(0.2)) return `${this.r.pick([0, 1, 7, 8, 15, 16, 31, 32, 33])}`;
    if (this.r.chance(0.2)) return `${this.r.range(0, 40)}`;
    const c = this.r.pick(KINDS.filter((x) => !INFO[x].big));
    return this.genValue(c, depth);
  }

  /** A raw expression whose operands are of kind d; `bitwise` if it is (inside) the operand of a
   *  bitwise operator. */
  genRaw(d: Kind, depth: number, bitwise = false): string {
    if (d === "usize") return this.usizeRaw(depth);
    const ops = ["+", "-", "+", "-", "&", "|", "^", "<<", "shr", "%", "neg", "not"];
    if (hasMul(d)) ops.push("*", "*");
    const op = this.r.pick(ops);
    const v = () => this.genValue(d, Math.max(0, depth - 1));
    switch (op) {
      case "neg":
        return `-(${this.operand(d, depth, true, false, bitwise)})`;
      case "not":
        return `~(${this.operand(d, depth, true, true, true)})`;
      case "%": {
        const rem = `${v()} % ${this.divisor(d, Math.max(0, depth - 1))}`;
        return bitwise ? `${d}(${rem})` : rem;
      }
      case "*":
        return `${v()} * ${this.r.chance(0.5) ? v() : this.operandLit(d)}`;
      case "<<":
        return `${this.operand(d, depth, true, true, true)} << ${
          this.shiftCount(d, Math.max(0, depth - 1))
        }`;
      case "shr":
        return `${v()} ${shiftRightOp(d)} ${this.shiftCount(d, Math.max(0, depth - 1))}`;
      default: {
        if (!hasBitwise(d) && op !== "+" && op !== "-") return `${v()} + ${this.operandLit(d)}`;
        const bit = bitwise || (op !== "+" && op !== "-");
        const left = this.r.chance(0.3)
          ? this.operandLit(d)
          : this.operand(d, depth, true, true, bit);
        const right = this.operand(d, depth, true, true, bit);
        return `${left} ${op} ${right}`;
      }
    }
  }

  /** usize raw arithmetic that stays exact in JS: one sum, or a product with a small literal. */
  private usizeRaw(depth: number): string {
    const v = () => this.genValue("usize", Math.max(0, depth - 1));
    switch (this.r.below(4)) {
      case 0:
        return `${v()} + ${v()}`;
      case 1:
        return `${v()} * ${this.r.range(0, 16)}`;
      case 2:
        return `${v()} % ${this.divisor("usize", Math.max(0, depth - 1))}`;
      default:
        return `${v()} + ${this.operandLit("usize")}`;
    }
  }

  /** A boolean condition. */
  genCond(depth: number): string {
    const bools = this.varsOf("bool");
    const roll = this.r.below(10);
    if (roll < 1 && bools.length > 0) return this.r.pick(bools).text;
    if (roll < 2 && depth > 0) return `!(${this.genCond(depth - 1)})`;
    if (roll < 4 && depth > 0) {
      const op = this.r.pick(["&&", "||"]);
      return `(${this.genCond(depth - 1)} ${op} ${this.genCond(depth - 1)})`;
    }
    const k = this.r.pick(KINDS);
    const cmp = this.r.pick(["===", "!==", "<", "<=", ">", ">="]);
    const a = this.genValue(k, Math.max(0, depth - 1));
    const b = this.r.chance(0.4) ? this.operandLit(k) : this.genValue(k, Math.max(0, depth - 1));
    return this.r.chance(0.5) ? `${a} ${cmp} ${b}` : `${b} ${cmp} ${a}`;
  }
}
