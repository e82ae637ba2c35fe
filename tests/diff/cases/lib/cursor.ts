// A helper module for unsafe_boundary.ts: a module-level instance of a class declared elsewhere.

import { Cursor } from "./peek.ts";

export const cursor = new Cursor();
