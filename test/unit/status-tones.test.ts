/** Every status of every state machine has a badge colour; a new status without one fails here. */
import { describe, expect, it } from "vitest";
import { loadFullDmmf } from "../../admin/dmmf.js";
import { STATUS_TONES } from "../../admin/status-tones.js";

describe("status tones", () => {
  it("should colour every value of every status enum, and only values that exist", async () => {
    const enums = (await loadFullDmmf()).datamodel.enums.filter((e) => e.name.endsWith("Status"));
    const missing: string[] = [];
    for (const e of enums) for (const v of e.values) if (!STATUS_TONES[e.name]?.[v.name]) missing.push(`${e.name}.${v.name}`);
    expect(missing).toEqual([]);
    const stale: string[] = [];
    for (const [name, tones] of Object.entries(STATUS_TONES)) {
      const e = enums.find((x) => x.name === name);
      for (const v of Object.keys(tones)) if (!e?.values.some((x) => x.name === v)) stale.push(`${name}.${v}`);
    }
    expect(stale).toEqual([]);
  });
});
