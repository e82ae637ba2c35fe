import assert from "node:assert/strict";
import { u32 } from "../int.ts";
import { BOOT_ERR_FDT_RSVMAP, BOOT_ERR_PVH_MAGIC, BOOT_OK, bootErrorText } from "./boot_error.ts";

Deno.test("boot_error: every code has its own text", () => {
  const texts = new Set<string>();
  for (let code = BOOT_OK; code <= BOOT_ERR_FDT_RSVMAP; code++) {
    const t = bootErrorText(u32(code));
    assert.notEqual(t, "unknown error", `code ${code}`);
    texts.add(t);
  }
  assert.equal(texts.size, BOOT_ERR_FDT_RSVMAP + 1);
  assert.equal(bootErrorText(BOOT_ERR_PVH_MAGIC), "pvh: bad hvm_start_info magic");
  assert.equal(bootErrorText(u32(BOOT_ERR_FDT_RSVMAP + 1)), "unknown error");
});
