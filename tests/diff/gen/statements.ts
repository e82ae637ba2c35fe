// The statements of a generated function body (program.ts): locals, assignments (to variables,
// fields and array elements), calls as whole statements, raw-memory loads and stores, if/else,
// switch, for, while and do-while, early returns, break and continue.
//
// Loops have small literal trip counts and counters the body never assigns (a while loop counts
// first, so `continue` cannot skip the count), so every loop ends. The cost of the body — one
// per statement run, times the trips of the loops around it, plus the cost of each callee — stays
// under MAX_COST, so a whole program runs in microseconds. A call is always a whole statement,
// `x = f(...)` or `const l = f(...)`, with arguments that call nothing: no expression has two
// effects whose order C could change (docs/SUBSET.md R-STMT-8). A switch has distinct labels
// that fit its discriminant's kind, maybe stacked empty clauses and a default anywhere, and each
// clause is braced and ends in break or return (R-SWITCH-2..4).

import { RAM_BASE } from "../hosted.ts";
import type { ExprGen } from "./expr.ts";
import { INFO, type Kind, KINDS, kindValue, litText } from "./kinds.ts";
import type { Prng } from "./prng.ts";

/** A function or method a body may call. */
export interface FnSig {
  /** How a call is written, up to the arguments: `f2` or `s0.m1`. */
  name: string;
  params: (Kind | "S")[];
  ret: Kind;
  cost: number;
}

const MAX_COST = 4000;

/** Raw memory of a generated program: the first RAW_BYTES bytes of the hosted programs' RAM
 *  (hosted.ts), which main checksums. */
export const RAW_BASE = RAM_BASE;
export const RAW_BYTES = 8192;

const RAW_WIDTHS: [Kind, number][] = [["u8", 1], ["u16", 2], ["u32", 4], ["u64", 8]];

export class BodyGen {
  /** The estimated work of the body so far. */
  cost = 1;
  /** The program is unsafe and may load and store raw memory. */
  raw = false;
  private loops = 0;
  /** The product of the trip counts of the loops around the statement being generated. */
  private trips = 1;

  constructor(
    private readonly r: Prng,
    private readonly out: string[],
    private depth: number,
    private readonly e: ExprGen,
    private readonly fresh: (prefix: string) => string,
    private readonly fns: readonly FnSig[],
    private readonly instances: readonly string[],
    private readonly retKind: Kind,
  ) {}

  private line(s: string): void {
    this.out.push("  ".repeat(this.depth) + s);
  }

  /** n statements at the current depth, their locals staying in scope (a function's top). */
  statements(n: number): void {
    for (let i = 0; i < n; i++) this.genStatement();
  }

  /** The statements of a block; the variables it declares go out of scope at its end. */
  private genBlock(count: number): void {
    const saved = this.e.vars.length;
    for (let i = 0; i < count; i++) this.genStatement();
    this.e.vars.length = saved;
  }

  private genStatement(): void {
    const nested = this.depth < 4;
    const roll = this.r.below(100);
    this.cost += this.trips;
    if (roll < 6 && this.raw) return this.genRaw();
    if (roll < 22) return this.genLocal();
    if (roll < 48) return this.genAssign();
    if (roll < 62) return this.genCall();
    if (roll < 70 && nested) return this.genIf();
    if (roll < 74 && nested) return this.genSwitch();
    if (roll < 84 && nested) return this.genFor();
    if (roll < 88 && nested) return this.genWhile();
    if (roll < 92 && this.depth > 1) {
      this.line(`if (${this.e.genCond(1)}) return ${this.e.genValue(this.retKind, 2)};`);
      return;
    }
    if (roll < 96 && this.loops > 0) {
      this.line(`if (${this.e.genCond(1)}) ${this.r.chance(0.5) ? "break" : "continue"};`);
      return;
    }
    return this.genAssign();
  }

  private genLocal(): void {
    if (this.r.chance(0.12)) {
      const name = this.fresh("b");
      this.line(`let ${name}: boolean = ${this.e.genCond(2)};`);
      this.e.vars.push({ text: name, kind: "bool", mutable: true });
      return;
    }
    const k = this.r.pick(KINDS);
    const name = this.fresh("l");
    const isConst = this.r.chance(0.3);
    const value = this.e.genValue(k, 3);
    this.line(isConst ? `const ${name} = ${value};` : `let ${name}: ${k} = ${value};`);
    this.e.vars.push({ text: name, kind: k, mutable: !isConst });
  }

  private genAssign(): void {
    if (this.e.arrays.length > 0 && this.r.chance(0.15)) {
      const a = this.r.pick(this.e.arrays);
      this.line(`${a.name}.set(${this.e.arrayIndex(a, 2)}, ${this.e.genValue(a.kind, 3)});`);
      return;
    }
    const targets = this.e.vars.filter((v) => v.mutable);
    if (targets.length === 0) return this.genLocal();
    const t = this.r.pick(targets);
    const value = t.kind === "bool" ? this.e.genCond(2) : this.e.genValue(t.kind, 3);
    this.line(`${t.text} = ${value};`);
  }

