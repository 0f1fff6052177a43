/** Staff type amounts in riyals ("12.50"); the domain works in halalas (1250). */
import { ValidationError } from "../src/platform/errors.js";

export function parseMoneyInput(field: string, raw: string, required = false): number | undefined {
  const v = raw.trim().replace(/[,\s]/g, "").replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (!v) {
    if (required) throw new ValidationError(`${field} is required`, { [field]: "required" });
    return undefined;
  }
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) throw new ValidationError(`${field}: write an amount like 12.50`, { [field]: "write an amount like 12.50" });
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}
