/* generated — do not edit: transpiled from fn_values.ts for x86_64 by transpiler/main.ts (docs/SUBSET.md) */
#include "tsk_rt.h"

/* ---- types ---- */
struct fn_values__Device;
#line 6 "fn_values.ts"
typedef uint32_t (*fn_values__UnaryFn)(uint32_t);
#line 7 "fn_values.ts"
typedef uint32_t (*fn_values__Apply)(fn_values__UnaryFn, uint32_t);
#line 8 "fn_values.ts"
typedef void (*fn_values__Sink)(struct fn_values__Device *, uint64_t);

/* ---- structs ---- */
#line 10 "fn_values.ts"
struct fn_values__Device {
  fn_values__UnaryFn op;
  fn_values__Sink sink;
  uint32_t total;
};

/* ---- prototypes ---- */
uint32_t fn_values__Device__run(struct fn_values__Device *self, uint32_t x);
uint32_t fn_values__double(uint32_t x);
uint32_t fn_values__inc(uint32_t x);
void fn_values__ignore(struct fn_values__Device *d, uint64_t n);
uint32_t fn_values__applyTwice(fn_values__UnaryFn f, uint32_t x);
fn_values__UnaryFn fn_values__pick(bool up);
uint32_t fn_values__entry(uint32_t x);

/* ---- globals ---- */
#line 20 "fn_values.ts"
struct fn_values__Device fn_values__dev = { .op = fn_values__double, .sink = fn_values__ignore, .total = 0U };
#line 21 "fn_values.ts"
fn_values__UnaryFn fn_values__current = fn_values__double;
#line 22 "fn_values.ts"
const fn_values__Apply fn_values__APPLY = fn_values__applyTwice;

/* ---- functions ---- */

#line 15 "fn_values.ts"
uint32_t fn_values__Device__run(struct fn_values__Device *self, uint32_t x) {
#line 16 "fn_values.ts"
  return self->op(x);
}

#line 24 "fn_values.ts"
uint32_t fn_values__double(uint32_t x) {
#line 25 "fn_values.ts"
  return TSK_U32(((uint32_t)x + (uint32_t)x));
}

#line 28 "fn_values.ts"
uint32_t fn_values__inc(uint32_t x) {
#line 29 "fn_values.ts"
  return TSK_U32(((uint32_t)x + 1U));
}

#line 32 "fn_values.ts"
void fn_values__ignore(struct fn_values__Device *d, uint64_t n) {
  TSK_ASSUME_USIZE(n);
#line 33 "fn_values.ts"
  d->total = TSK_U32(((uint32_t)d->total + (uint32_t)TSK_U32(n)));
}

#line 36 "fn_values.ts"
uint32_t fn_values__applyTwice(fn_values__UnaryFn f, uint32_t x) {
#line 37 "fn_values.ts"
  const uint32_t once = f(x);
#line 38 "fn_values.ts"
  return f(once);
}

#line 41 "fn_values.ts"
fn_values__UnaryFn fn_values__pick(bool up) {
#line 42 "fn_values.ts"
  return up ? fn_values__inc : fn_values__double;
}

#line 45 "fn_values.ts"
uint32_t fn_values__entry(uint32_t x) {
#line 46 "fn_values.ts"
  const fn_values__UnaryFn f = fn_values__pick(true);
#line 47 "fn_values.ts"
  fn_values__UnaryFn g = f;
#line 48 "fn_values.ts"
  g = fn_values__current;
#line 49 "fn_values.ts"
  fn_values__current = fn_values__inc;
#line 50 "fn_values.ts"
  (&fn_values__dev)->op = g;
#line 51 "fn_values.ts"
  (&fn_values__dev)->sink((&fn_values__dev), 3ULL);
#line 52 "fn_values.ts"
  const uint32_t r = fn_values__APPLY(f, x);
#line 53 "fn_values.ts"
  return TSK_U32(((uint32_t)r + (uint32_t)fn_values__Device__run((&fn_values__dev), x)));
}