  /** A load into a variable, or a store, of an aligned address in the raw region: whole
   *  statements, since a load counts as a call for the evaluation-order rule. */
  private genRaw(): void {
    const [k, width] = this.r.pick(RAW_WIDTHS);
    const slot = `usize(${this.e.genValue("usize", 1)} % ${RAW_BYTES / width})`;
    const addr = `usize(${RAW_BASE} + ${slot} * ${width})`;
    const bits = width * 8;
    if (this.r.chance(0.5)) {
      this.line(`store${bits}(${addr}, ${this.e.genValue(k, 2)});`);
      return;
    }
    const targets = this.e.vars.filter((v) => v.mutable && v.kind === k);
    if (targets.length > 0 && this.r.chance(0.5)) {
      this.line(`${this.r.pick(targets).text} = load${bits}(${addr});`);
      return;
    }
    const name = this.fresh("l");
    this.line(`const ${name} = load${bits}(${addr});`);
    this.e.vars.push({ text: name, kind: k, mutable: false });
  }

  private genCall(): void {
    const callable = this.fns.filter((f) => this.cost + f.cost * this.trips <= MAX_COST);
    if (callable.length === 0) return this.genAssign();
    const f = this.r.pick(callable);
    this.cost += f.cost * this.trips;
    const args = f.params.map((p) =>
      p === "S" ? this.r.pick(this.instances) : this.e.genValue(p, 2)
    );
    const call = `${f.name}(${args.join(", ")})`;
    const targets = this.e.vars.filter((v) => v.mutable && v.kind === f.ret);
    if (targets.length > 0 && this.r.chance(0.5)) {
      this.line(`${this.r.pick(targets).text} = ${call};`);
      return;
    }
    const name = this.fresh("l");
    this.line(`const ${name} = ${call};`);
    this.e.vars.push({ text: name, kind: f.ret, mutable: false });
  }

  private genIf(): void {
    this.line(`if (${this.e.genCond(2)}) {`);
    this.inner(() => this.genBlock(this.r.range(1, 3)));
    if (this.r.chance(0.5)) {
      this.line("} else {");
      this.inner(() => this.genBlock(this.r.range(1, 3)));
    }
    this.line("}");
  }

  /** A switch on an integer of any kind: distinct labels that fit it, stacked empty clauses,
   *  maybe a default anywhere; every clause is braced and ends in break or return. */
  private genSwitch(): void {
    const k = this.r.pick(KINDS);
    const big = INFO[k].big;
    const values = new Set<bigint>();
    for (let n = this.r.range(1, 5); n > 0; n--) values.add(kindValue(this.r, k));
    const labels = [...values];
    const defaultAt = this.r.chance(0.6) ? this.r.below(labels.length + 1) : -1;
    this.line(`switch (${this.e.genValue(k, 2)}) {`);
    this.inner(() => {
      labels.forEach((v, i) => {
        if (i === defaultAt) this.clause("default:");
        const text = litText(v, big, this.r);
        if (i < labels.length - 1 && this.r.chance(0.25)) this.line(`case ${text}:`);
        else this.clause(`case ${text}:`);
      });
      if (defaultAt === labels.length) this.clause("default:");
    });
    this.line("}");
  }

  private clause(head: string): void {
    this.line(`${head} {`);
    this.inner(() => {
      this.genBlock(this.r.range(1, 3));
      if (this.r.chance(0.2)) this.line(`return ${this.e.genValue(this.retKind, 2)};`);
      else this.line("break;");
    });
    this.line("}");
  }

  private inner(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  private inLoop(trips: number, body: () => void): void {
    const saved = this.trips;
    this.trips *= trips;
    this.loops++;
    this.inner(body);
    this.loops--;
    this.trips = saved;
  }

  private genFor(): void {
    const k = this.r.pick(["u8", "u32", "i32", "i16", "usize", "u64", "i64"] as Kind[]);
    const i = this.fresh("n");
    const trips = this.r.range(0, 6);
    const step = this.r.range(1, 3);
    const start = BigInt(this.r.range(INFO[k].signed ? -5 : 0, 5));
    const end = start + BigInt(trips * step);
    const lit = (v: bigint) => litText(v, INFO[k].big, this.r);
    let cmp = this.r.pick(["<", "<=", "!=="]);
    if (cmp === "<=" && end - 1n < INFO[k].min) cmp = "<";
    const bound = cmp === "<=" ? end - 1n : end;
    const cond = cmp === "!==" && step !== 1 ? `${i} < ${lit(end)}` : `${i} ${cmp} ${lit(bound)}`;
    const one = INFO[k].big ? `${step}n` : `${step}`;
    this.line(`for (let ${i}: ${k} = ${k}(${lit(start)}); ${cond}; ${i} = ${k}(${i} + ${one})) {`);
    this.e.vars.push({ text: i, kind: k, mutable: false });
    this.inLoop(trips, () => this.genBlock(this.r.range(1, 4)));
    this.e.vars.pop();
    this.line("}");
  }

  private genWhile(): void {
    const w = this.fresh("w");
    const trips = this.r.range(1, 5);
    this.line(`let ${w}: u32 = u32(0);`);
    const isDo = this.r.chance(0.4);
    this.line(isDo ? "do {" : `while (${w} < ${trips}) {`);
    this.inLoop(trips, () => {
      this.line(`${w} = u32(${w} + 1);`);
      this.genBlock(this.r.range(1, 3));
    });
    this.line(isDo ? `} while (${w} < ${trips});` : "}");
  }
}
