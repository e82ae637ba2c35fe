// Golden helper: a folder's public door, re-exporting names of lib/impl.ts.

export { Pair, SCALE, scale } from "./impl.ts";
