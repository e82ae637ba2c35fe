// A helper of errors/layouts.ts: a layout whose name the fixture declares again.

import { u32 } from "../../../../kernel/int.ts";
import { layout } from "../../../../kernel/layout.ts";

export const Twin = layout("Twin", { a: "u32" });
export const TWIN_MARK: u32 = u32(1);
