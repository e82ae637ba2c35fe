// A folder's door: re-exports of lib/counter.ts (docs/SUBSET.md §1, `export { } from`).

export { bump, count, hiddenValue, resetTo, STEP } from "./counter.ts";
